package workbench.item60;

import java.io.IOException;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

import workbench.bench.BenchRunner;
import workbench.life.Grid;
import workbench.strategies.LifeBench;
import workbench.timeline.TimelineRecording;
import workbench.timeline.WayTimeline;

/**
 * Item 60 (3rd ed. 75): highly concurrent I/O, three ways and against threads.
 *
 * <p><b>Book claim.</b> Coroutines make a huge fan-out of blocking I/O cheap: each costs far less than a thread,
 * and the Game of Life ports to them with {@code async}/{@code await} alone.
 *
 * <p><b>In Java.</b> Virtual threads, {@code CompletableFuture}s and an event loop, against a fixed pool and (beyond
 * the book) worker JVMs: up to 100,000 waits at once ({@link #fanOut}), a platform thread per task for comparison
 * ({@link #platformThreadPerTask}), and one Game of Life generation ({@link #generation}).
 *
 * <p><b>You should see</b> the three styles near one latency up to 10,000 tasks and within a few at 100,000; the
 * fixed pool at ceil(tasks / 200) latencies; a generation with 10 ms of I/O in about one latency, whatever the
 * grid size.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar bench 60}, or this class's {@code main} from an IDE.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class Item60Benchmark {

    static final Duration TIMEOUT = Duration.ofSeconds(120);

    /**
     * What the two fan-out states share: the latency of each task, and the runner of a {@link FanOut.Strategy},
     * opened once per trial by the subclass (which declares its {@code strategy} and {@code tasks}) and closed here.
     */
    @State(Scope.Benchmark)
    public abstract static class Tasks {

        @Param({"10"})
        public int latencyMillis;

        FanOut.Runner runner;

        /** Opens the runner of the {@link FanOut.Strategy} named {@code strategy} for this trial. */
        protected final void open(String strategy) throws IOException {
            runner = FanOut.Strategy.valueOf(strategy).open(Duration.ofMillis(latencyMillis), TIMEOUT);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            runner.close();
        }
    }

    @State(Scope.Benchmark)
    public static class FanOutState extends Tasks {

        @Param({"FIXED_POOL", "VIRTUAL_THREADS", "COMPLETABLE_FUTURES", "EVENT_LOOP", "PROCESS_POOL"})
        public String strategy;

        @Param({"10", "100", "1000", "10000", "100000"})
        public int tasks;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            open(strategy);
        }
    }

    @State(Scope.Benchmark)
    public static class PlatformState extends Tasks {

        @Param({"PLATFORM_THREADS"})
        public String strategy;

        /** Limited by design: at most {@link FanOut#PLATFORM_CAP} platform threads. */
        @Param({"10", "100", "1000", "2000"})
        public int tasks;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            if (tasks > FanOut.PLATFORM_CAP) {
                throw new IllegalArgumentException("a platform thread per task is limited to " + FanOut.PLATFORM_CAP
                        + " tasks by design, got " + tasks);
            }
            open(strategy);
        }
    }

    @State(Scope.Benchmark)
    public static class LifeState extends LifeBench.BookGrids {

        @Param({"virtualThreads", "completableFutures", "eventLoop"})
        public String strategy;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            open(strategy, 0);
        }
    }

    /**
     * One op is {@code tasks} units of work that each wait {@code latencyMillis} (10 ms) of simulated I/O, all
     * started at once and all awaited ({@link FanOut}): a fixed pool of 200 platform threads, a virtual thread per
     * task, a {@code CompletableFuture} per task completed by a timer ({@code allOf} as gather), a task per unit on
     * one event loop awaiting a loop timer, or ({@code PROCESS_POOL}, the multi-process row) one share of the tasks
     * per worker JVM of a warm pool of {@value FanOut#PROCESS_WORKERS} (started once per trial), each worker running
     * its share on virtual threads and answering a count. There is no sequential row on purpose: sequentially an op
     * is exactly tasks x latency (100,000 x 10 ms = 1,000 s), so compare against the ideal bound instead, one
     * latency (10 ms) per op; the fixed pool's bound is ceil(tasks / 200) latencies.
     *
     * <p><b>Where 100,000 tasks' time goes</b> (seen with JFR and CPU-time counts, not wall clock): with the
     * default heap a young collection landed in nearly every op and copied the 100,000 parked virtual threads'
     * stacks, all alive while they wait; an op allocates most with virtual threads, less with the loop and the
     * futures, so with a young generation that holds several ops (this fork's {@code -Xmn1200m}) no collection
     * lands in an op. What is left is CPU per task: a virtual thread's start, park on the timer queue, unpark,
     * remount and exit, a little more through {@code newVirtualThreadPerTaskExecutor}'s set of live threads (so the
     * row starts its threads itself); less for the event loop on its one thread and a future on the timer thread;
     * the latch too little to sample.
     *
     * <p><b>You should see</b> virtual threads, futures and the event loop near one latency up to 10,000 tasks; at
     * 100,000 one latency plus that CPU spread over the cores (the rows, with CPython's asyncio measured by
     * {@code item60.py} in the same run: benchmarks/results/2cpu-intel-xeon/REPORT.md#item-60); the process
     * pool at the virtual threads' time plus a round trip to each worker per op (a task and an answer serialised per
     * worker): processes add nothing to I/O but that cost, and a worker waiting one task at a time would cap the
     * waits in flight at the number of JVMs (see {@link FanOut}); the fixed pool at about ceil(tasks / 200)
     * latencies (100,000: 500 latencies). Two forks of five 2 s iterations keep the interval narrower than the score.
     */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Xmn1200m"})
    @Warmup(iterations = 2, time = 1)
    @Measurement(iterations = 5, time = 2)
    public int fanOut(FanOutState state) throws Exception {
        return state.runner.run(state.tasks);
    }

    /**
     * One op is the same with a new platform thread per task, limited by design to at most 2,000 tasks (and never
     * more than 2,000 threads alive at once): 100,000 platform threads would be 100,000 OS threads (Linux's default
     * {@code pid_max} is 32,768), taking the machine down rather than measuring it. Its rows stop at 2,000.
     * <b>You should see</b> a platform thread per task costing tens to hundreds of microseconds each to start.
     */
    @Benchmark
    public int platformThreadPerTask(PlatformState state) throws Exception {
        return state.runner.run(state.tasks);
    }

    /**
     * One op is one Game of Life generation of a {@code size} grid (as in Items 56-59, {@link LifeBench}) with
     * {@code ioMillis} of I/O per cell in {@code game_logic}: blocking sleeps on a virtual thread per cell
     * ({@code virtualThreads}) or on the virtual threads behind each cell's future ({@code completableFutures}), a
     * loop timer on the event loop ({@code eventLoop}). The sequential row is Item56Benchmark's (the report finds it
     * in item56.json). <b>You should see</b> a generation with 10 ms of I/O taking about one latency with any of the
     * three styles, whatever the grid size.
     */
    @Benchmark
    public Grid generation(LifeState state) throws Exception {
        return state.step();
    }

    /** {@link #timeline}'s state: {@code workbench timeline 60}'s example {@code generation}, recorded or not. */
    @State(Scope.Benchmark)
    public static class Timeline extends WayTimeline {
        /**
         * The way's slug. All three ways run: none starts a JVM.
         */
        @Param({"virtual-threads", "completable-futures", "event-loop"})
        public String way;

        public Timeline() {
            super(60, "generation");
        }
    }

    /**
     * One op is {@code workbench timeline 60 --example generation}'s run (the glider's generations, a virtual thread, a
     * future or a coroutine per cell, each cell a unit of work the recording marks) with the timeline's recording off
     * or on ({@link TimelineRecording}: the flight recording and the scheduler sampler). <b>You should see</b> the two
     * rows within 5 %: what recording costs.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(1)
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 3, time = 1)
    public void timeline(Timeline state) throws Exception {
        state.runExample();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(BenchRunner.options(Item60Benchmark.class).build()).run();
    }
}
