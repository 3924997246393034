package workbench.item64;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import workbench.Demo;
import workbench.demo.Narrator;
import workbench.parallel.Checkpoint;
import workbench.parallel.CpuTask;
import workbench.parallel.Strategy;
import workbench.procpool.ProcessPool;

/**
 * Item 64 (3rd ed. 79): Consider concurrent.futures for True Parallelism.
 *
 * <p><b>Book claim.</b> Python's threads cannot run CPU work in parallel (the GIL), but a
 * {@code ProcessPoolExecutor} can: swapping it for the {@code ThreadPoolExecutor} is the one change, and it pays
 * for isolated, high-leverage tasks (little data in and out, much computation), where serialising work to the
 * child processes costs little next to the work itself.
 *
 * <p><b>In Java.</b> There is no GIL: the thread pool alone already runs the ten gcd computations on every core.
 * The process pool ({@link ProcessPool}, worker JVMs, builds on Item 52's child processes) is the book's one
 * change, shown for the lesson: the same serialisable tasks, another executor. The GIL model
 * ({@code workbench.gil}) shows what CPython's threads do with the same work, and a parallel stream is the
 * idiomatic Java answer. Ten uneven tasks cannot speed up more than total work / largest task (5.39x here),
 * however many cores there are.
 *
 * <p><b>You should see</b> Java threads near min(cores, 5.39) times faster than serial; threads under the GIL
 * model about as slow as serial; the process pool slower than the threads on the small 2nd-edition numbers (it
 * pays to start JVMs) and close to them on the 3rd edition's ten-times-larger numbers.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar run 64}, or this class's {@code main} from an IDE.
 * It builds on Item 52 (child processes) and Item 53 (the GIL model).
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
    /** The 3rd edition multiplies every number by ten: the same gcds times ten, ten times the work. */
    public static final List<Pair> NUMBERS_3RD_EDITION = NUMBERS.stream()
            .map(p -> new Pair(p.a() * 10, p.b() * 10)).toList();

    /** Two numbers whose greatest common divisor is wanted. Serialisable, so it can travel to a worker JVM. */
    public record Pair(int a, int b) implements java.io.Serializable {

        /** The loop iterations {@link #gcd} makes for this pair: its share of the work. */
        public long work() {
            return Math.min(a, b) - java.math.BigInteger.valueOf(a).gcd(java.math.BigInteger.valueOf(b)).intValue()
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
            throws InterruptedException, ExecutionException {
        return Strategy.runAll(pool, GCD, pairs);
    }

    @Override
    public void run(Narrator out) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, Double> seconds = new LinkedHashMap<>();

        out.example("1", "my_module.gcd: brute force, counting down from the smaller number");
        out.java("Item64.gcd(Pair, Checkpoint): the checkpoint is where CPython would check for a GIL switch;"
                + " it costs nothing outside the GIL model.");

        for (int warmUp = 0; warmUp < 5; warmUp++) {
            Strategy.SEQUENTIAL.map(Item64::gcd, NUMBERS, 1);
        }
        out.java("gcd ran five times, untimed, so that the JIT has compiled it: without that the first timing below"
                + " would include compilation. CPython has no JIT to warm.");

        out.example("2", "run_serial.py: map gcd over the ten pairs");
        seconds.put("serial", timed(out, () -> Strategy.SEQUENTIAL.map(Item64::gcd, NUMBERS, 1)));

        out.example("3", "run_threads.py: ThreadPoolExecutor(max_workers=2)");
        seconds.put("threads", timed(out, () -> {
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                return runWith(pool, NUMBERS);
            }
        }));
        out.java("Java threads have no GIL: the two run at once on two cores.");

        out.example("4", "run_parallel.py: ProcessPoolExecutor(max_workers=2), the one change");
        seconds.put("processes", timed(out, () -> {
            try (ExecutorService pool = ProcessPool.of(2)) { // The one change
                return runWith(pool, NUMBERS);
            }
        }));
        out.java("Same tasks, another executor: two worker JVMs. Their start-up is in the time, as the book's is.");

        out.beyond("the same two threads under the GIL model, as CPython runs them");
        seconds.put("GIL threads", timed(out, () -> Strategy.GIL_THREADS.map(Item64::gcd, NUMBERS, 2)));
        out.java("One thread at a time: about the serial time, the book's reason to reach for processes.");

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
        out.java("A pool pays its start-up once; Item64Benchmark measures warm pools against threads.");

        out.beyond("speedups over serial");
        double bound = workBound(NUMBERS);
        out.javaf("%d cores; ten uneven tasks: total work / largest task = %.2f; ideal with 2 workers = %.2f,"
                + " with 8 = %.2f.", cores, bound, Math.min(Math.min(cores, 2), bound), Math.min(Math.min(cores, 8),
                bound));
        seconds.forEach((name, s) -> out.javaf("2nd edition, %-15s %6.3f s  %5.2fx", name + ":", s,
                seconds.get("serial") / s));
        third.forEach((name, s) -> out.javaf("3rd edition, %-15s %6.3f s  %5.2fx", name + ":", s,
                third.get("serial") / s));

        out.seeTimeline(64);
    }

    private interface Run {
        List<Integer> call() throws Exception;
    }

    private static double timed(Narrator out, Run run) throws Exception {
        return timed(out, run, EXPECTED);
    }

    /** Runs, prints the book's {@code Took ... seconds} line, and checks the results. */
    private static double timed(Narrator out, Run run, List<Integer> expected) throws Exception {
        long start = System.nanoTime();
        List<Integer> results = run.call();
        double seconds = Narrator.seconds(start);
        out.printf("Took %.3f seconds%n", seconds);
        if (!results.equals(expected)) {
            throw new IllegalStateException("wrong gcds: " + results + ", expected " + expected);
        }
        return seconds;
    }

    private static List<Integer> times(List<Integer> values, int factor) {
        List<Integer> out = new ArrayList<>();
        values.forEach(v -> out.add(v * factor));
        return out;
    }
}
