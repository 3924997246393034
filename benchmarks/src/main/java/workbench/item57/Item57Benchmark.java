package workbench.item57;

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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

import workbench.bench.BenchRunner;
import workbench.life.Grid;
import workbench.life.ProcessPoolRows;
import workbench.strategies.LifeBench;
import workbench.timeline.TimelineRecording;
import workbench.timeline.WayTimeline;

/**
 * Item 57 (3rd ed. 72): a new thread per cell against Item 56's sequential baseline.
 *
 * <p><b>Book claim.</b> A thread per unit of work overlaps the I/O, but threads cost memory and start-up time, so
 * on-demand fan-out does not scale.
 *
 * <p><b>In Java.</b> The same platform threads, measured two ways: one generation with a thread per cell
 * ({@link #generation}, beside the multi-process row, bands of rows on worker JVMs), and what 10,000 threads alive
 * at once cost to start, platform against virtual ({@link #startAndHold}).
 *
 * <p><b>You should see</b> with I/O, a generation in about one latency plus thread start-up; without I/O, a thread
 * per cell far slower than sequential; 10,000 platform threads taking a fraction of a second to many seconds to
 * start, virtual threads a small fraction of that.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar bench 57}, or this class's {@code main} from an IDE.
 */
@Fork(1)
public class Item57Benchmark implements LifeBench.Bound {

    @State(Scope.Benchmark)
    public static class Generation extends LifeBench.BookGrids {

        /**
         * {@code threadPerCell} starts and joins one platform thread per cell (45 for 5x9, 400 for 20x20);
         * {@code processPool} sends one band of rows to each of {@code workers} worker JVMs of one pool started and
         * warmed once per trial ({@link ProcessPoolRows}, as in Item 59), not a process per cell: the demo measures
         * JVM starts and extrapolates what a process per cell would cost (about a hundred milliseconds or more
         * each, seconds per generation).
         */
        @Param({"sequential", "threadPerCell", "processPool"})
        public String strategy;

        /**
         * The process row's worker JVMs (ignored by the others), bounded: the same 10 as Item 59's thread pool, so
         * the rows line up, and a JVM per cell (45 or 400 of them, each tens of MB of heap and its own JIT) is
         * exactly what the item warns against for threads, only costlier.
         */
        @Param({"10"})
        public int workers;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            open(strategy, workers);
        }
    }

    @State(Scope.Benchmark)
    public static class Threads {

        @Param({"PLATFORM", "VIRTUAL"})
        public ThreadCost.Kind kind;

        @Param({"10000"})
        public int count;
    }

    /**
     * One op is one generation of a {@code size} grid with {@code ioMillis} of simulated I/O per cell in
     * {@code game_logic}.
     *
     * <p><b>You should see</b> with I/O, a generation in about one latency plus thread start-up (start-up dominates
     * at 20x20, and grows with the grid); without I/O, thread-per-cell far slower than sequential. CPython's thread
     * per cell beside it, measured in the same run: benchmarks/results/2cpu-intel-xeon/REPORT.md#item-57. The
     * process row: with I/O, the largest band's cells x latency (5x9 on 10 JVMs: 5 bands of one row, 9
     * cells, 9 x 10 ms; 20x20: 2 rows, 40 cells), slower than a thread per cell, which waits all cells at once;
     * without I/O, a round trip of milliseconds per generation, which dwarfs the microseconds of work
     * (Item59Benchmark's {@code generationBySize} says where, if ever, bands of rows pay off). The rows recorded
     * on each machine are in its REPORT.md, for instance benchmarks/results/2cpu-amd-epyc/REPORT.md#item-57.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 3, time = 1)
    public Grid generation(Generation state) throws Exception {
        return state.step();
    }

    /**
     * One op (single shot) starts {@code count} threads of {@code kind} that are all alive at once, then releases
     * and joins them: the cost of a grid of 10,000 cells fanned out this way. <b>You should see</b> 10,000 platform
     * threads take from a fraction of a second to many seconds to start depending on the machine's kernel and
     * virtualisation (recorded: benchmarks/results/2cpu-intel-xeon/REPORT.md#item-57); virtual threads a small
     * fraction of that.
     */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1)
    @Measurement(iterations = 2)
    public ThreadCost.Cost startAndHold(Threads state) throws Exception {
        ThreadCost.Cost cost = ThreadCost.measure(state.kind, state.count, Duration.ofSeconds(120));
        if (cost.broke().isPresent()) {
            throw new IllegalStateException("only " + cost.started() + " threads started: " + cost.broke().get());
        }
        return cost;
    }

    /** {@link #timeline}'s state: {@code workbench timeline 57}'s example {@code generation}, recorded or not. */
    @State(Scope.Benchmark)
    public static class Timeline extends WayTimeline {
        /**
         * The way's slug. The sequential way is Item 56's row; the process pool is left out: each op would start its
         * worker JVMs.
         */
        @Param({"thread-per-cell"})
        public String way;

        public Timeline() {
            super(57, "generation");
        }
    }

    /**
     * One op is {@code workbench timeline 57 --example generation}'s run (the glider's generations, a thread started
     * per cell, each cell a unit of work the recording marks) with the timeline's recording off or on
     * ({@link TimelineRecording}: the flight recording and the scheduler sampler). <b>You should see</b> the two rows
     * within 5 %: what recording costs.
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
        new Runner(BenchRunner.options(Item57Benchmark.class).build()).run();
    }
}
