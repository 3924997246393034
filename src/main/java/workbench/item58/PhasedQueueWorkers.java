package workbench.item58;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import workbench.annotations.NotThreadSafe;
import workbench.life.Grid;
import workbench.life.LockingGrid;
import workbench.life.Rules;
import workbench.life.Simulation;
import workbench.life.SimulationError;
import workbench.queue.ClosableQueue;
import workbench.queue.StoppableWorker;

/**
 * Item 58's {@code simulate_phased_pipeline}: when {@code count_neighbors} needs I/O too, it becomes a stage of
 * its own, so the pipeline grows a second queue and a second set of workers (the book: 5 + 5), and the grids
 * become {@link LockingGrid}s because workers now call {@code grid.get}. The refactoring the item warns about.
 *
 * <p>{@link #close} sends exactly one sentinel per worker to each stage's queue, 5 + 5. The book sends 10 + 10:
 * its shutdown loops over the list of all ten threads once for the in-queue and once for the logic queue, so half
 * of each stage's sentinels are never read. Harmless at exit, but a leftover sentinel is exactly what cut Item
 * 58's next run short in errata #70.
 *
 * <p>Not thread-safe: one caller steps it, one generation at a time.
 */
@NotThreadSafe
public final class PhasedQueueWorkers implements Simulation {

    private final Duration timeout;
    private final ClosableQueue<Cells.CountTask> inQueue = new ClosableQueue<>();
    private final ClosableQueue<Cells.LogicTask> logicQueue = new ClosableQueue<>();
    private final ClosableQueue<Cells.CellResult> outQueue = new ClosableQueue<>();
    private final List<StoppableWorker<Cells.CountTask, Cells.LogicTask>> countThreads;
    private final List<StoppableWorker<Cells.LogicTask, Cells.CellResult>> logicThreads;
    private boolean closed;

    /** Starts {@code countWorkers} count_neighbors workers and {@code logicWorkers} game_logic workers. */
    public PhasedQueueWorkers(int countWorkers, int logicWorkers, Rules rules, Duration timeout) {
        this.timeout = timeout;
        this.countThreads = StoppableWorker.startAll(countWorkers, "count-neighbors", countNeighborsThread(rules),
                inQueue, logicQueue);
        this.logicThreads = StoppableWorker.startAll(logicWorkers, "game-logic", QueueWorkers.gameLogicThread(rules),
                logicQueue, outQueue);
    }

    @Override
    public Grid step(Grid grid) throws SimulationError, InterruptedException, TimeoutException {
        try {
            return simulatePhasedPipeline(grid, inQueue, logicQueue, outQueue, timeout);
        } catch (SimulationError e) {
            QueueWorkers.drain(outQueue, timeout);
            throw e;
        }
    }

    /** The book's {@code count_neighbors_thread}: the neighbour count, or the exception, never thrown. */
    static Function<Cells.CountTask, Cells.LogicTask> countNeighborsThread(Rules rules) {
        return task -> {
            try {
                int neighbors = rules.countNeighbors(task.y(), task.x(), task.get());
                return new Cells.LogicTask(task.y(), task.x(), task.state(), neighbors);
            } catch (RuntimeException e) {
                return new Cells.LogicTask(task.y(), task.x(), task.state(), 0, e);
            }
        };
    }

    /** The book's {@code simulate_phased_pipeline}, every wait bounded by {@code timeout}. */
    static Grid simulatePhasedPipeline(Grid grid, ClosableQueue<Cells.CountTask> inQueue,
            ClosableQueue<Cells.LogicTask> logicQueue, ClosableQueue<Cells.CellResult> outQueue, Duration timeout)
            throws SimulationError, InterruptedException, TimeoutException {
        for (int y = 0; y < grid.height(); y++) {
            for (int x = 0; x < grid.width(); x++) {
                inQueue.put(new Cells.CountTask(y, x, grid.get(y, x), grid::get), timeout);   // fan-out
            }
        }
        inQueue.join(timeout);
        logicQueue.join(timeout);                                                // pipeline sequencing
        outQueue.close(timeout);
        return QueueWorkers.fanIn(new LockingGrid(grid.height(), grid.width()), outQueue, timeout);
    }

    /** Exactly one sentinel per worker on each stage's queue (5 + 5), stage by stage; then joins them. */
    @Override
    public synchronized void close() throws TimeoutException {
        if (!closed) {
            closed = true;
            try {
                try {
                    StoppableWorker.stopAll(inQueue, countThreads, timeout);
                } finally {
                    StoppableWorker.stopAll(logicQueue, logicThreads, timeout);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();                  // stopAll has interrupted the workers
                countThreads.forEach(Thread::interrupt);
                logicThreads.forEach(Thread::interrupt);
            }
        }
    }

    /** Sentinels or items still waiting in the two worker queues (0 after {@link #close}). */
    int leftInWorkerQueues() {
        return inQueue.qsize() + logicQueue.qsize();
    }

    @Override
    public String name() {
        return "phasedQueueWorkers" + countThreads.size() + "+" + logicThreads.size();
    }
}
