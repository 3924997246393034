package workbench.item55;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.openjdk.jmh.annotations.AuxCounters;
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
import workbench.timeline.TimelineRecording;
import workbench.timeline.WayTimeline;

/**
 * Item 55 (3rd ed. 70): the download / resize / upload pipeline, and what busy-waiting costs against blocking.
 *
 * <p><b>Book claim.</b> Blocking, bounded queues coordinate a pipeline of threads: its stages overlap, and idle
 * workers wait without burning CPU, where a hand-made polling queue spins.
 *
 * <p><b>In Java.</b> The book's ClosableQueues and StoppableWorkers, measured three ways: the pipeline's
 * throughput by workers per stage and I/O latency ({@link #pipeline}, beside one thread and three child JVMs), the
 * two coordination designs ({@link #coordination}) and idle workers ({@link #idle}).
 *
 * <p><b>You should see</b> with 1 ms of I/O per stage the threads' stages overlap (up to three times faster than
 * sequential with three stages, faster again with 3/4/5 workers) and the child JVMs pay their start; polling
 * costs CPU while idle, blocking almost none.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar bench 55}, or this class's {@code main} from an IDE.
 */
@Fork(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class Item55Benchmark {

    static final int ITEMS = 1000;
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @State(Scope.Benchmark)
    public static class Pipeline {

        /**
         * {@code SEQUENTIAL}, one thread doing each item's three stages in turn; {@code THREADS}, the book's
         * ClosableQueues and StoppableWorkers ({@link Coordination#pipeline}), {@code workers} per stage, started and
         * stopped within the op; {@code PROCESSES}, three child JVMs joined by OS pipes ({@link ProcessPipeline},
         * Item 52's Unix pipeline), started within the op.
         */
        @Param({"SEQUENTIAL", "THREADS", "PROCESSES"})
        public PipelineStrategy strategy;

        /** Workers per stage: download/resize/upload ({@code THREADS} only; the others run one of each). */
        @Param({"1/1/1", "3/4/5"})
        public String workers;

        @Param({"0", "1"})
        public int latencyMillis;

        List<Integer> perStage;
        Stages stages;
        List<String> items;

        @Setup(Level.Trial)
        public void setUp() {
            perStage = Arrays.stream(workers.split("/")).map(Integer::valueOf).toList();
            stages = new Stages(Duration.ofMillis(latencyMillis));
            items = IntStream.range(0, ITEMS).mapToObj(i -> "image-" + i).toList();
        }
    }

    @State(Scope.Benchmark)
    public static class Design {

        @Param({"POLLING", "BLOCKING"})
        public Coordination coordination;
    }

    /** Stage workers' CPU time and runs in this iteration; divide the first by the second. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Cpu {
        public long workerCpuMicros;
        public long runs;

        @Setup(Level.Iteration)
        public void reset() {
            workerCpuMicros = 0;
            runs = 0;
        }
    }

    /**
     * One op pushes 1000 items (one line of text each) through the three stages, each stage waiting
     * {@code latencyMillis} of simulated I/O per item, by {@code strategy}.
     *
     * <p><b>You should see</b> without latency, sequential and threads fast (the stages do nothing) and processes
     * hundreds of ms, the price of starting three JVMs; with 1 ms, sequential 1000 x 3 x 1 ms per op, threads
     * 1/1/1 and processes 1000 x 1 ms (the stages overlap; processes plus their start) and threads 3/4/5 up to
     * three times faster again, bound by its 3 download workers. The child JVMs overlap their stages as threads
     * do, and starting three JVMs per run costs about what they save: they beat sequential once latency makes the
     * run long, never the threads. The rows recorded on each machine are in its REPORT.md, for instance
     * benchmarks/results/2cpu-intel-xeon/REPORT.md#item-55.
     */
    @Benchmark
    public int pipeline(Pipeline state) throws Exception {
        return state.strategy.run(state.items, state.perStage, state.stages, TIMEOUT).size();
    }

    /**
     * One op pushes 1000 items through the book's two one-worker-per-stage designs ({@link Coordination}): the
     * hand-made polling one and the blocking one; the counters {@code workerCpuMicros} / {@code runs} give the stage
     * workers' CPU time per op (from ThreadMXBean). <b>You should see</b> polling take at least one of the main
     * thread's completion polls per op ({@code Coordination.MAIN_POLL_MILLIS}, the book's 0.1 s), blocking a few
     * ms.
     */
    @Benchmark
    public int coordination(Design design, Cpu cpu) throws Exception {
        Coordination.Outcome outcome = design.coordination.run(ITEMS, Stages.IDENTITY, TIMEOUT);
        cpu.workerCpuMicros += outcome.workerCpuNanos() / 1000;
        cpu.runs++;
        return outcome.finished();
    }

    /**
     * One op leaves three workers with nothing to do for 100 ms; the counters give their CPU time, the price of
     * waiting. <b>You should see</b> idle polling workers use CPU every 10 ms; blocked ones almost none.
     */
    @Benchmark
    public long idle(Design design, Cpu cpu) throws Exception {
        long nanos = design.coordination.idleWorkerCpuNanos(Duration.ofMillis(100));
        cpu.workerCpuMicros += nanos / 1000;
        cpu.runs++;
        return nanos;
    }

    /** {@link #timeline}'s state: {@code workbench timeline 55}'s example {@code pipeline}, recorded or not. */
    @State(Scope.Benchmark)
    public static class Timeline extends WayTimeline {
        /**
         * The way's slug. Both ways run: the polling workers' sleeps and the blocking workers' waits are each thread's
         * states.
         */
        @Param({"polling", "blocking"})
        public String way;

        public Timeline() {
            super(55, "pipeline");
        }
    }

    /**
     * One op is {@code workbench timeline 55 --example pipeline}'s run (the book's pipeline, its workers polling or
     * blocking on the queues) with the timeline's recording off or on ({@link TimelineRecording}: the flight recording
     * and the scheduler sampler). <b>You should see</b> the two rows within 5 %: what recording costs.
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
        new Runner(BenchRunner.options(Item55Benchmark.class).build()).run();
    }
}
