package workbench.item56;

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
import workbench.life.Simulation;
import workbench.strategies.LifeBench;
import workbench.timeline.TimelineRecording;
import workbench.timeline.WayTimeline;

/**
 * Item 56 (3rd ed. 71): the sequential Game of Life, the baseline every later item is compared with.
 *
 * <p><b>Book claim.</b> Once every cell does I/O, stepping the cells one after another makes a generation take
 * cells x latency: the program needs fan-out and fan-in.
 *
 * <p><b>In Java.</b> The same, measured: one op is one generation ({@link #generation}) on the book's grids
 * ({@link LifeBench.BookGrids}), beside (beyond the book) the multi-process row: bands of rows on a warm pool of
 * worker JVMs ({@link ProcessPoolRows}, as in Item 59).
 *
 * <p><b>You should see</b> a generation take cells x latency once there is I/O (5x9 at 10 ms: 45 x 10 ms) and
 * microseconds without; the worker JVMs about halve the waits and lose by far without I/O.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar bench 56}, or this class's {@code main} from an IDE.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class Item56Benchmark implements LifeBench.Bound {

    @State(Scope.Benchmark)
    public static class LifeState extends LifeBench.BookGrids {

        /**
         * {@code sequential} steps every cell on the benchmark thread; {@code processPool} sends one band of rows
         * (with its two border rows, as strings) to each of {@code workers} worker JVMs, started and warmed once per
         * trial, which step their cells one by one and send the rows back.
         */
        @Param({"sequential", "processPool"})
        public String strategy;

        /**
         * 2, the cores of the machine the results were recorded on; the sequential rows carry it too and ignore
         * it, so each stays the baseline of the process row beside it.
         */
        @Param({"2"})
        public int workers;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            open(strategy, workers);
        }
    }

    /**
     * One op is one generation ({@link Simulation#step}) of a {@code size} grid, each cell's {@code game_logic}
     * waiting {@code ioMillis} of simulated I/O. The 5x9 grid is the book's glider.
     *
     * <p><b>You should see</b> time per generation = cells x latency once there is I/O: 45 x 1 ms and 45 x 10 ms
     * for 5x9, 400 x 1 ms and 400 x 10 ms for 20x20; microseconds without I/O. CPython's sequential generation,
     * measured in the same run (benchmarks/results/2cpu-intel-xeon/REPORT.md#item-56), costs the same: it is the
     * I/O, not the interpreter. The process row: with
     * I/O, the larger band's cells x latency (5x9 on 2 JVMs: 27 cells, about half the sequential time; the ideal is
     * 2x); without I/O, milliseconds of round trip where sequential needs microseconds, so it loses by far on these
     * grids. Where it would pay off without I/O (grids of a few hundred cells a side, if ever) is
     * Item59Benchmark's {@code generationBySize}. The rows recorded on each machine are in its REPORT.md, for
     * instance benchmarks/results/2cpu-amd-epyc/REPORT.md#item-56.
     */
    @Benchmark
    public Grid generation(LifeState state) throws Exception {
        return state.step();
    }

    /** {@link #timeline}'s state: {@code workbench timeline 56}'s example {@code generation}, recorded or not. */
    @State(Scope.Benchmark)
    public static class Timeline extends WayTimeline {
        /**
         * The way's slug. The process pool is left out: each op would start its worker JVMs.
         */
        @Param({"sequential"})
        public String way;

        public Timeline() {
            super(56, "generation");
        }
    }

    /**
     * One op is {@code workbench timeline 56 --example generation}'s run (the glider's generations stepped one cell
     * after another, each cell a unit of work the recording marks) with the timeline's recording off or on
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
        new Runner(BenchRunner.options(Item56Benchmark.class).build()).run();
    }
}
