package workbench.strategies;

import java.io.IOException;
import java.time.Duration;

import workbench.item56.Sequential;
import workbench.item57.ThreadPerCell;
import workbench.item58.PhasedQueueWorkers;
import workbench.item58.QueueWorkers;
import workbench.item59.ThreadPool;
import workbench.item60.AsyncLife;
import workbench.item60.EventLoopCells;
import workbench.item60.FuturePerCell;
import workbench.item60.VirtualThreadPerCell;
import workbench.life.ProcessPoolRows;
import workbench.life.Rules;
import workbench.life.Simulation;
import workbench.parallel.Named;

/**
 * Every Game of Life strategy of Items 56-60, one constant each, by the name its benchmarks' {@code @Param strategy}
 * give it: the one list that the benchmarks open their rows from ({@code LifeBench}) and the property tests iterate.
 * The CPU strategies of Items 53 and 64 are selected the same way ({@link workbench.parallel.Strategy#named}).
 *
 * <p>Every strategy applies the book's rules with {@code ioMillis} of simulated I/O per cell in {@code game_logic}
 * ({@link #rules}): a blocking sleep, except on the event loop, where it is a loop timer.
 */
public enum LifeStrategy implements Named {

    /** Item 56: one cell after another (the baseline; ignores the worker count). */
    SEQUENTIAL("sequential", false, (workers, ioMillis, timeout) -> new Sequential(rules(ioMillis))),
    /** Item 57: a new thread per cell, every generation. */
    THREAD_PER_CELL("threadPerCell", true, (workers, ioMillis, timeout) ->
            new ThreadPerCell(rules(ioMillis), timeout)),
    /** Item 58: {@code workers} queue-fed threads running a whole cell each. */
    QUEUE_WORKERS("queueWorkers", false, (workers, ioMillis, timeout) ->
            new QueueWorkers(workers, rules(ioMillis), timeout)),
    /** Item 58: {@code workers} threads counting neighbours, then {@code workers} more running the game logic. */
    PHASED_QUEUE_WORKERS("phasedQueueWorkers", false, (workers, ioMillis, timeout) ->
            new PhasedQueueWorkers(workers, workers, rules(ioMillis), timeout)),
    /** Item 59: a pool of {@code workers} threads, a task per cell. */
    THREAD_POOL("threadPool", false, (workers, ioMillis, timeout) ->
            new ThreadPool(workers, rules(ioMillis), timeout)),
    /** Item 59's pool code on a virtual thread per task: no cap. */
    VIRTUAL_THREAD_PER_TASK("virtualThreadPerTask", true, (workers, ioMillis, timeout) ->
            ThreadPool.virtualThreadPerTask(rules(ioMillis), timeout)),
    /** Beyond the book: {@code workers} worker JVMs, a band of rows each (started and warmed here). */
    PROCESS_POOL("processPool", false, (workers, ioMillis, timeout) ->
            new ProcessPoolRows(workers, rules(ioMillis), timeout)),
    /** Item 60: a virtual thread per cell in direct style. */
    VIRTUAL_THREADS("virtualThreads", true, (workers, ioMillis, timeout) ->
            new VirtualThreadPerCell(rules(ioMillis), timeout)),
    /** Item 60: each cell a composed {@code CompletableFuture}. */
    COMPLETABLE_FUTURES("completableFutures", true, (workers, ioMillis, timeout) ->
            new FuturePerCell(rules(ioMillis), AsyncLife.StepCell.AWAIT_GAME_LOGIC, timeout)),
    /** Item 60: one event loop thread, the I/O a loop timer. */
    EVENT_LOOP("eventLoop", true, (workers, ioMillis, timeout) -> new EventLoopCells(Rules.BOOK, Duration.ZERO,
            Duration.ofMillis(ioMillis), AsyncLife.StepCell.AWAIT_GAME_LOGIC, timeout));

    /** How a constant opens its simulation. */
    @FunctionalInterface
    private interface Opener {
        Simulation open(int workers, int ioMillis, Duration timeout) throws InterruptedException, IOException;
    }

    private final String param;
    private final boolean taskPerCell;
    private final Opener opener;

    LifeStrategy(String param, boolean taskPerCell, Opener opener) {
        this.param = param;
        this.taskPerCell = taskPerCell;
        this.opener = opener;
    }

    @Override
    public String param() {
        return param;
    }

    /**
     * Whether every cell gets its own thread or task, so that all cells can wait at once; otherwise at most
     * {@code workers} wait (sequential: one).
     */
    public boolean taskPerCell() {
        return taskPerCell;
    }

    /**
     * Opens this strategy with {@code workers} workers where it has a pool (ignored by the others) and
     * {@code ioMillis} of simulated I/O per cell; {@link Simulation#close} ends its threads or worker JVMs.
     */
    public Simulation open(int workers, int ioMillis, Duration timeout) throws InterruptedException, IOException {
        return opener.open(workers, ioMillis, timeout);
    }

    /** The book's rules with {@code ioMillis} of simulated I/O in {@code game_logic} per cell (0: none). */
    public static Rules rules(int ioMillis) {
        return ioMillis == 0 ? Rules.BOOK : Rules.withIo(Duration.ofMillis(ioMillis));
    }

    /**
     * The strategy a benchmark's {@code @Param strategy} names.
     *
     * @throws IllegalArgumentException naming the known strategies, when none has that name
     */
    public static LifeStrategy named(String param) {
        return Named.named(LifeStrategy.class, "Game of Life strategy", param);
    }
}
