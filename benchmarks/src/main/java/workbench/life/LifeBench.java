package workbench.life;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import workbench.item56.Sequential;
import workbench.item57.ThreadPerCell;
import workbench.item58.PhasedQueueWorkers;
import workbench.item58.QueueWorkers;
import workbench.item59.ThreadPool;
import workbench.item60.AsyncLife;
import workbench.item60.EventLoopCells;
import workbench.item60.FuturePerCell;
import workbench.item60.VirtualThreadPerCell;

/**
 * What the Game of Life benchmarks of Items 56-60 share: the grids and the simulated I/O they are measured on, every
 * strategy by its {@code @Param} name ({@link #simulation}) and the trial state that sets one up ({@link Generation}).
 * Each {@code ItemNNBenchmark} measures one op = one generation ({@link Simulation#step}) by strategy x grid size
 * x I/O latency per cell, so the classes' rows line up.
 *
 * <p>The comparison to report beside ours: CPython, same 5x9 grid, 10 ms of I/O per cell, per generation: about
 * 462 ms sequential, 19 ms thread per cell, 94 ms with 5 queue workers, 54 ms with a 10-thread pool.
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

    /** The book's rules with {@code ioMillis} of simulated I/O in {@code game_logic} per cell (0: none). */
    public static Rules rules(int ioMillis) {
        return ioMillis == 0 ? Rules.BOOK : Rules.withIo(Duration.ofMillis(ioMillis));
    }

    /**
     * A strategy of Items 56-60 by the name its benchmarks give it, applying {@link #rules}{@code (ioMillis)}:
     * {@code workers} is the pool size where the strategy has one (ignored by the others); {@code processPool}
     * starts and warms {@code workers} worker JVMs ({@link ProcessPoolRows}), which {@link Simulation#close} ends.
     */
    public static Simulation simulation(String strategy, int workers, int ioMillis)
            throws InterruptedException, IOException {
        Rules rules = rules(ioMillis);
        return switch (strategy) {
            case "sequential" -> new Sequential(rules);
            case "threadPerCell" -> new ThreadPerCell(rules, TIMEOUT);
            case "queueWorkers" -> new QueueWorkers(workers, rules, TIMEOUT);
            case "phasedQueueWorkers" -> new PhasedQueueWorkers(workers, workers, rules, TIMEOUT);
            case "threadPool" -> new ThreadPool(workers, rules, TIMEOUT);
            case "virtualThreadPerTask" -> virtualThreadPerTask(rules);
            case "processPool" -> new ProcessPoolRows(workers, rules, TIMEOUT);
            case "virtualThreads" -> new VirtualThreadPerCell(rules, TIMEOUT);
            case "completableFutures" -> new FuturePerCell(rules, AsyncLife.StepCell.AWAIT_GAME_LOGIC, TIMEOUT);
            case "eventLoop" -> new EventLoopCells(Rules.BOOK, Duration.ZERO, Duration.ofMillis(ioMillis),
                    AsyncLife.StepCell.AWAIT_GAME_LOGIC, TIMEOUT);                     // a loop timer, not a sleep
            default -> throw new IllegalArgumentException("no Game of Life strategy named " + strategy);
        };
    }

    /** Item 59's {@link ThreadPool#simulatePool} on {@link Executors#newVirtualThreadPerTaskExecutor}. */
    static Simulation virtualThreadPerTask(Rules rules) {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        return new Simulation() {
            @Override
            public Grid step(Grid grid) throws InterruptedException, TimeoutException {
                return ThreadPool.simulatePool(executor, grid, rules, TIMEOUT);
            }

            @Override
            public String name() {
                return "virtualThreadPerTask";
            }

            @Override
            public void close() {
                executor.close();
            }
        };
    }

    /**
     * The logic of a Game of Life benchmark's trial state: a subclass declares its {@code @Param}s and calls
     * {@link #open} from its {@code @Setup(Level.Trial)}; the simulation (worker threads or JVMs included) is closed at
     * the trial's end. Most extend {@link BookGrids}, which holds the grid and I/O parameters they share.
     */
    public abstract static class Generation {

        private Grid grid;
        private Simulation simulation;

        /** Builds the {@code size} grid and the {@code strategy}'s simulation ({@link LifeBench#simulation}). */
        protected final void open(String strategy, int workers, String size, int ioMillis)
                throws InterruptedException, IOException {
            grid = grid(size);
            simulation = LifeBench.simulation(strategy, workers, ioMillis);
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
     * The ideal speedup of a Game of Life strategy over the sequential generation, for {@code workbench report}.
     * Without I/O the work is CPU and bounded by the cores; with simulated I/O the waits need no core, so the bound
     * is how many cells can wait at once: every cell for a thread or task per cell, else the worker count.
     */
    public static double idealSpeedup(String method, Map<String, String> params, int cores) {
        String size = params.get("size");
        if (size == null || !size.matches("\\d+x\\d+")) {
            return Double.NaN;
        }
        String[] hw = size.split("x");
        int cells = Integer.parseInt(hw[0]) * Integer.parseInt(hw[1]);
        String strategy = params.getOrDefault("strategy", "");
        int parallel = strategy.contains("PerCell") || strategy.contains("PerTask") || !params.containsKey("workers")
                ? cells : Math.min(cells, Integer.parseInt(params.get("workers")));
        boolean io = Integer.parseInt(params.getOrDefault("ioMillis", "0")) > 0;
        return io ? parallel : Math.min(cores, parallel);
    }
}
