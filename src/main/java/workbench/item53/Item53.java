package workbench.item53;

import java.io.IOException;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import workbench.Demo;
import workbench.demo.Narrator;
import workbench.gil.Gil;
import workbench.gil.GilStats;
import workbench.gil.Site;
import workbench.parallel.Checkpoint;
import workbench.parallel.Strategy;
import workbench.recording.Blocking;

/**
 * Item 53 (3rd ed. 68): Use Threads for Blocking I/O, Avoid for Parallelism.
 *
 * <p><b>Book claim.</b> CPython's GIL runs one thread at a time, so four threads factorize no faster than one;
 * but blocking system calls release the GIL, so five 0.1 s calls on five threads take 0.1 s, not 0.5 s.
 *
 * <p><b>In Java.</b> No GIL: the factorizations run on every core; the GIL model ({@code workbench.gil}) runs them
 * one at a time, as CPython does. The book's {@code select} returns at once on Linux; here a real 0.1 s
 * {@link Selector#select(long)} blocks.
 *
 * <p><b>You should see</b> Java threads up to min(cores, 3.1) times faster than serial, GIL-model threads no
 * faster; five calls taking about 0.5 s in turn and 0.1 s on threads, GIL model or not; ({@link Convoy}) an I/O
 * thread slowed by a CPU-bound one under the GIL model.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar run 53}, or this class's {@code main} from an IDE.
 */
public final class Item53 implements Demo {

    /** The book's numbers (2nd edition). */
    public static final List<Integer> NUMBERS = List.of(2139079, 1214759, 1516637, 1852285);
    /** The 3rd edition's sixteen larger numbers. */
    public static final List<Integer> NUMBERS_3RD_EDITION = List.of(7775876, 6694411, 5038540, 5426782,
            9934740, 9168996, 5271226, 8288002, 9403196, 6678888, 6776096, 9582542, 7107467, 9633726, 5747908,
            7613918);
    /** Untimed runs of every timed factorize path before the first timed one. */
    static final int WARM_UPS = 3;
    /** Timed runs of each path; the demo prints the median. */
    static final int RUNS = 3;
    /** The demo's timed comparisons, by the names its verdicts carry (and the figure check's table knows). */
    public static final String FACTORIZE_THREADS = "factorize, 4 numbers: threads over serial";
    public static final String FACTORIZE_GIL = "factorize, 4 numbers: GIL-model threads over serial";
    public static final String FACTORIZE_THREADS_3RD = "factorize, 16 numbers: threads over serial";
    public static final String FACTORIZE_GIL_3RD = "factorize, 16 numbers: GIL-model threads over serial";
    /** How long the book's stand-in for a slow system call blocks. */
    public static final Duration BLOCK = Duration.ofMillis(100);

    public static void main(String[] args) throws Exception {
        new Item53().run(Narrator.stdout());
    }

    /** The book's factorize: every i in 1..number that divides it, by trial division (number modulo tests). */
    public static List<Integer> factorize(int number, Checkpoint checkpoint) {
        List<Integer> factors = new ArrayList<>();
        for (int i = 1; i <= number; i++) {
            if (number % i == 0) {
                factors.add(i);
            }
            checkpoint.backEdge();
        }
        return factors;
    }

    /**
     * The book's {@code FactorizeThread}: a thread that factorizes one number and keeps the result for whoever
     * joins it. Given a {@link Gil}, it runs as a Python thread would: under the GIL, checking for a switch at
     * every iteration.
     */
    public static final class FactorizeThread extends Thread {

        private final int number;
        private final Gil gil;
        private volatile List<Integer> factors;
        private volatile InterruptedException interrupted;

        public FactorizeThread(int number) {
            this(number, null);
        }

        public FactorizeThread(int number, Gil gil) {
            super("factorize-" + number);
            this.number = number;
            this.gil = gil;
        }

        @Override
        public void run() {
            if (gil == null) {
                factors = factorize(number, Checkpoint.NONE);
                return;
            }
            try {
                gil.runAsPythonThread(() -> factors = factorize(number, () -> gil.check(Site.BACK_EDGE)));
            } catch (InterruptedException e) {
                interrupted = e;                    // told to whoever joins, by factors()
                Thread.currentThread().interrupt();
            }
        }

        /**
         * The factors, once the thread has been joined.
         *
         * @throws InterruptedException if the thread was interrupted before it finished (no factors then)
         */
        public List<Integer> factors() throws InterruptedException {
            if (interrupted != null) {
                InterruptedException e = new InterruptedException(getName() + " was interrupted before it finished");
                e.initCause(interrupted);
                throw e;
            }
            return factors;
        }
    }

    /** Starts one {@link FactorizeThread} per number, joins them all, returns their factors in order. */
    public static List<List<Integer>> factorizeOnThreads(List<Integer> numbers, Gil gil) throws InterruptedException {
        List<FactorizeThread> threads = new ArrayList<>();
        for (int number : numbers) {
            FactorizeThread thread = new FactorizeThread(number, gil);
            thread.start();
            threads.add(thread);
        }
        List<List<Integer>> results = new ArrayList<>();
        for (FactorizeThread thread : threads) {
            if (!thread.join(Duration.ofMinutes(2))) {
                throw new IllegalStateException(thread.getName() + " did not finish within 2 minutes");
            }
            results.add(thread.factors());
        }
        return results;
    }

    /**
     * The book's {@code slow_systemcall}: a system call that blocks for 0.1 s. {@code select} with nothing to wait
     * for but its timeout, as the book intends (its unconnected socket makes Linux's select return at once).
     */
    public static void slowSystemcall(Duration block) throws IOException {
        try (Selector selector = Selector.open()) {
            long deadline = System.nanoTime() + block.toNanos();
            Blocking.run("select", () -> {
                long left;
                while ((left = deadline - System.nanoTime()) > 0) {
                    selector.select(Math.max(1, left / 1_000_000));
                }
            });
        }
    }

    /** The book's no-op stand-in for the main thread's own work while the calls block. */
    static int computeHelicopterLocation(int index) {
        return index;
    }

    @Override
    public void run(Narrator out) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        for (int warmUp = 0; warmUp < WARM_UPS; warmUp++) {          // every timed path alike, not serial alone
            Strategy.SEQUENTIAL.map(Item53::factorize, NUMBERS, 1);
            factorizeOnThreads(NUMBERS, null);
            factorizeOnThreads(NUMBERS, Gil.create());
        }
        out.javaf("factorize ran %d times untimed first, serial, on threads and under the GIL model alike, so the JIT"
                + " has compiled every path (CPython has no JIT); each time below is the median of %d runs, the ways"
                + " taking turns, so a busy moment slows each alike.", WARM_UPS, RUNS);
        GilStats[] lastGil = new GilStats[1];
        List<Narrator.Timed<List<List<Integer>>>> four = Narrator.medians(RUNS, List.of(
                () -> Strategy.SEQUENTIAL.map(Item53::factorize, NUMBERS, 1),
                () -> factorizeOnThreads(NUMBERS, null),
                () -> {
                    Gil gil = Gil.create();
                    List<List<Integer>> factors = factorizeOnThreads(NUMBERS, gil);
                    lastGil[0] = gil.stats();
                    return factors;
                }));
        var serial = four.get(0);
        var threaded = four.get(1);
        var underGil = four.get(2);

        out.example("1-2", "factorize the book's four numbers, one after another");
        out.tookLine(serial);

        out.example("3-5", "one FactorizeThread per number");
        out.tookLine(threaded);
        check(out, serial.value(), threaded.value());
        double speedup = serial.seconds() / threaded.seconds();
        out.javaf("%.2fx the serial speed on %d cores: %s (%.0f ms serial); Item53Benchmark measures longer.",
                speedup, cores, out.verdict(FACTORIZE_THREADS, speedup, Math.min(cores, workBound(NUMBERS))),
                serial.seconds() * 1e3);

        out.beyond("the same four threads under the GIL model: what CPython does");
        out.tookLine(underGil);
        check(out, serial.value(), underGil.value());
        double gilSpeedup = serial.seconds() / underGil.seconds();
        out.javaf("%.2fx of serial (the GIL handed over %d times in the last run): %s; one thread runs at a time, so"
                + " serial is the best it can do.", gilSpeedup, lastGil[0].switches(),
                out.verdict(FACTORIZE_GIL, gilSpeedup, 1));

        out.beyond("the 3rd edition's sixteen larger numbers: serial, 16 threads, 16 under the GIL");
        List<Narrator.Timed<List<List<Integer>>>> sixteen = Narrator.medians(RUNS, List.of(
                () -> Strategy.SEQUENTIAL.map(Item53::factorize, NUMBERS_3RD_EDITION, 1),
                () -> factorizeOnThreads(NUMBERS_3RD_EDITION, null),
                () -> factorizeOnThreads(NUMBERS_3RD_EDITION, Gil.create())));
        sixteen.forEach(out::tookLine);
        var serial3 = sixteen.get(0);
        var threads3 = sixteen.get(1);
        var gil3 = sixteen.get(2);
        check(out, serial3.value(), threads3.value());
        check(out, serial3.value(), gil3.value());
        double speedup3 = serial3.seconds() / threads3.seconds();
        out.javaf("Java threads %.2fx the serial speed on %d cores: %s.", speedup3, cores,
                out.verdict(FACTORIZE_THREADS_3RD, speedup3, Math.min(cores, workBound(NUMBERS_3RD_EDITION))));
        double gilSpeedup3 = serial3.seconds() / gil3.seconds();
        out.javaf("GIL-model threads %.2fx: %s.", gilSpeedup3, out.verdict(FACTORIZE_GIL_3RD, gilSpeedup3, 1));

        out.beyond("one worker JVM per number, through the process pool (see Item 64)");
        var processes = out.took(() -> Strategy.PROCESSES.map(Item53::factorize, NUMBERS, NUMBERS.size()));
        check(out, serial.value(), processes.value());
        out.java("Parallel past any GIL, but the time includes starting four JVMs.");

        out.example("6-7", "five slow system calls, one after another");
        out.took(() -> BlockingCalls.SEQUENTIAL.run(5, 1, BLOCK));
        out.java("The book's select returns at once on Linux (CPython prints Took 0.000); this one really blocks.");

        out.example("8-9", "five slow system calls on five threads, while the main thread computes");
        out.took(() -> BlockingCalls.THREADS.run(5, 5, BLOCK));

        out.beyond("the same five threads under the GIL model, each call releasing the GIL");
        out.took(() -> BlockingCalls.GIL_THREADS.run(5, 5, BLOCK));

        ConvoyDemo.show(out); // the caveat: an I/O thread beside a CPU-bound one waits a switch interval per read

        out.seeTimeline(53);
    }

    /** Total work / largest task: the most any number of workers can speed these numbers up. */
    static double workBound(List<Integer> numbers) {
        return numbers.stream().mapToDouble(Integer::doubleValue).sum() / Collections.max(numbers);
    }

    /** Records whether a strategy found the serial run's factors; they must. */
    private static void check(Narrator out, List<List<Integer>> expected, List<List<Integer>> actual) {
        out.fact("factors-agree", expected.equals(actual));
        if (!expected.equals(actual)) {
            throw new IllegalStateException("the strategies disagree: " + expected + " vs " + actual);
        }
    }
}
