package workbench.item58;

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
 * Item 58 (3rd ed. 73): a fixed set of queue-fed workers (and the phased two-stage pipeline) against Item 56's
 * sequential baseline.
 *
 * <p><b>Book claim.</b> A fixed pool of worker threads fed by queues caps the cost of threads, at the price of a
 * much more complex program.
 *
 * <p><b>In Java.</b> The book's two pipelines on the same {@code ClosableQueue}, one op a generation
 * ({@link #generation}), beside (beyond the book) the same number of worker JVMs, a band of rows each.
 *
 * <p><b>You should see</b> with I/O, about cells / workers x latency per generation (5x9, 10 ms, 5 workers: 9
 * rounds of 10 ms, plus the hand-offs), the phased pipeline close to it; without I/O, both slower than sequential,
 * the worker JVMs far slower.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar bench 58}, or this class's {@code main} from an IDE.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class Item58Benchmark implements LifeBench.Bound {

    @State(Scope.Benchmark)
    public static class LifeState extends LifeBench.BookGrids {

        /**
         * {@code queueWorkers}: {@code workers} game_logic threads fed by a ClosableQueue, the main thread counting
         * neighbours; {@code phasedQueueWorkers}: {@code workers} count_neighbors threads plus {@code workers}
         * game_logic threads; {@code processPool}: {@code workers} worker JVMs, one band of rows each, sent with its
         * border rows as strings and stepped there cell by cell ({@link ProcessPoolRows}, as in Item 59). The workers
         * (threads or JVMs) are started once per trial, as the book starts them up front.
         */
        @Param({"sequential", "queueWorkers", "phasedQueueWorkers", "processPool"})
        public String strategy;

        @Param({"5"})
        public int workers;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            open(strategy, workers);
        }
    }

    /**
     * One op is one generation of a {@code size} grid with {@code ioMillis} of simulated I/O per cell in
     * {@code game_logic}.
     *
     * <p><b>You should see</b> with I/O, about cells / workers x latency per generation (5x9, 10 ms, 5 workers: 9
     * rounds of 10 ms, plus the hand-offs); the phased pipeline close to it, since only game_logic waits; without
     * I/O, the queue hand-offs make both slower than sequential. CPython's queue workers beside them, measured in
     * the same run: benchmarks/results/2cpu-intel-xeon/REPORT.md#item-58. The process row: with I/O, the same 5
     * waits at a time as the queue workers, the 5x9 grid in 5 bands of one row (9 cells, 9 x 10 ms), plus the round
     * trip; without I/O, milliseconds per generation of serialised rows, far behind sequential on these grids
     * (Item59Benchmark's {@code generationBySize}: where bands of rows pay off, if ever). The rows recorded on each
     * machine are in its REPORT.md, for instance benchmarks/results/2cpu-amd-epyc/REPORT.md#item-58.
     */
    @Benchmark
    public Grid generation(LifeState state) throws Exception {
        return state.step();
    }

    /** {@link #timeline}'s state: {@code workbench timeline 58}'s example {@code generation}, recorded or not. */
    @State(Scope.Benchmark)
    public static class Timeline extends WayTimeline {
        /**
         * The way's slug. The sequential way is Item 56's row; the process pool is left out: each op would start its
         * worker JVMs.
         */
        @Param({"queue-workers", "phased-queue-workers"})
        public String way;

        public Timeline() {
            super(58, "generation");
        }
    }

    /**
     * One op is {@code workbench timeline 58 --example generation}'s run (the glider's generations on the queue
     * workers, each cell a unit of work the recording marks) with the timeline's recording off or on
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
        new Runner(BenchRunner.options(Item58Benchmark.class).build()).run();
    }
}
