package workbench.item53;

import java.io.IOException;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import workbench.Demo;
import workbench.demo.Narrator;
import workbench.gil.Gil;
import workbench.gil.GilStats;
import workbench.gil.Site;
import workbench.parallel.Checkpoint;
import workbench.parallel.Strategy;
import workbench.recording.BlockingCallEvent;

/**
 * Item 53 (3rd ed. 68): Use Threads for Blocking I/O, Avoid for Parallelism.
 *
 * <p><b>Book claim.</b> CPython's GIL lets one thread run Python code at a time, so threads do not speed up CPU
 * work (the book's factorization takes as long with four threads as without), but blocking system calls release
 * the GIL, so threads do overlap them: five 0.1 s calls take 0.1 s, not 0.5 s, while the main thread computes.
 *
 * <p><b>In Java.</b> Java threads have no GIL: the four factorizations run on as many cores as there are, a real
 * speedup. The workbench's model of CPython's GIL ({@code workbench.gil}) runs the same threads one at a time to
 * show what the book shows. Blocking calls overlap in both worlds. The book's blocking call, {@code select} on an
 * unconnected socket, returns at once on Linux; here it is a real 0.1 s {@link Selector#select(long)}.
 *
 * <p><b>You should see</b> Java threads about min(cores, 3.1) times faster than serial (four uneven numbers:
 * total work / largest = 3.14), the GIL-model threads no faster than serial, and the five blocking calls taking
 * about 0.5 s one after another and about 0.1 s on five threads, with or without the GIL model.
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
                Thread.currentThread().interrupt();
            }
        }

        /** The factors, once the thread has been joined. */
        public List<Integer> factors() {
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
            if (!thread.join(java.time.Duration.ofMinutes(2))) {
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
        BlockingCallEvent event = new BlockingCallEvent();
        event.begin();
        try (Selector selector = Selector.open()) {
            long deadline = System.nanoTime() + block.toNanos();
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                selector.select(Math.max(1, left / 1_000_000));
            }
        }
        if (event.shouldCommit()) {
            event.call = "select";
            event.commit();
        }
    }

    /** The book's no-op stand-in for the main thread's own work while the calls block. */
    static int computeHelicopterLocation(int index) {
        return index;
    }

    @Override
    public void run(Narrator out) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        for (int warmUp = 0; warmUp < 5; warmUp++) {
            Strategy.SEQUENTIAL.map(Item53::factorize, NUMBERS, 1);
        }
        out.java("factorize ran five times on every number, untimed, so that the JIT has compiled it; CPython has no JIT"
                + " to warm.");

        out.example("1-2", "factorize the book's four numbers, one after another");
        long start = System.nanoTime();
        List<List<Integer>> serial = Strategy.SEQUENTIAL.map(Item53::factorize, NUMBERS, 1);
        double serialSeconds = Narrator.seconds(start);
        out.took(start);

        out.example("3-5", "one FactorizeThread per number");
        start = System.nanoTime();
        List<List<Integer>> threaded = factorizeOnThreads(NUMBERS, null);
        double threadSeconds = Narrator.seconds(start);
        out.took(start);
        check(serial, threaded);
        out.javaf("%.2fx the serial speed on %d cores. Java threads run CPU work in parallel (the book's Python threads"
                + " were no faster, often slower), but %.0f ms of work timed once is mostly noise: the 3rd edition's"
                + " numbers below are bigger, and Item53Benchmark measures properly.", serialSeconds / threadSeconds,
                cores, serialSeconds * 1000);

        out.beyond("the same four threads under the GIL model: what CPython does");
        Gil gil = Gil.create();
        start = System.nanoTime();
        List<List<Integer>> underGil = factorizeOnThreads(NUMBERS, gil);
        double gilSeconds = Narrator.seconds(start);
        out.took(start);
        check(serial, underGil);
        GilStats stats = gil.stats();
        out.javaf("%.2fx of serial: one thread at a time, handing the GIL over %d times in %d ms switch intervals.",
                serialSeconds / gilSeconds, stats.switches(), gil.switchInterval().toMillis());

        out.beyond("the 3rd edition's sixteen larger numbers (Item 68): serial, 16 threads, 16 threads under the GIL");
        start = System.nanoTime();
        List<List<Integer>> serial3 = Strategy.SEQUENTIAL.map(Item53::factorize, NUMBERS_3RD_EDITION, 1);
        double serial3Seconds = Narrator.seconds(start);
        out.took(start);
        start = System.nanoTime();
        check(serial3, factorizeOnThreads(NUMBERS_3RD_EDITION, null));
        double threads3Seconds = Narrator.seconds(start);
        out.took(start);
        start = System.nanoTime();
        check(serial3, factorizeOnThreads(NUMBERS_3RD_EDITION, Gil.create()));
        double gil3Seconds = Narrator.seconds(start);
        out.took(start);
        out.javaf("Java threads %.2fx, GIL-model threads %.2fx the serial speed, on %d cores (the ideal is min(cores,"
                + " total work / largest number = 12.1)).", serial3Seconds / threads3Seconds,
                serial3Seconds / gil3Seconds, cores);

        out.beyond("one worker JVM per number, through the process pool (see Item 64)");
        start = System.nanoTime();
        check(serial, Strategy.PROCESSES.map(Item53::factorize, NUMBERS, NUMBERS.size()));
        out.took(start);
        out.java("Parallel past any GIL, but the time includes starting four JVMs: worth it only for bigger work.");

        out.example("6-7", "five slow system calls, one after another");
        start = System.nanoTime();
        BlockingCalls.SEQUENTIAL.run(5, 1, BLOCK);
        out.took(start);

        out.example("8-9", "five slow system calls on five threads, while the main thread computes");
        start = System.nanoTime();
        BlockingCalls.THREADS.run(5, 5, BLOCK);
        out.took(start);
        out.java("Blocking calls overlap on threads in Java exactly as in Python.");

        out.beyond("the same five threads under the GIL model, each call releasing the GIL");
        start = System.nanoTime();
        BlockingCalls.GIL_THREADS.run(5, 5, BLOCK);
        out.took(start);
        out.java("The GIL is released around each call, as CPython releases it around select: they still overlap.");

        Convoy.show(out); // the caveat: an I/O thread beside a CPU-bound one waits a switch interval per read

        out.seeTimeline(53);
    }

    private static void check(List<List<Integer>> expected, List<List<Integer>> actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException("the strategies disagree: " + expected + " vs " + actual);
        }
    }
}
