package workbench.strategies;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import workbench.bench.IdealBound;
import workbench.life.Grid;
import workbench.life.Life;
import workbench.life.LifeStrategy;
import workbench.life.LockingGrid;
import workbench.life.Simulation;

/**
 * What the Game of Life benchmarks of Items 56-60 share: the grids and the simulated I/O they are measured on, the
 * trial state that opens a strategy by its {@code @Param} name ({@link Generation}, through {@link LifeStrategies})
 * and the ideal bound of their rows ({@link Bound}).
 * Each {@code ItemNNBenchmark} measures one op = one generation ({@link Simulation#step}) by strategy x grid size
 * x I/O latency per cell, so the classes' rows line up.
 *
 * <p>CPython's generations on the same grids and I/O are measured beside ours by {@code benchmarks/python/}'s
 * scripts and shown in each item's table (for instance benchmarks/results/2cpu-intel-xeon/REPORT.md#item-56).
 */
public final class LifeBench {

    /** Generous bound for one generation: 20x20 cells x 10 ms sequentially is 4 s. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private LifeBench() {
    }

    /** {@code "5x9"} is the book's glider grid; any other {@code "HxW"} a seeded random grid (35% alive). */
    public static Grid grid(String size) {
        String[] parts = size.split("x");
        int height = Integer.parseInt(parts[0]);
        int width = Integer.parseInt(parts[1]);
        if (height == 5 && width == 9) {
            return Life.glider(new LockingGrid(5, 9));
        }
        return LockingGrid.copyOf(Life.random(height, width, 0.35, 1234));
    }

    /**
     * The logic of a Game of Life benchmark's trial state: a subclass declares its {@code @Param}s and calls
     * {@link #open} from its {@code @Setup(Level.Trial)}; the simulation (worker threads or JVMs included) is closed at
     * the trial's end. Most extend {@link BookGrids}, which holds the grid and I/O parameters they share.
     */
    public abstract static class Generation {

        private Grid grid;
        private Simulation simulation;

        /**
         * Builds the {@code size} grid and opens the strategy named {@code strategy} ({@link LifeStrategy#named})
         * with {@code workers} workers and {@code ioMillis} of I/O per cell.
         */
        protected final void open(String strategy, int workers, String size, int ioMillis)
                throws InterruptedException, IOException {
            grid = grid(size);
            simulation = LifeStrategies.open(LifeStrategy.named(strategy), new LifeStrategy.Setup(workers, ioMillis, TIMEOUT,
                    List.of()));
        }

        /** The trial's simulation, for stepping it over several generations (tests). */
        public final Simulation simulation() {
            return simulation;
        }

        /** One op: one generation of the grid. */
        public final Grid step() throws Exception {
            return simulation.step(grid);
        }

        @TearDown(Level.Trial)
        public final void tearDown() throws Exception {
            if (simulation != null) {
                simulation.close();
                simulation = null;
            }
        }
    }

    /**
     * The book's grids, the glider's 5x9 and a 20x20, with 0, 1 or 10 ms of simulated I/O per cell: the rows every
     * Game of Life benchmark of Items 56-60 measures, declared once so that they line up (JMH finds inherited
     * {@code @Param}s). A subclass declares its {@code strategy} (and {@code workers}) and opens with them.
     */
    @State(Scope.Benchmark)
    public abstract static class BookGrids extends Generation {

        @Param({"5x9", "20x20"})
        public String size;

        @Param({"0", "1", "10"})
        public int ioMillis;

        /** {@link #open(String, int, String, int)} on this state's grid and I/O. */
        protected final void open(String strategy, int workers) throws InterruptedException, IOException {
            open(strategy, workers, size, ioMillis);
        }
    }

    /**
     * The ideal bound of a Game of Life row, which the benchmarks of Items 56-59 implement. Without I/O the work is
     * CPU and bounded by the cores; with simulated I/O the waits need no core, so the bound is how many cells can
     * wait at once: every cell for a thread or task per cell ({@link LifeStrategy#taskPerCell}) or a row with no
     * worker count, else the worker count.
     */
    public interface Bound extends IdealBound {

        @Override
        default double idealSpeedup(String method, Map<String, String> params, int cores) {
            String size = params.get("size");
            if (size == null || !size.matches("\\d+x\\d+")) {
                return Double.NaN;
            }
            String[] hw = size.split("x");
            int cells = Integer.parseInt(hw[0]) * Integer.parseInt(hw[1]);
            int parallel = LifeStrategy.named(params.get("strategy")).taskPerCell() || !params.containsKey("workers")
                    ? cells : Math.min(cells, Integer.parseInt(params.get("workers")));
            boolean io = Integer.parseInt(params.getOrDefault("ioMillis", "0")) > 0;
            return io ? parallel : Math.min(cores, parallel);
        }
    }
}
