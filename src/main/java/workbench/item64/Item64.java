package workbench.item64;

import java.io.Serializable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

import workbench.Demo;
import workbench.demo.Narrator;
import workbench.parallel.Checkpoint;
import workbench.parallel.CpuTask;
import workbench.parallel.Strategy;
import workbench.procpool.ProcessPool;

/**
 * Item 64 (3rd ed. 79): Consider concurrent.futures for True Parallelism.
 *
 * <p><b>Book claim.</b> The GIL keeps Python's threads from running CPU work in parallel; swapping in a
 * {@code ProcessPoolExecutor} is the one change that does, and it pays for isolated, high-leverage tasks.
 *
 * <p><b>In Java.</b> No GIL: the thread pool alone runs the gcds on every core. {@link ProcessPool} (worker JVMs,
 * Item 52's child processes) is the book's one change; the GIL model (Item 53) shows CPython's threads, and a
 * parallel stream is the Java idiom. Ten uneven tasks cannot speed up more than total work / largest task.
 *
 * <p><b>You should see</b> Java threads up to min(cores, 2) times faster than serial, GIL-model threads no faster,
 * the process pool slower than threads on small numbers (JVM starts) and close on the 3rd edition's larger ones.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar run 64}, or this class's {@code main} from an IDE.
 */
public final class Item64 implements Demo {

    /** The book's ten pairs (2nd edition). */
    public static final List<Pair> NUMBERS = List.of(
            new Pair(1963309, 2265973), new Pair(2030677, 3814172), new Pair(1551645, 2229620),
            new Pair(2039045, 2020802), new Pair(1823712, 1924928), new Pair(2293129, 1020491),
            new Pair(1281238, 2273782), new Pair(3823812, 4237281), new Pair(3812741, 4729139),
            new Pair(1292391, 2123811));
    /** What gcd gives for {@link #NUMBERS}. */
    public static final List<Integer> EXPECTED = List.of(1, 1, 5, 1, 32, 1, 14, 9, 1, 9);
    /** The demo's timed comparisons, by the names its verdicts carry (and the figure check's table knows). */
    public static final String GCD_THREADS = "gcd: 2 threads over serial";
    public static final String GCD_GIL = "gcd: 2 GIL-model threads over serial";
    /** Timed runs of each compared way (serial, threads, GIL-model threads); the demo prints the median. */
    static final int RUNS = 3;
    /** The 3rd edition multiplies every number by ten: the same gcds times ten, ten times the work. */
    public static final List<Pair> NUMBERS_3RD_EDITION = NUMBERS.stream()
            .map(p -> new Pair(p.a() * 10, p.b() * 10)).toList();

    /** Two numbers whose greatest common divisor is wanted. Serialisable, so it can travel to a worker JVM. */
    public record Pair(int a, int b) implements Serializable {

        /** The loop iterations {@link #gcd} makes for this pair: its share of the work. */
        public long work() {
            return Math.min(a, b) - BigInteger.valueOf(a).gcd(BigInteger.valueOf(b)).intValue()
                    + 1L;
        }
    }

    public static void main(String[] args) throws Exception {
        new Item64().run(Narrator.stdout());
    }

    /** The book's {@code my_module.gcd}: counts down from the smaller number to the first common divisor. */
    public static int gcd(Pair pair, Checkpoint checkpoint) {
        int low = Math.min(pair.a(), pair.b());
        for (int i = low; i > 0; i--) {
            if (pair.a() % i == 0 && pair.b() % i == 0) {
                return i;
            }
            checkpoint.backEdge();
        }
        throw new AssertionError("Not reachable");
    }

    /**
     * {@link #gcd} as a task value that lives in the workbench's own code, as the book's task lives in
     * {@code my_module.py}: a worker JVM can load its class and so run it. A lambda or method reference written in a
     * JShell or notebook cell is an instance of a class made for that cell, which no worker can load (Python's
     * workers cannot import a function defined in a notebook's {@code __main__} either).
     */
    public static final CpuTask<Pair, Integer> GCD = Item64::gcd;

    /** Total work over the largest task: no number of workers can beat it. */
    public static double workBound(List<Pair> pairs) {
        long total = pairs.stream().mapToLong(Pair::work).sum();
        long largest = pairs.stream().mapToLong(Pair::work).max().orElse(1);
        return (double) total / largest;
    }

    /**
     * The book's run_threads and run_parallel share everything but the executor. This is that shared part:
     * submit gcd for every pair, gather the results in order.
     */
    static List<Integer> runWith(ExecutorService pool, List<Pair> pairs)
            throws InterruptedException, ExecutionException, TimeoutException {
        return Strategy.runAll(pool, GCD, pairs);
    }

    @Override
    public void run(Narrator out) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, Double> seconds = new LinkedHashMap<>();

        out.example("1", "my_module.gcd: brute force, counting down from the smaller number");
        for (int warmUp = 0; warmUp < 5; warmUp++) {
            Strategy.SEQUENTIAL.map(Item64::gcd, NUMBERS, 1);
        }
        Work serialWork = () -> Strategy.SEQUENTIAL.map(Item64::gcd, NUMBERS, 1);
        Work threadsWork = () -> {
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                return runWith(pool, NUMBERS);
            }
        };
        Work gilWork = () -> Strategy.GIL_THREADS.map(Item64::gcd, NUMBERS, 2);
        threadsWork.call();                                           // every timed path warmed, not serial alone
        gilWork.call();
        out.java("gcd ran five times untimed first, then once on two threads and once under the GIL model, so the JIT"
                + " has compiled every path the demo compares; serial, threads and GIL-model threads are each the"
                + " median of " + RUNS + " runs, taking turns.");
        List<Narrator.Timed<List<Integer>>> compared = Narrator.medians(RUNS,
                List.of(serialWork, threadsWork, gilWork));

        out.example("2", "run_serial.py: map gcd over the ten pairs");
        seconds.put("serial", printed(out, compared.get(0), EXPECTED));

        out.example("3", "run_threads.py: ThreadPoolExecutor(max_workers=2)");
        seconds.put("threads", printed(out, compared.get(1), EXPECTED));
        double threadSpeedup = seconds.get("serial") / seconds.get("threads");
        double ideal = Math.min(Math.min(cores, 2), workBound(NUMBERS));
        out.fact("thread-speedup", threadSpeedup);
        out.javaf("%.2fx the serial speed, %s; Item64Benchmark measures longer.", threadSpeedup,
                out.verdict(GCD_THREADS, threadSpeedup, ideal));

        out.example("4", "run_parallel.py: ProcessPoolExecutor(max_workers=2), the one change");
        seconds.put("processes", timed(out, () -> {
            try (ExecutorService pool = ProcessPool.of(2)) { // The one change
                return runWith(pool, NUMBERS);
            }
        }));
        out.java("Two worker JVMs; their start-up counts, as in the book.");

        out.beyond("the same two threads under the GIL model, as CPython runs them");
        seconds.put("GIL threads", printed(out, compared.get(2), EXPECTED));
        double gilSpeedup = seconds.get("serial") / seconds.get("GIL threads");
        out.javaf("%.2fx of serial, %s: one thread at a time cannot beat serial, the book's reason for processes.",
                gilSpeedup, out.verdict(GCD_GIL, gilSpeedup, 1));

        out.beyond("a parallel stream on a ForkJoinPool of 2, what Java programmers write");
        seconds.put("parallel stream", timed(out, () -> Strategy.FORK_JOIN.map(Item64::gcd, NUMBERS, 2)));

        out.beyond("the 3rd edition (Item 79): every number times ten, max_workers=8");
        Map<String, Double> third = new LinkedHashMap<>();
        List<Integer> expected3 = times(EXPECTED, 10);
        out.java("run_serial.py:");
        third.put("serial", timed(out, () -> Strategy.SEQUENTIAL.map(Item64::gcd, NUMBERS_3RD_EDITION, 1), expected3));
        out.java("run_threads.py, 8 threads:");
        third.put("threads", timed(out, () -> Strategy.THREADS.map(Item64::gcd, NUMBERS_3RD_EDITION, 8), expected3));
        try (Strategy.Mapper pool = Strategy.PROCESSES.start(8)) {
            out.java("run_parallel.py, 8 worker JVMs, their start-up included as in the book:");
            third.put("processes", timed(out, () -> pool.map(Item64::gcd, NUMBERS_3RD_EDITION), expected3));
            out.java("the same 8 workers again, now started and warm:");
            third.put("warm processes", timed(out, () -> pool.map(Item64::gcd, NUMBERS_3RD_EDITION), expected3));
        }

        out.beyond("speedups over serial");
        double bound = workBound(NUMBERS);
        out.fact("work-bound", bound);
        out.javaf("%d cores; total work / largest task = %.2f; ideal with 2 workers %.2f, with 8 %.2f.", cores, bound,
                Math.min(Math.min(cores, 2), bound), Math.min(Math.min(cores, 8), bound));
        seconds.forEach((name, s) -> out.javaf("2nd edition, %-15s %6.3f s  %5.2fx", name + ":", s,
                seconds.get("serial") / s));
        third.forEach((name, s) -> out.javaf("3rd edition, %-15s %6.3f s  %5.2fx", name + ":", s,
                third.get("serial") / s));

        out.seeTimeline(64);
    }

    private interface Run {
        List<Integer> call() throws Exception;
    }

    /** A way the demo compares, timed by {@link Narrator#medians}. */
    private interface Work extends Narrator.Work<List<Integer>> {
    }

    private static double timed(Narrator out, Run run) throws Exception {
        return timed(out, run, EXPECTED);
    }

    /** Runs, prints the book's {@code Took ... seconds} line, and checks the results. */
    private static double timed(Narrator out, Run run, List<Integer> expected) throws Exception {
        return printed(out, Narrator.time(run::call), expected);
    }

    /** Prints the book's {@code Took ... seconds} line for a timed run, and checks its results. */
    private static double printed(Narrator out, Narrator.Timed<List<Integer>> results, List<Integer> expected) {
        out.tookLine(results);
        if (!results.value().equals(expected)) {
            throw new IllegalStateException("wrong gcds: " + results.value() + ", expected " + expected);
        }
        return results.seconds();
    }

    private static List<Integer> times(List<Integer> values, int factor) {
        List<Integer> out = new ArrayList<>();
        values.forEach(v -> out.add(v * factor));
        return out;
    }
}
