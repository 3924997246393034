package workbench.item53;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

import workbench.bench.BenchRunner;
import workbench.bench.IdealBound;
import workbench.parallel.StartedStrategy;
import workbench.parallel.Strategy;
import workbench.timeline.StrategyTimeline;

/**
 * Item 53 (3rd ed. 68): threads for blocking I/O, not for parallelism.
 *
 * <p><b>Book claim.</b> Python's threads do not speed up CPU work (the GIL lets one run at a time), but they do
 * overlap blocking system calls, which release the GIL.
 *
 * <p><b>In Java.</b> Java's threads run CPU work in parallel too; a GIL model ({@code GIL_THREADS}) stands in for
 * Python's, and a warm pool of worker JVMs ({@code PROCESSES}) for its way out. Four benchmarks: CPU work
 * ({@link #factorize}), blocking calls ({@link #blockingCalls}), I/O beside CPU work under the GIL
 * ({@link #convoy}), and what recording a timeline costs ({@link #timeline}).
 *
 * <p><b>You should see</b> Java's threads and processes factorize near min(cores, workers, 12.1) times faster than
 * sequential, GIL threads at about 1x; every kind of thread overlap the blocking calls, {@code workers} at once;
 * and the GIL convoy: round trips beside a CPU-bound thread hundreds of times slower, less so at shorter switch
 * intervals.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar bench 53 [--quick]}, or this class's {@code main}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class Item53Benchmark implements IdealBound {

    static final int CALLS = 16;
    /** The book's slow system call blocks for 0.1 s. */
    static final Duration BLOCK = Item53.BLOCK;

    /** {@link #factorize}'s state: each CPU strategy at each worker count, started once per trial. */
    @State(Scope.Benchmark)
    public static class Cpu extends StartedStrategy {
        @Param({"SEQUENTIAL", "THREADS", "GIL_THREADS", "PROCESSES"})
        public String strategy;

        @Param({"1", "2", "4", "8", "16"})
        public int workers;

        @Override
        protected Strategy.Mapper startSelected() {
            return Strategy.named(strategy).start(workers);
        }
    }

    /** {@link #blockingCalls}'s state: each way to run the calls, on {@code workers} threads. */
    @State(Scope.Benchmark)
    public static class Blocking {
        @Param({"SEQUENTIAL", "THREADS", "GIL_THREADS"})
        public BlockingCalls strategy;

        @Param({"1", "2", "4", "8", "16"})
        public int workers;
    }

    /**
     * {@link #convoy}'s state: the I/O thread alone, beside a CPU-bound thread under the GIL at CPython's three switch
     * intervals, or with no GIL: every {@link Convoy.Setup}, as {@code item53.py convoy} measures CPython's.
     */
    @State(Scope.Benchmark)
    public static class ConvoyState {
        @Param({"ALONE", "BESIDE_CPU", "NO_GIL", "SWITCH_1MS", "SWITCH_100US"})
        public Convoy.Setup strategy;
    }

    /**
     * One op factorizes the 3rd edition's sixteen numbers (120 million modulo tests) with {@code workers} workers of
     * the given {@link Strategy}, already started (a warm pool). <b>You should see</b> {@code THREADS} and
     * {@code PROCESSES} approach min(cores, workers, 12.1) times the sequential speed (sixteen uneven numbers: total
     * work / largest = 12.09), and {@code GIL_THREADS} stay at about 1x: the book's lesson.
     */
    @Benchmark
    public List<List<Integer>> factorize(Cpu state) throws Exception {
        return state.mapper().map(Item53::factorize, Item53.NUMBERS_3RD_EDITION);
    }

    /**
     * One op makes sixteen of the book's 0.1 s slow system calls spread over {@code workers} threads
     * ({@link BlockingCalls}). <b>You should see</b> threads, with or without the GIL model, speed up close to
     * {@code workers} times, whatever the core count: waiting needs no core, and the GIL is released around the call.
     */
    @Benchmark
    public void blockingCalls(Blocking state) throws Exception {
        state.strategy.run(CALLS, state.workers, BLOCK);
    }

    /**
     * One op is {@link Convoy#ROUND_TRIPS} one-byte round trips between two threads over pipes
     * ({@link Convoy.Setup}), the echo replying at once as CPython's does. <b>You should see</b> {@code BESIDE_CPU}
     * take hundreds of times longer than {@code ALONE} and {@code NO_GIL}: the round trips where the CPU thread
     * retakes the GIL first each wait a switch interval or two (5 ms each), the GIL convoy; {@code SWITCH_1MS} and
     * {@code SWITCH_100US} shorten those waits with the interval.
     */
    @Benchmark
    public Convoy.Result convoy(ConvoyState state) throws Exception {
        return state.strategy.run(Convoy.ROUND_TRIPS);
    }

    /** {@link #timeline}'s state: {@code workbench timeline 53}'s examples, recorded or not. */
    @State(Scope.Benchmark)
    public static class Timeline extends StrategyTimeline {
        @Param({"gil-threads", "java-threads"})
        public String example;

        public Timeline() {
            super(53, "factorize");
        }

        @Override
        protected String row() {
            return example;
        }
    }

    /**
     * One op is {@code workbench timeline 53 --example factorize}'s run (the sixteen numbers factorized on
     * {@code Item53Examples.WORKERS} threads, under the GIL model or not) with the timeline's flight recording off
     * or on ({@link StrategyTimeline}). <b>You should see</b> the two rows within 5 %: what recording costs.
     */
    @Benchmark
    public void timeline(Timeline state) throws Exception {
        state.runExample();
    }

    /**
     * The bound {@code workbench report} measures against: for the CPU work min(cores, workers, total work /
     * largest task); for the blocking calls min(workers, calls), since waiting needs no core; none for the convoy.
     */
    @Override
    public double idealSpeedup(String method, Map<String, String> params, int cores) {
        if (method.equals("convoy") || method.equals("timeline")) {
            return Double.NaN; // latency or a recording's cost, not a speedup: no sequential baseline
        }
        int workers = Integer.parseInt(params.getOrDefault("workers", "1"));
        if (method.equals("blockingCalls")) {
            return Math.min(workers, CALLS);
        }
        return Math.min(Math.min(cores, workers), Item53.workBound(Item53.NUMBERS_3RD_EDITION));
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(BenchRunner.options(Item53Benchmark.class).build()).run();
    }
}
