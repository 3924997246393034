package workbench.item64;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

import workbench.bench.BenchRunner;
import workbench.bench.IdealBound;
import workbench.parallel.Checkpoint;
import workbench.parallel.StartedStrategy;
import workbench.parallel.Strategy;
import workbench.timeline.StrategyTimeline;

/**
 * Item 64 (3rd ed. 79): concurrent.futures for true parallelism.
 *
 * <p><b>Book claim.</b> Python's threads cannot run CPU work in parallel; swapping {@code ThreadPoolExecutor} for
 * {@code ProcessPoolExecutor} can, at the price of a round trip to a worker process per task.
 *
 * <p><b>In Java.</b> Every {@link Strategy} runs the same serialisable tasks: threads run in parallel, a GIL model
 * stands in for Python's threads, and a warm {@link workbench.procpool.ProcessPool} of worker JVMs is the process
 * pool. Four benchmarks, one question each: how the gcds scale ({@link #gcd}), from which task size the round
 * trip pays ({@link #taskSize}), what one round trip costs ({@link #roundTrip}), and what recording a timeline
 * costs ({@link #timeline}).
 *
 * <p><b>You should see</b> the gcds' threads and processes near min(cores, workers, 5.39) times the sequential speed
 * and the GIL model at 1x; processes losing to sequential below some task size; a round trip of a fraction of a
 * millisecond. (One class, not three: the recorded rows, the report's ideal bound and the catalogue name
 * {@code Item64Benchmark}.)
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar bench 64 [--quick]}, or this class's {@code main}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class Item64Benchmark implements IdealBound {

    /** taskSize and roundTrip run on a pool of two workers. */
    static final int POOL_SIZE = 2;

    /** {@link #gcd}'s state: each strategy at each worker count, started once per trial (a warm pool). */
    @State(Scope.Benchmark)
    public static class Pool extends StartedStrategy {
        @Param({"SEQUENTIAL", "THREADS", "GIL_THREADS", "PROCESSES", "FORK_JOIN"})
        public String strategy;

        @Param({"1", "2", "4", "8", "16"})
        public int workers;

        @Override
        protected Strategy.Mapper startSelected() {
            return Strategy.named(strategy).start(workers);
        }
    }

    /** {@link #taskSize}'s state: ten equal tasks of {@code iterations} loop iterations, on a pool of two. */
    @State(Scope.Benchmark)
    public static class Sweep extends StartedStrategy {
        @Param({"SEQUENTIAL", "THREADS", "PROCESSES"})
        public String strategy;

        @Param({"1000", "10000", "100000", "1000000", "10000000"})
        public int iterations;

        List<Item64.Pair> tasks;

        @Override
        protected Strategy.Mapper startSelected() {
            return Strategy.named(strategy).start(POOL_SIZE);
        }

        @Setup(Level.Trial)
        public void makeTasks() {
            // gcd(n, n + 1) is 1, found after exactly n iterations.
            tasks = Collections.nCopies(10, new Item64.Pair(iterations, iterations + 1));
        }
    }

    /** {@link #roundTrip}'s state: a warm pool of two threads or two worker JVMs. */
    @State(Scope.Benchmark)
    public static class Trip extends StartedStrategy {
        @Param({"THREADS", "PROCESSES"})
        public String strategy;

        final List<Integer> one = List.of(1);

        @Override
        protected Strategy.Mapper startSelected() {
            return Strategy.named(strategy).start(POOL_SIZE);
        }
    }

    /**
     * One op computes the 3rd edition's ten gcds (206 million loop iterations) with {@code workers} workers of the
     * given strategy, already started. <b>You should see</b> threads, the parallel stream and the warm process pool
     * approach min(cores, workers, 5.39) times the sequential speed (ten uneven tasks: total work / largest = 5.39),
     * the process pool within a few percent of the threads, and GIL-model threads at about 1x.
     */
    @Benchmark
    public List<Integer> gcd(Pool state) throws Exception {
        return state.mapper().map(Item64::gcd, Item64.NUMBERS_3RD_EDITION);
    }

    /**
     * One op runs ten tasks of {@code iterations} loop iterations each, sequentially, on two threads, or on two warm
     * worker JVMs. <b>You should see</b> the crossover: below some size the round trip to a worker costs more than
     * the work it saves, and the process pool loses to plain sequential code.
     */
    @Benchmark
    public List<Integer> taskSize(Sweep state) throws Exception {
        return state.mapper().map(Item64::gcd, state.tasks);
    }

    /**
     * One op submits a trivial task and waits for its answer: the fixed cost of one task on a warm pool of two.
     * CPython's ProcessPoolExecutor does the same ({@code benchmarks/python/item64.py} measures it beside ours:
     * benchmarks/results/2cpu-intel-xeon/REPORT.md#item-64).
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<Integer> roundTrip(Trip state) throws Exception {
        return state.mapper().map(Item64Benchmark::identity, state.one);
    }

    static Integer identity(Integer value, Checkpoint checkpoint) {
        return value;
    }

    /** {@link #timeline}'s state: {@code workbench timeline 64}'s examples, recorded or not. */
    @State(Scope.Benchmark)
    public static class Timeline extends StrategyTimeline {
        @Param({"serial", "threads", "gil-threads"})
        public String example;

        public Timeline() {
            super(64, "gcd");
        }

        @Override
        protected String row() {
            return example;
        }
    }

    /**
     * One op is {@code workbench timeline 64 --example gcd}'s run (gcd over the book's ten pairs, serially or on two threads,
     * under the GIL model or not) with the timeline's flight recording off or on
     * ({@link StrategyTimeline}). <b>You should see</b> the two rows within 5 %: what recording
     * costs.
     */
    @Benchmark
    public void timeline(Timeline state) throws Exception {
        state.runExample();
    }

    /**
     * The bound {@code workbench report} measures against: for the gcds min(cores, workers, total work / largest
     * task); the sweep runs ten equal tasks on two workers: min(cores, 2).
     */
    @Override
    public double idealSpeedup(String method, Map<String, String> params, int cores) {
        return switch (method) {
            case "gcd" -> Math.min(Math.min(cores, Integer.parseInt(params.get("workers"))),
                    Item64.workBound(Item64.NUMBERS_3RD_EDITION));
            case "taskSize" -> Math.min(cores, POOL_SIZE);
            default -> Double.NaN;
        };
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(BenchRunner.options(Item64Benchmark.class).build()).run();
    }
}
