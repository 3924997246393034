package workbench.item58;

import java.time.Duration;
import java.util.List;

import workbench.Demo;
import workbench.demo.Narrator;
import workbench.life.Grid;
import workbench.life.Life;
import workbench.life.LockingGrid;
import workbench.life.ProcessRow;
import workbench.life.PyLogging;
import workbench.life.Rules;
import workbench.life.SimulationError;
import workbench.life.SwitchableRules;
import workbench.queue.ClosableQueue;
import workbench.queue.StoppableWorker;

/**
 * Item 58 (3rd ed. 73): Understand How Using Queue for Concurrency Requires Refactoring.
 *
 * <p><b>Book claim.</b> A fixed set of worker threads fed by queues (Item 55's {@code ClosableQueue} and
 * {@code StoppableWorker}) avoids Item 57's thread per cell, but the simulation must be rewritten around the
 * queues, exceptions must be caught in the workers and carried back by hand, the worker count is fixed up front,
 * and when {@code count_neighbors} needs I/O too the pipeline needs another stage, more threads and a locking grid.
 *
 * <p><b>In Java.</b> The same refactoring, reusing Item 55's {@link ClosableQueue} and {@link StoppableWorker}
 * from {@code workbench.queue}; the book's strategies are {@link QueueWorkers} and {@link PhasedQueueWorkers}. A
 * failed cell comes back as a value and is raised as {@link SimulationError}{@code (y, x)} with the worker's
 * exception as its cause. After that error the out-queue still holds its sentinel: the book's errata #70, fixed
 * by draining it (shown here both ways). Shutdown sends exactly one sentinel per worker, 5 + 5 in the phased
 * pipeline where the book sends 10 + 10. Example 11's daemon workers would not keep a JVM alive either, but this
 * demo stops them anyway so nothing leaks. Swapping the game logic between examples, which Python does by
 * redefining a function, is a {@link SwitchableRules}.
 *
 * <p><b>You should see</b> {@code SimulationError: (0, 0)} caused by {@code Problem with I/O in game_logic}; the
 * glider block of Item 56 twice (after the drain, and from the phased pipeline); without the drain, a block whose
 * generations 1 and 3 are dead, as errata #70 reported; {@code 0} sentinels left after the 5 + 5 shutdown; and
 * {@code SimulationError: (0, 0)} caused by {@code Problem with I/O in count_neighbors}. Beyond the book, the same
 * generations on worker JVMs ({@link workbench.life.ProcessPoolRows}, the multi-process row of Items 56-59; 2 here,
 * since each costs a JVM start, 5 in Item58Benchmark) beside the 5 queue workers: the identical grids, slower (a
 * round trip of serialised rows per generation).
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar run 58}, or this class's {@code main} from an IDE.
 */
public final class Item58 implements Demo {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int WORKERS = 5;
    /** Beyond the book: worker JVMs for the multi-process line (2 to keep the demo short; the benchmark runs 5). */
    static final int PROCESS_WORKERS = 2;

    public static void main(String[] args) throws Exception {
        new Item58().run(Narrator.stdout());
    }

    @Override
    public void run(Narrator out) throws Exception {
        out.example("1-3", "ClosableQueues and 5 game_logic workers started up front");
        SwitchableRules rules = new SwitchableRules(Rules.BOOK);
        ClosableQueue<Cells.LogicTask> inQueue = new ClosableQueue<>();
        ClosableQueue<Cells.CellResult> outQueue = new ClosableQueue<>();
        List<StoppableWorker<Cells.LogicTask, Cells.CellResult>> threads = StoppableWorker.startAll(WORKERS,
                "game-logic", QueueWorkers.gameLogicThread(rules), inQueue, outQueue);
        try {
            out.java(threads.size() + " StoppableWorkers wait on in_queue; the main thread counts neighbours, the"
                    + " workers run game_logic and put (y, x, next_state_or_exception) on out_queue.");

            out.example("4", "a failing game_logic comes back as SimulationError(y, x)");
            rules.set(Rules.gameLogicFails("Problem with I/O in game_logic"));
            try {
                QueueWorkers.simulatePipeline(new Grid(1, 1), inQueue, outQueue, rules, TIMEOUT);
                out.println("Not reached: the cell always fails");
            } catch (SimulationError expected) {
                PyLogging.exception(out, "Expected", expected);
            }
            out.javaf("The fan-in stopped at the error, before its sentinel: out_queue still holds %d item (the"
                    + " sentinel).", outQueue.qsize());

            out.example("5", "drain the leftover sentinel (errata #70), then the five generations");
            QueueWorkers.drain(outQueue, TIMEOUT);
            rules.set(Rules.BOOK);
            out.println(Life.run(grid -> QueueWorkers.simulatePipeline(grid, inQueue, outQueue, rules, TIMEOUT),
                    Life.glider(), Life.GENERATIONS));
            StoppableWorker.stopAll(inQueue, threads, TIMEOUT);
            out.java("Shutdown: one in_queue.close() per worker, 5 sentinels, then every worker joined.");
        } finally {
            threads.forEach(Thread::interrupt);
        }
        errata70WithoutTheDrain(out);

        out.example("6-10", "count_neighbors needs I/O too: a phased pipeline, 5 + 5 workers, LockingGrid");
        PhasedQueueWorkers phased = new PhasedQueueWorkers(WORKERS, WORKERS, Rules.BOOK, TIMEOUT);
        try {
            out.println(Life.run(phased, Life.glider(new LockingGrid(5, 9)), Life.GENERATIONS));
        } finally {
            phased.close();
        }
        out.javaf("Shutdown sent exactly 5 sentinels to in_queue and 5 to logic_queue, one per worker of each stage;"
                + " left unread: %d. The book loops over all 10 threads for each queue and sends 10 + 10, leaving"
                + " 5 + 5 unread.", phased.leftInWorkerQueues());

        out.example("11", "a failing count_neighbors, daemon workers (1 per stage)");
        daemonWorkers(out);

        try (QueueWorkers queueWorkers = new QueueWorkers(WORKERS, Rules.BOOK, TIMEOUT)) {
            ProcessRow.tell(out, PROCESS_WORKERS, queueWorkers, WORKERS + " queue workers", TIMEOUT);
        }

        out.seeTimeline(58);
    }

    /** Beyond the book: the errata #70 run, reproduced on fresh queues by leaving out the drain. */
    private static void errata70WithoutTheDrain(Narrator out) throws Exception {
        SwitchableRules rules = new SwitchableRules(Rules.gameLogicFails("Problem with I/O in game_logic"));
        ClosableQueue<Cells.LogicTask> inQueue = new ClosableQueue<>();
        ClosableQueue<Cells.CellResult> outQueue = new ClosableQueue<>();
        List<StoppableWorker<Cells.LogicTask, Cells.CellResult>> threads = StoppableWorker.startAll(WORKERS,
                "errata-70", QueueWorkers.gameLogicThread(rules), inQueue, outQueue);
        try {
            try {
                QueueWorkers.simulatePipeline(new Grid(1, 1), inQueue, outQueue, rules, TIMEOUT);
            } catch (SimulationError expected) {
                rules.set(Rules.BOOK);                                          // no drain: the bug
            }
            out.java("Errata #70 reproduced: the same run without the drain. Each fan-in stops at the sentinel left"
                    + " by the one before, so generations 1 and 3 come out dead:");
            out.println(Life.run(grid -> QueueWorkers.simulatePipeline(grid, inQueue, outQueue, rules, TIMEOUT),
                    Life.glider(), Life.GENERATIONS));
            StoppableWorker.stopAll(inQueue, threads, TIMEOUT);
        } finally {
            threads.forEach(Thread::interrupt);
        }
    }

    /** Example 11. */
    private static void daemonWorkers(Narrator out) throws Exception {
        Rules rules = Rules.countNeighborsFails("Problem with I/O in count_neighbors");
        ClosableQueue<Cells.CountTask> inQueue = new ClosableQueue<>();
        ClosableQueue<Cells.LogicTask> logicQueue = new ClosableQueue<>();
        ClosableQueue<Cells.CellResult> outQueue = new ClosableQueue<>();
        var countThread = new StoppableWorker<>("count-neighbors-daemon",
                PhasedQueueWorkers.countNeighborsThread(rules), inQueue, logicQueue);
        var logicThread = new StoppableWorker<>("game-logic-daemon", QueueWorkers.gameLogicThread(rules),
                logicQueue, outQueue);
        countThread.setDaemon(true);
        logicThread.setDaemon(true);
        countThread.start();
        logicThread.start();
        try {
            PhasedQueueWorkers.simulatePhasedPipeline(Life.glider(new LockingGrid(5, 9)), inQueue, logicQueue,
                    outQueue, TIMEOUT);
            out.println("Not reached: every cell fails");
        } catch (SimulationError expected) {
            PyLogging.exception(out, "Expected", expected);
        } finally {
            QueueWorkers.drain(outQueue, TIMEOUT);
            StoppableWorker.stopAll(inQueue, List.of(countThread), TIMEOUT);
            StoppableWorker.stopAll(logicQueue, List.of(logicThread), TIMEOUT);
        }
        out.java("The book never stops its daemon threads: Python exits without them. A daemon thread would not"
                + " hold the JVM up either, but it would linger in a long-lived JVM (or a test run), so they were"
                + " drained, sent one sentinel each and joined here.");
    }
}
