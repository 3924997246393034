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
import workbench.life.LifeBench;

/**
 * Item 60: highly concurrent I/O, three ways and against threads.
 *
 * <p><b>{@code fanOut}: one op</b> is {@code tasks} units of work that each wait {@code latencyMillis} (10 ms) of
 * simulated I/O, all started at once and all awaited ({@link FanOut}): a fixed pool of 200 platform threads, a
 * virtual thread per task, a {@code CompletableFuture} per task completed by a timer ({@code allOf} as gather), a
 * task per unit on one event loop awaiting a loop timer, or ({@code PROCESS_POOL}, the multi-process row) one share
 * of the tasks per worker JVM of a warm pool of {@value FanOut#PROCESS_WORKERS} (started once per trial), each
 * worker running its share on virtual threads and answering a count. There is no sequential row on purpose:
 * sequentially an op is exactly tasks x latency (100,000 x 10 ms = 1,000 s), so compare against the ideal bound
 * instead, one latency (10 ms) per op; the fixed pool's bound is ceil(tasks / 200) latencies.
 *
 * <p><b>{@code platformThreadPerTask}: one op</b> is the same with a new platform thread per task, limited by
 * design to at most 2,000 tasks (and never more than 2,000 threads alive at once): 100,000 platform threads would
 * be 100,000 OS threads (Linux's default {@code pid_max} is 32,768), taking the machine down rather than measuring
 * it. Its rows stop at 2,000.
 *
 * <p><b>{@code generation}: one op</b> is one Game of Life generation of a {@code size} grid (as in Items 56-59,
 * {@link LifeBench}) with {@code ioMillis} of I/O per cell in {@code game_logic}: blocking sleeps on a virtual thread
 * per cell ({@code virtualThreads}) or on the virtual threads behind each cell's future ({@code
 * completableFutures}), a loop timer on the event loop ({@code eventLoop}). The sequential row is Item56Benchmark's
 * (the report finds it in item56.json).
 *
 * <p><b>You should see</b> virtual threads, futures and the event loop near one latency up to 10,000 tasks and
 * within a few latencies at 100,000 (the cost of creating 100,000 tasks shows); CPython's asyncio needs about 14 us
 * per task, about 1.4 s for 100,000 (the figure, for comparison); the process pool at about the virtual
 * threads' time plus a round trip to each worker per op (a task and an answer serialised per worker): processes add
 * nothing to I/O but that cost, and a worker waiting one task at a time would cap the waits in flight at the number
 * of JVMs (see {@link FanOut}); the fixed pool at about ceil(tasks / 200) latencies (100,000: about 5 s); a platform
 * thread per task costing tens to hundreds of microseconds each to start; a generation with 10 ms of I/O taking
 * about 10 ms with any of the three styles, whatever the grid size. A smoke run of {@code fanOut} on 2 cores
 * busy with other builds (indicative only): 10 and 1,000 tasks, virtual threads 10.9 and 12.9 ms, the process pool
 * 15.1 and 19.4 ms (the round trips); 100,000 tasks, virtual threads 388 ms and the process pool 177 ms: there
 * creating the tasks, not waiting, is the cost, and each of the two JVMs creates half of them on its own thread and
 * heap, where one JVM's fan-out loop is one thread.
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

    @State(Scope.Benchmark)
    public static class FanOutState {

        @Param({"FIXED_POOL", "VIRTUAL_THREADS", "COMPLETABLE_FUTURES", "EVENT_LOOP", "PROCESS_POOL"})
        public String strategy;

        @Param({"10", "100", "1000", "10000", "100000"})
        public int tasks;

        @Param({"10"})
        public int latencyMillis;

        FanOut.Runner runner;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            runner = FanOut.Strategy.valueOf(strategy).open(Duration.ofMillis(latencyMillis), TIMEOUT);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            runner.close();
        }
    }

    @State(Scope.Benchmark)
    public static class PlatformState {

        @Param({"PLATFORM_THREADS"})
        public String strategy;

        /** Limited by design: at most {@link FanOut#PLATFORM_CAP} platform threads. */
        @Param({"10", "100", "1000", "2000"})
        public int tasks;

        @Param({"10"})
        public int latencyMillis;

        FanOut.Runner runner;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            if (tasks > FanOut.PLATFORM_CAP) {
                throw new IllegalArgumentException("a platform thread per task is limited to " + FanOut.PLATFORM_CAP
                        + " tasks by design, got " + tasks);
            }
            runner = FanOut.Strategy.valueOf(strategy).open(Duration.ofMillis(latencyMillis), TIMEOUT);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            runner.close();
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

    @Benchmark
    public int fanOut(FanOutState state) throws Exception {
        return state.runner.run(state.tasks);
    }

    @Benchmark
    public int platformThreadPerTask(PlatformState state) throws Exception {
        return state.runner.run(state.tasks);
    }

    @Benchmark
    public Grid generation(LifeState state) throws Exception {
        return state.step();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(BenchRunner.options(Item60Benchmark.class).build()).run();
    }
}
