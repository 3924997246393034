package workbench.item58;

import java.time.Duration;
import java.util.List;

import workbench.Demo;
import workbench.demo.Narrator;
import workbench.life.Grid;
import workbench.life.Life;
import workbench.life.LockingGrid;
import workbench.life.ProcessPoolRows;
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
 * <p><b>Book claim.</b> Workers fed by Item 55's queues avoid Item 57's thread per cell, but the simulation is
 * rewritten around them, exceptions travel back by hand, the worker count is fixed, and I/O needs another stage.
 *
 * <p><b>In Java.</b> The same refactoring ({@link QueueWorkers}, {@link PhasedQueueWorkers}) on Item 55's
 * {@link ClosableQueue} and {@link StoppableWorker}; a failed cell is raised as {@link SimulationError}. Shutdown
 * sends one sentinel per worker (the book: 10 + 10); Example 11's daemon workers are stopped too.
 *
 * <p><b>You should see</b> {@code SimulationError: (0, 0)} caused by {@code Problem with I/O in game_logic}; the
 * glider block twice; without the drain, generations 1 and 3 dead (errata #70); 0 sentinels left; Example 11
 * silent; beyond the book, identical grids on 2 worker JVMs ({@link ProcessPoolRows}), slower.
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
            out.java(threads.size() + " StoppableWorkers run game_logic and put (y, x, state or exception) back.");

            out.example("4", "a failing game_logic comes back as SimulationError(y, x)");
            rules.set(Rules.gameLogicFails("Problem with I/O in game_logic"));
            try {
                QueueWorkers.simulatePipeline(new Grid(1, 1), inQueue, outQueue, rules, TIMEOUT);
                out.println("Not reached: the cell always fails");
            } catch (SimulationError expected) {
                PyLogging.exception(out, "Expected", expected);
            }
            out.javaf("The fan-in stopped at the error; out_queue holds %d item, its sentinel.", outQueue.qsize());

            out.example("5", "drain the leftover sentinel (errata #70), then the five generations");
            QueueWorkers.drain(outQueue, TIMEOUT);
            rules.set(Rules.BOOK);
            out.println(Life.run(grid -> QueueWorkers.simulatePipeline(grid, inQueue, outQueue, rules, TIMEOUT),
                    Life.glider(), Life.GENERATIONS));
            StoppableWorker.stopAll(inQueue, threads, TIMEOUT);
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
        out.fact("sentinels-left", phased.leftInWorkerQueues());
        out.javaf("Shutdown sent 5 + 5 sentinels (the book: 10 + 10); left unread: %d.", phased.leftInWorkerQueues());

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
            out.java("Errata #70: without the drain each fan-in stops at the sentinel left by the one before:");
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
        } catch (SimulationError expected) {              // the book catches it and prints nothing
            out.fact("example-11-error", expected);
            out.javaf("SimulationError %s, caused by \"%s\", caught silently as in the book.", expected.getMessage(),
                    expected.getCause().getCause().getMessage());
        } finally {
            QueueWorkers.drain(outQueue, TIMEOUT);
            StoppableWorker.stopAll(inQueue, List.of(countThread), TIMEOUT);
            StoppableWorker.stopAll(logicQueue, List.of(logicThread), TIMEOUT);
        }
        out.java("The book leaves its daemon threads running; here they are stopped.");
    }
}
