package workbench.procpool;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An informal probe, not a test and not a benchmark (Item 53's and 64's JMH benchmarks measure properly): the
 * round trip of a trivial task through a warm pool, one task at a time, against a thread pool's. Python 3's
 * {@code ProcessPoolExecutor} takes about 0.44 ms for the same on a 2-core machine.
 *
 * <p>Run: {@code java -cp target/classes:target/test-classes workbench.procpool.RoundTripProbe [tasks]}
 */
public final class RoundTripProbe {

    private RoundTripProbe() {
    }

    public static void main(String[] args) throws Exception {
        int tasks = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        try (ProcessPool pool = ProcessPool.builder().workers(2).allow("workbench.procpool.*").build().prestart()) {
            report("process pool, warm", pool, tasks);
        }
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            report("thread pool", threads, tasks);
        }
    }

    private static void report(String name, ExecutorService executor, int tasks) throws Exception {
        SerializableCallable<Integer> trivial = () -> 1;
        for (int i = 0; i < tasks; i++) {
            executor.submit(trivial).get(); // warm-up: both JITs
        }
        long[] nanos = new long[tasks];
        for (int i = 0; i < tasks; i++) {
            long start = System.nanoTime();
            executor.submit(trivial).get();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1e3;
        System.out.printf("%-20s %d round trips: mean %.1f us, median %.1f us, p90 %.1f us, p99 %.1f us%n", name,
                tasks, mean, nanos[tasks / 2] / 1e3, nanos[tasks * 9 / 10] / 1e3, nanos[tasks * 99 / 100] / 1e3);
        if (executor instanceof ProcessPool pool) {
            List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
            System.out.println("map check: " + squares);
        }
    }
}
