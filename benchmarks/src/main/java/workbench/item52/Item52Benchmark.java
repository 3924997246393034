package workbench.item52;

import java.time.Duration;
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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

import workbench.bench.BenchRunner;
import workbench.bench.IdealBound;
import workbench.proc.Child;
import workbench.proc.ChildProcessException;
import workbench.timeline.TimelineRecording;
import workbench.timeline.WayTimeline;

/**
 * Item 52 (3rd ed. 67): children run in parallel with each other and with their parent.
 *
 * <p><b>Book claim.</b> Child processes started with {@code subprocess} run independently of the parent: started
 * all before any is waited for, ten sleeping children take about as long as one.
 *
 * <p><b>In Java.</b> {@link ProcessBuilder} children behave the same. Two benchmarks: the fan-out itself
 * ({@link #fanOut}) and what starting one child costs, an OS tool or a JVM ({@link #spawn}).
 *
 * <p><b>You should see</b> sequential children add up and parallel ones take about one sleep whatever the core
 * count; a JVM child costing tens of times what {@code true} costs. Speedups are derived by {@code workbench report}.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar bench 52 [--quick]}, or this class's {@code main}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class Item52Benchmark implements IdealBound {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @State(Scope.Benchmark)
    public static class FanOutState {
        @Param({"SEQUENTIAL", "PARALLEL"})
        public FanOut strategy;

        @Param({"1", "2", "4", "8", "16"})
        public int children;

        ChildTools tools;

        @Setup
        public void detectTools() {
            tools = ChildTools.detect();
        }
    }

    @State(Scope.Benchmark)
    public static class SpawnState {
        @Param({"os", "jvm"})
        public String child;

        ProcessBuilder command;

        @Setup
        public void chooseCommand() {
            command = (child.equals("jvm") ? ChildTools.jvm() : ChildTools.os()).doNothing();
        }
    }

    /**
     * One op starts {@code children} children that each sleep 100 ms and waits for all of them, either one after
     * another ({@link FanOut#SEQUENTIAL}) or all started before any is waited for ({@link FanOut#PARALLEL}, the
     * book's Example 3-4). <b>You should see</b> sequential grow as {@code children x 100 ms} and parallel stay near
     * 100 ms plus the cost of starting the children: the OS runs sleeping children at once whatever the core count.
     */
    @Benchmark
    public void fanOut(FanOutState state) throws ChildProcessException, InterruptedException {
        state.strategy.run(state.tools, state.children, "0.1", TIMEOUT);
    }

    /**
     * One op starts one child that does nothing and waits for it: {@code true} from the OS versus a child JVM
     * ({@link JavaTool}). <b>You should see</b> about a millisecond for {@code true} and tens of milliseconds for a
     * JVM: the price a process pool pays once per worker, and a thread never pays.
     */
    @Benchmark
    public int spawn(SpawnState state) throws ChildProcessException, InterruptedException {
        return Child.run(state.command, null, TIMEOUT).exitCode();
    }

    /**
     * The bound {@code workbench report} measures speedups against: sleeping children need no core, so
     * {@code children} of them can all overlap, whatever the core count.
     */
    @Override
    public double idealSpeedup(String method, Map<String, String> params, int cores) {
        String children = params.get("children");
        return children == null ? Double.NaN : Integer.parseInt(children);
    }

    /** {@link #timeline}'s state: {@code workbench timeline 52}'s example {@code fan-out}, recorded or not. */
    @State(Scope.Benchmark)
    public static class Timeline extends WayTimeline {
        /**
         * The way's slug. The sequential way is left out: the same calls one after another, ten sleeps long per op.
         * Where the OS's tools are missing the children are JVMs ({@link ChildTools}), and the row then measures their
         * starts.
         */
        @Param({"parallel"})
        public String way;

        public Timeline() {
            super(52, "fan-out");
        }
    }

    /**
     * One op is {@code workbench timeline 52 --example fan-out}'s run (ten children sleeping 0.1 s, all started before
     * any is waited for, each child's {@code waitFor} a blocking call the recording marks) with the timeline's
     * recording off or on ({@link TimelineRecording}: the flight recording and the scheduler sampler). <b>You should
     * see</b> the two rows within 5 %: what recording costs.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(1)
    @Warmup(iterations = 1, time = 2)
    @Measurement(iterations = 3, time = 2)
    public void timeline(Timeline state) throws Exception {
        state.runExample();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(BenchRunner.options(Item52Benchmark.class).build()).run();
    }
}
