package workbench.life;

import java.time.Duration;

/**
 * What the Game of Life benchmarks of Items 56-59 share: the grids and the simulated I/O they are measured on.
 * Each {@code ItemNNBenchmark} measures one op = one generation ({@link Simulation#step}) by strategy x grid size
 * x I/O latency per cell, so the four classes' rows line up.
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
     * The ideal speedup of a Game of Life strategy over the sequential generation, for {@code workbench report}.
     * Without I/O the work is CPU and bounded by the cores; with simulated I/O the waits need no core, so the bound
     * is how many cells can wait at once: every cell for a thread or task per cell, else the worker count.
     */
    public static double idealSpeedup(String method, java.util.Map<String, String> params, int cores) {
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
