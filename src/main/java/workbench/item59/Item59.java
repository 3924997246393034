package workbench.item59;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import workbench.Demo;
import workbench.demo.Narrator;
import workbench.futures.Futures;
import workbench.item56.Sequential;
import workbench.life.Grid;
import workbench.life.Life;
import workbench.life.LockingGrid;
import workbench.life.ProcessPoolRows;
import workbench.life.PyLogging;
import workbench.life.Rules;
import workbench.life.Simulation;
import workbench.procpool.ProcessPool;

/**
 * Item 59 (3rd ed. 74): Consider ThreadPoolExecutor When Threads Are Necessary for Concurrency.
 *
 * <p><b>Book claim.</b> A thread pool keeps Item 57's simple fan-out while reusing threads like Item 58, and a
 * worker's exception reaches the caller through {@code result()}. Its limit: {@code max_workers} caps the I/O.
 *
 * <p><b>In Java.</b> {@link Executors#newFixedThreadPool}, closed by try-with-resources; {@link Futures#result}
 * unwraps {@link Future#get}'s {@link ExecutionException}. Beyond the book: virtual threads, and
 * {@link ProcessPoolRows} on worker JVMs. Builds on Item 56's model.
 *
 * <p><b>You should see</b> Item 56's glider block; {@code ERROR:root:Expected} with the worker's
 * {@code IOException}; with 10 ms of I/O per cell, about 50 ms per generation on 10 threads and 10 ms on virtual
 * threads; the block from 2 worker JVMs, slower, and about 270 ms with I/O (27 cells of a band, one by one).
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar run 59}, or this class's {@code main} from an IDE.
 */
public final class Item59 implements Demo {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_WORKERS = 10;
    /** Beyond the book: worker JVMs for the process-pool variant. */
    static final int PROCESS_WORKERS = 2;
    /** Beyond the book: simulated I/O per cell for the pool-size comparison. */
    static final Duration IO_PER_CELL = Duration.ofMillis(10);

    public static void main(String[] args) throws Exception {
        new Item59().run(Narrator.stdout());
    }

    @Override
    public void run(Narrator out) throws Exception {
        out.example("1-3", "a pool of 10 threads: submit step_cell per cell, then wait for each future");
        try (ThreadPool simulation = new ThreadPool(MAX_WORKERS, Rules.BOOK, TIMEOUT)) {
            out.println(Life.run(simulation, Life.glider(new LockingGrid(5, 9)), Life.GENERATIONS));
        }
        out.java("45 tasks per generation on 10 reused threads; try-with-resources closes the pool like `with`.");

        out.example("4", "a worker's exception re-raised by result()");
        Rules broken = Rules.gameLogicFails("Problem with I/O");
        try (ExecutorService pool = Executors.newFixedThreadPool(MAX_WORKERS)) {
            Future<Character> future = pool.submit(() -> broken.gameLogic(Life.ALIVE, 3));
            try {
                Futures.result(future, TIMEOUT);
                out.println("Not reached: the task always fails");
            } catch (RuntimeException expected) {
                PyLogging.exception(out, "Expected", expected);
            }
            try {
                future.get(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException wrapped) {
                out.java("Future.get() wraps it in " + wrapped.getClass().getSimpleName() + "; result() unwraps it.");
            }
        }

        out.beyond(IO_PER_CELL.toMillis() + " ms of simulated I/O per cell: one generation on two executors");
        Rules slow = Rules.withIo(IO_PER_CELL);
        Grid expected = Life.glider();
        try (ExecutorService pool = Executors.newFixedThreadPool(MAX_WORKERS)) {
            timeOneGeneration(out, "fixed pool of 10 threads", pool, slow, expected);
        }
        try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            timeOneGeneration(out, "a virtual thread per task", virtual, slow, expected);
        }
        out.java("max_workers caps the I/O in flight at 10 (5 rounds); virtual threads lift the cap cheaply.");

        processPool(out, slow, expected);

        out.seeTimeline(59);
    }

    /** Beyond the book: the glider on worker JVMs (row bands), against the thread pool; then the I/O case. */
    private static void processPool(Narrator out, Rules slow, Grid expected) throws Exception {
        out.beyond("the glider on a ProcessPool of " + PROCESS_WORKERS + " worker JVMs, a band of rows each");
        var started = Narrator.time(() -> ProcessPool.of(PROCESS_WORKERS).prestart());
        try (ProcessPool workers = started.value();
                ProcessPoolRows processes = ProcessPoolRows.on(workers, Rules.BOOK, TIMEOUT);
                ThreadPool threads = new ThreadPool(MAX_WORKERS, Rules.BOOK, TIMEOUT)) {
            String block = Life.run(threads, Life.glider(new LockingGrid(5, 9)), Life.GENERATIONS).toString();
            Life.run(processes, Life.glider(), Life.GENERATIONS);                          // warm-up
            double threadSeconds = timeGlider(threads);
            double processSeconds = timeGlider(processes);
            boolean same = block.equals(Life.run(processes, Life.glider(), Life.GENERATIONS).toString());
            out.fact("same-cells", same);
            out.javaf("%.2f s to start them; the same block: %b; %d generations in %.4f s, the 10-thread pool %.4f s.",
                    started.seconds(), same, Life.GENERATIONS, processSeconds, threadSeconds);
            try (ProcessPoolRows slowProcesses = ProcessPoolRows.on(workers, slow, TIMEOUT)) {
                var next = Narrator.time(() -> slowProcesses.step(expected));
                boolean sameCells = next.value().equals(new Sequential().step(expected));
                out.fact("same-cells", sameCells);
                out.javaf("With %d ms of I/O per cell: %.3f s per generation (same cells: %b).",
                        IO_PER_CELL.toMillis(), next.seconds(), sameCells);
                out.java("Each worker waits its band's cells one by one: processes are for CPU, not I/O.");
            }
        }
    }

    private static double timeGlider(Simulation simulation) throws Exception {
        return Narrator.time(() -> Life.run(simulation, Life.glider(), Life.GENERATIONS)).seconds();
    }

    private static void timeOneGeneration(Narrator out, String label, ExecutorService executor, Rules rules,
            Grid grid) throws Exception {
        ThreadPool.simulatePool(executor, grid, Rules.BOOK, TIMEOUT);               // warm-up
        var next = Narrator.time(() -> ThreadPool.simulatePool(executor, grid, rules, TIMEOUT));
        boolean same = next.value().equals(ThreadPool.simulatePool(executor, grid, Rules.BOOK, TIMEOUT));
        out.fact("same-cells", same);
        out.javaf("%-26s %.3f s per generation (same cells: %b)", label + ":", next.seconds(), same);
    }
}
