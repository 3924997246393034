package workbench.life;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;

import workbench.annotations.ThreadSafe;
import workbench.futures.Futures;
import workbench.procpool.ProcessPool;
import workbench.procpool.SerializableCallable;

/**
 * Beyond the book: Item 59's pool with worker JVMs in place of threads ({@link ProcessPool}, Python's
 * {@code ProcessPoolExecutor}), the multi-process row of Items 56, 57, 58 and 59. A task per cell would pay a
 * process round trip per cell, so each generation is cut into one band of rows per worker (at most one per row); a
 * band travels as one {@code String} per row plus the two rows that border it (the torus wraps: the band of row 0
 * gets the last row above it), the worker steps its cells with the same {@link Life#stepCell} and {@link Rules} as
 * every other strategy and sends back one {@code String} per row. The rules cross too, so they must be
 * {@link Serializable} ({@link Rules#BOOK}, {@link Rules#withIo} and the failing rules are); a cell's exception
 * comes back as the caller's ({@link Futures#resultBefore}).
 *
 * <p>The verdict is in the costs: the pool is started and warmed once ({@link ProcessPool#prestart}), but every
 * generation serialises the whole grid out and back, and inside a worker the cells of its band run one after
 * another, so with I/O per cell it overlaps at most {@code workers} waits, where Item 57's threads or virtual
 * threads overlap them all. Processes are the tool for CPU-bound work on big grids, never for I/O.
 */
@ThreadSafe
public final class ProcessPoolRows implements Simulation {

    private final int workers;
    private final Rules rules;
    private final Duration timeout;
    private final ProcessPool pool;
    private final boolean ownsPool;

    /**
     * Starts and warms {@code workers} worker JVMs of its own; {@link #close} stops them.
     *
     * @throws IllegalArgumentException when {@code rules} cannot cross to a worker (not serialisable)
     */
    public ProcessPoolRows(int workers, Rules rules, Duration timeout) throws InterruptedException {
        this(workers, rules, timeout, List.of());
    }

    /** {@link #ProcessPoolRows(int, Rules, Duration)}, the worker JVMs started with {@code jvmFlags}. */
    public ProcessPoolRows(int workers, Rules rules, Duration timeout, List<String> jvmFlags)
            throws InterruptedException {
        this(checked(rules), timeout, ProcessPool.builder().workers(workers).allow("workbench.**").closeGrace(timeout)
                .addJvmFlags(jvmFlags).buildStarted(), true);
    }

    /**
     * Runs on {@code pool} (which must allow {@code workbench.**}), one band per worker; {@link #close} leaves the
     * pool to its owner. Two simulations with different rules can share one set of warm workers.
     */
    public static ProcessPoolRows on(ProcessPool pool, Rules rules, Duration timeout) {
        return new ProcessPoolRows(checked(rules), timeout, pool, false);
    }

    private ProcessPoolRows(Rules rules, Duration timeout, ProcessPool pool, boolean ownsPool) {
        this.workers = pool.maxWorkers();
        this.rules = rules;
        this.timeout = timeout;
        this.pool = pool;
        this.ownsPool = ownsPool;
    }

    private static Rules checked(Rules rules) {
        if (!(rules instanceof Serializable)) {
            throw new IllegalArgumentException("the rules must be serialisable to reach the worker JVMs: " + rules);
        }
        return rules;
    }

    @Override
    public Grid step(Grid grid) throws InterruptedException, TimeoutException {
        int height = grid.height();
        String[] rows = grid.toString().split("\n");
        int bands = Math.min(workers, height);
        List<Future<String[]>> futures = new ArrayList<>(bands);
        List<Integer> firstRows = new ArrayList<>(bands);
        try {
            for (int band = 0; band < bands; band++) {
                int first = band * height / bands;
                int end = (band + 1) * height / bands;
                String[] withBorders = new String[end - first + 2];
                withBorders[0] = rows[Math.floorMod(first - 1, height)];
                System.arraycopy(rows, first, withBorders, 1, end - first);
                withBorders[withBorders.length - 1] = rows[end % height];
                firstRows.add(first);
                futures.add(pool.submit(new Band(rules, first, withBorders)));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            Grid nextGrid = new Grid(height, grid.width());                // only this thread writes it
            for (int band = 0; band < bands; band++) {
                String[] next = Futures.resultBefore(futures.get(band), deadline);
                int first = firstRows.get(band);
                for (int i = 0; i < next.length; i++) {
                    for (int x = 0; x < next[i].length(); x++) {
                        nextGrid.set(first + i, x, next[i].charAt(x));
                    }
                }
            }
            return nextGrid;
        } finally {
            futures.forEach(future -> future.cancel(false));              // no-op for the finished ones
        }
    }

    /** One worker's task: the next generation of rows {@code firstRow..} given with the row above and below. */
    record Band(Rules rules, int firstRow, String[] rows) implements SerializableCallable<String[]> {

        @Override
        public String[] call() {
            int width = rows[0].length();
            int count = rows.length - 2;
            char[][] next = new char[count][width];
            CellGetter get = (y, x) -> rows[y - firstRow + 1].charAt(Math.floorMod(x, width));
            for (int y = firstRow; y < firstRow + count; y++) {
                for (int x = 0; x < width; x++) {
                    Life.stepCell(y, x, get, (cellY, cellX, state) -> next[cellY - firstRow][cellX] = state, rules);
                }
            }
            String[] out = new String[count];
            for (int i = 0; i < count; i++) {
                out[i] = new String(next[i]);
            }
            return out;
        }
    }

    /** Lets running bands finish (bounded by the timeout), then ends the worker JVMs, if this owns them. */
    @Override
    public void close() {
        if (ownsPool) {
            pool.close();
        }
    }

    @Override
    public String name() {
        return "processPool" + workers;
    }
}
