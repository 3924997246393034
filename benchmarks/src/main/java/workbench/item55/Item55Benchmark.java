package workbench.item55;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Item 55: the download / resize / upload pipeline's throughput by workers per stage and I/O latency, and what
 * busy-waiting costs against blocking.
 *
 * <p><b>One op</b> of {@code pipeline} pushes 1000 items through the three stages ({@link Coordination#pipeline},
 * ClosableQueues and StoppableWorkers, {@code workers} per stage as download/resize/upload), each stage waiting
 * {@code latencyMillis} of simulated I/O per item, and stops every worker. <b>One op</b> of {@code coordination}
 * pushes 1000 items through the book's two one-worker-per-stage designs ({@link Coordination}): the hand-made
 * polling one and the blocking one. <b>One op</b> of {@code idle} leaves three workers with nothing to do for
 * 100 ms. For the last two the counters {@code workerCpuMicros} / {@code runs} give the stage workers' CPU time per
 * op (from ThreadMXBean), the price of waiting.
 *
 * <p><b>You should see</b> without latency, both worker counts fast (the stages do nothing); with 1 ms, 1/1/1 at
 * about 1 s per op (1000 x 1 ms in the slowest stage) and 3/4/5 about 3x faster, bound by its 3 download workers.
 * {@code coordination}: polling about 100 ms per op, the main thread's completion poll, blocking a few ms. Idle
 * polling workers use CPU every 10 ms; blocked ones almost none.
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

        /** Workers per stage: download/resize/upload. */
        @Param({"1/1/1", "3/4/5"})
        public String workers;

        @Param({"0", "1"})
        public int latencyMillis;

        List<Integer> perStage;
        Stages stages;

        @Setup(Level.Trial)
        public void setUp() {
            perStage = Arrays.stream(workers.split("/")).map(Integer::valueOf).toList();
            stages = new Stages(Duration.ofMillis(latencyMillis));
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

    @Benchmark
    public int pipeline(Pipeline state) throws Exception {
        return Coordination.pipeline(ITEMS, state.perStage, state.stages, TIMEOUT).finished();
    }

    @Benchmark
    public int coordination(Design design, Cpu cpu) throws Exception {
        Coordination.Outcome outcome = design.coordination.run(ITEMS, Stages.IDENTITY, TIMEOUT);
        cpu.workerCpuMicros += outcome.workerCpuNanos() / 1000;
        cpu.runs++;
        return outcome.finished();
    }

    @Benchmark
    public long idle(Design design, Cpu cpu) throws Exception {
        long nanos = design.coordination.idleWorkerCpuNanos(Duration.ofMillis(100));
        cpu.workerCpuMicros += nanos / 1000;
        cpu.runs++;
        return nanos;
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(Item55Benchmark.class.getSimpleName()).build()).run();
    }
}
