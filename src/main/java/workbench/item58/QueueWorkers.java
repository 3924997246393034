package workbench.item58;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import workbench.annotations.NotThreadSafe;
import workbench.life.Grid;
import workbench.life.Rules;
import workbench.life.Simulation;
import workbench.life.SimulationError;
import workbench.queue.ClosableQueue;
import workbench.queue.StoppableWorker;

/**
 * Item 58's {@code simulate_pipeline}: a fixed set of {@link StoppableWorker}s, started up front, run
 * {@code game_logic} for cells the main thread feeds them through a {@link ClosableQueue} (Item 55's helpers, from
 * {@code workbench.queue}). The main thread counts neighbours and puts {@code (y, x, state, neighbors)} (fan-out),
 * waits for the in-queue to be processed, closes the out-queue and reads it to the sentinel (fan-in). A worker's
 * exception travels back in the result and is raised as {@link SimulationError}{@code (y, x)} with it as the cause.
 *
 * <p>Only the main thread touches the grids, so they are plain {@link Grid}s. After a {@link SimulationError},
 * {@link #step} drains the out-queue to its sentinel before rethrowing: the fix for the book's errata #70, where the
 * sentinel left behind by a failed fan-in cut the next generation short.
 *
 * <p>Not thread-safe: one caller steps it, one generation at a time (the queues carry one generation's cells).
 */
@NotThreadSafe
public final class QueueWorkers implements Simulation {

    private final Duration timeout;
    private final Rules rules;
    private final ClosableQueue<Cells.LogicTask> inQueue = new ClosableQueue<>();
    private final ClosableQueue<Cells.CellResult> outQueue = new ClosableQueue<>();
    private final List<StoppableWorker<Cells.LogicTask, Cells.CellResult>> threads;
    private boolean closed;

    /** Starts {@code workers} game-logic workers (the book: 5). */
    public QueueWorkers(int workers, Rules rules, Duration timeout) {
        this.rules = rules;
        this.timeout = timeout;
        this.threads = StoppableWorker.startAll(workers, "game-logic", gameLogicThread(rules), inQueue, outQueue);
    }

    @Override
    public Grid step(Grid grid) throws SimulationError, InterruptedException, TimeoutException {
        try {
            return simulatePipeline(grid, inQueue, outQueue, rules, timeout);
        } catch (SimulationError e) {
            drain(outQueue, timeout);
            throw e;
        }
    }

    /** The book's {@code game_logic_thread}: the next state, or the exception, never thrown. */
    static Function<Cells.LogicTask, Cells.CellResult> gameLogicThread(Rules rules) {
        return task -> {
            if (task.error() != null) {                      // an upstream stage failed: pass it on
                return new Cells.CellResult(task.y(), task.x(), task.state(), task.error());
            }
            try {
                char nextState = rules.gameLogic(task.state(), task.neighbors());
                return new Cells.CellResult(task.y(), task.x(), nextState, null);
            } catch (RuntimeException e) {
                return new Cells.CellResult(task.y(), task.x(), task.state(), e);
            }
        };
    }

    /** The book's {@code simulate_pipeline}, every wait bounded by {@code timeout}. */
    static Grid simulatePipeline(Grid grid, ClosableQueue<Cells.LogicTask> inQueue,
            ClosableQueue<Cells.CellResult> outQueue, Rules rules, Duration timeout)
            throws SimulationError, InterruptedException, TimeoutException {
        for (int y = 0; y < grid.height(); y++) {
            for (int x = 0; x < grid.width(); x++) {
                char state = grid.get(y, x);
                int neighbors = rules.countNeighbors(y, x, grid::get);
                inQueue.put(new Cells.LogicTask(y, x, state, neighbors), timeout); // fan-out
            }
        }
        inQueue.join(timeout);
        outQueue.close(timeout);
        return fanIn(new Grid(grid.height(), grid.width()), outQueue, timeout);
    }

    /** Reads results to the sentinel into {@code nextGrid}; the first failed cell is raised as SimulationError. */
    static Grid fanIn(Grid nextGrid, ClosableQueue<Cells.CellResult> outQueue, Duration timeout)
            throws SimulationError, InterruptedException, TimeoutException {
        outQueue.forEachUntilClosed(result -> {                                  // fan-in
            if (result.error() != null) {
                throw new SimulationError(result.y(), result.x(), result.error());
            }
            nextGrid.set(result.y(), result.x(), result.nextState());
        }, timeout);
        return nextGrid;
    }

    /** The errata #70 fix: read and drop everything up to and including the sentinel a failed fan-in left. */
    static void drain(ClosableQueue<?> queue, Duration timeout) throws InterruptedException, TimeoutException {
        queue.forEachUntilClosed(item -> { }, timeout);
    }

    /** One sentinel per worker, then joins them (bounded). */
    @Override
    public synchronized void close() throws TimeoutException {
        if (!closed) {
            closed = true;
            try {
                StoppableWorker.stopAll(inQueue, threads, timeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();                  // stopAll has interrupted the workers
            }
        }
    }

    @Override
    public String name() {
        return "queueWorkers" + threads.size();
    }
}
