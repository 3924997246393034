package workbench.item59;

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
 * Item 59 (3rd ed. 74): a fixed thread pool against Item 56's sequential baseline.
 *
 * <p><b>Book claim.</b> {@code ThreadPoolExecutor} keeps the simple fan-out code and reuses its threads, but
 * {@code max_workers} caps the I/O in flight.
 *
 * <p><b>In Java.</b> A fixed pool, and beyond the book the same {@link ThreadPool#simulatePool} on a virtual thread
 * per task (no cap) and bands of rows on a warm pool of worker JVMs ({@link ProcessPoolRows}): one generation on the
 * book's grids ({@link #generation}), and bigger grids without I/O, where processes might pay
 * ({@link #generationBySize}).
 *
 * <p><b>You should see</b> with I/O, about ceil(cells / workers) x latency (5x9 at 10 ms on 10 threads: 5 x
 * 10 ms), virtual threads about one latency, worker JVMs never better than threads; without I/O, the worker
 * JVMs paying only from grids of a few hundred cells a side.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar bench 59}, or this class's {@code main} from an IDE.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class Item59Benchmark implements LifeBench.Bound {

    /** The book's grids, with and without I/O per cell. */
    @State(Scope.Benchmark)
    public static class Pools extends LifeBench.BookGrids {

        /**
         * One {@code step_cell} task per cell, submitted to a pool of {@code workers} platform threads created once
         * per trial ({@code threadPool}), or each to a new virtual thread ({@code virtualThreadPerTask};
         * {@code workers} does not apply to it); or one band of rows per worker JVM, sent as strings with its two
         * border rows and stepped there cell by cell ({@code processPool}: {@code workers} JVMs, started and warmed
         * once per trial).
         */
        @Param({"sequential", "threadPool", "virtualThreadPerTask", "processPool"})
        public String strategy;

        @Param({"10"})
        public int workers;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            open(strategy, workers);
        }
    }

    /** Beyond the book: bigger grids without I/O, where the process pool's bands might pay for their round trip. */
    @State(Scope.Benchmark)
    public static class Sizes extends LifeBench.Generation {

        @Param({"sequential", "threadPool", "processPool"})
        public String strategy;

        @Param({"2"})
        public int workers;

        @Param({"20x20", "100x100", "300x300", "1000x1000"})
        public String size;

        @Param({"0"})
        public int ioMillis;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            open(strategy, workers, size, ioMillis);
        }
    }

    /**
     * One op is one generation of a {@code size} grid with {@code ioMillis} of simulated I/O per cell in
     * {@code game_logic}.
     *
     * <p><b>You should see</b> with I/O, about ceil(cells / workers) x latency: 5x9 at 10 ms on 10 threads, 5
     * rounds of 10 ms; virtual threads about one latency whatever the grid size; the process pool at best one
     * band's cells x latency (5x9: a row of 9 cells per worker, 9 x 10 ms), never better than threads, and
     * milliseconds of round trip per generation where threads need microseconds. CPython's 10-thread pool beside
     * them, measured in the same run: benchmarks/results/2cpu-intel-xeon/REPORT.md#item-59.
     */
    @Benchmark
    public Grid generation(Pools state) throws Exception {
        return state.step();
    }

    /**
     * One op is the same generation on bigger grids without I/O, to find where the process pool's round trip pays
     * off ({@code -p ioMillis=1} adds the I/O there too).
     *
     * <p><b>Crossover</b> (the rows: benchmarks/results/2cpu-amd-epyc/REPORT.md#item-59; the errors are wide, one
     * fork). Without I/O the process pool of 2 JVMs loses by far on the book's grids, still loses at 100x100 and
     * pays from 300x300, at 1000x1000 by more than the 2 cores explain: part of that win is that a worker reads
     * plain strings where the others read the shared LockingGrid. The thread pool's task per cell never catches up.
     * With 1 ms of I/O per cell the 10-JVM pool pays from the smallest grid, but only as a pool capped at 10 waits
     * does, and behind the 10-thread pool: threads are the tool for I/O, processes only for CPU-bound work on big
     * grids.
     */
    @Benchmark
    public Grid generationBySize(Sizes state) throws Exception {
        return state.step();
    }

    /** {@link #timeline}'s state: {@code workbench timeline 59}'s example {@code generation}, recorded or not. */
    @State(Scope.Benchmark)
    public static class Timeline extends WayTimeline {
        /**
         * The way's slug. The sequential way is Item 56's row; the process pool is left out: each op would start its
         * worker JVMs.
         */
        @Param({"thread-pool", "virtual-thread-per-task"})
        public String way;

        public Timeline() {
            super(59, "generation");
        }
    }

    /**
     * One op is {@code workbench timeline 59 --example generation}'s run (the glider's generations on a thread pool or
     * a virtual thread per task, each cell a unit of work the recording marks) with the timeline's recording off or on
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
        new Runner(BenchRunner.options(Item59Benchmark.class).build()).run();
    }
}
