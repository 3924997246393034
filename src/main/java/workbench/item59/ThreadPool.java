package workbench.item59;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import workbench.annotations.ThreadSafe;
import workbench.futures.Futures;
import workbench.life.Grid;
import workbench.life.Life;
import workbench.life.LockingGrid;
import workbench.life.Rules;
import workbench.life.Simulation;

/**
 * Item 59's {@code simulate_pool}: submit one {@code step_cell} task per cell to a fixed pool of threads (fan-out),
 * then wait for every {@link Future} (fan-in). The workers are reused across cells and generations, and a task's
 * exception comes back to the caller: {@link Future#get} wraps it in an {@link ExecutionException}, which
 * {@link #simulatePool} unwraps ({@link Futures#resultBefore}) so the caller sees the worker's own exception, as
 * Python's {@code result()} re-raises it.
 */
@ThreadSafe
public final class ThreadPool implements Simulation {

    private final String name;
    private final ExecutorService pool;
    private final Rules rules;
    private final Duration timeout;

    /** A pool of {@code workers} platform threads ({@code ThreadPoolExecutor(max_workers=workers)}). */
    public ThreadPool(int workers, Rules rules, Duration timeout) {
        this("threadPool" + workers, Executors.newFixedThreadPool(workers, named("pool-worker-")), rules, timeout);
    }

    /**
     * Beyond the book: the same {@link #simulatePool} on {@link Executors#newVirtualThreadPerTaskExecutor}, a new
     * virtual thread per cell and no cap on the I/O in flight (Item 60's point, the JVM way).
     */
    public static ThreadPool virtualThreadPerTask(Rules rules, Duration timeout) {
        return new ThreadPool("virtualThreadPerTask", Executors.newVirtualThreadPerTaskExecutor(), rules, timeout);
    }

    private ThreadPool(String name, ExecutorService pool, Rules rules, Duration timeout) {
        this.name = name;
        this.pool = pool;
        this.rules = rules;
        this.timeout = timeout;
    }

    @Override
    public Grid step(Grid grid) throws InterruptedException, TimeoutException {
        return simulatePool(pool, grid, rules, timeout);
    }

    /**
     * The book's {@code simulate_pool}, for any executor: a fixed pool here, a virtual-thread-per-task executor in
     * the demo's comparison. Rethrows the first failed cell's exception itself (not the ExecutionException).
     */
    public static Grid simulatePool(ExecutorService pool, Grid grid, Rules rules, Duration timeout)
            throws InterruptedException, TimeoutException {
        LockingGrid nextGrid = new LockingGrid(grid.height(), grid.width());
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int y = 0; y < grid.height(); y++) {
                for (int x = 0; x < grid.width(); x++) {
                    int cellY = y;
                    int cellX = x;
                    futures.add(pool.submit(() -> Life.stepCell(cellY, cellX, grid::get, nextGrid::set, rules)));
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Future<?> future : futures) {
                Futures.resultBefore(future, deadline);
            }
            return nextGrid;
        } finally {
            futures.forEach(future -> future.cancel(true));              // no-op for the finished ones
        }
    }

    /** Shuts the pool down, waiting at most the timeout for running tasks, then interrupting them. */
    @Override
    public void close() throws TimeoutException {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                pool.shutdownNow();
                throw new TimeoutException("pool tasks still running after " + timeout);
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String name() {
        return name;
    }

    static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> new Thread(task, prefix + count.incrementAndGet());
    }
}
