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
 * <p><b>Book claim.</b> A thread pool keeps Item 57's simple fan-out code (submit one task per cell, then wait
 * for each result) while reusing a fixed set of threads like Item 58, with little refactoring, and a worker's
 * exception reaches the caller when it asks for the result. Its limit: {@code max_workers} caps the I/O
 * parallelism, so it does not scale to very high fan-out.
 *
 * <p><b>In Java.</b> {@link ExecutorService} ({@link Executors#newFixedThreadPool}) is
 * {@code ThreadPoolExecutor}, closed by try-with-resources as the book's {@code with} block closes the pool.
 * {@link Future#get} throws an {@link ExecutionException} whose cause is the worker's exception;
 * {@link Futures#result} unwraps it to behave like Python's {@code result()}. Beyond the book: the same
 * {@link ThreadPool#simulatePool} on {@link Executors#newVirtualThreadPerTaskExecutor} lifts the cap: every cell
 * waits its I/O at once (Item 60's coroutines, the JVM way); and {@link ProcessPoolRows} swaps the threads for
 * worker JVMs ({@link workbench.procpool.ProcessPool}, Python's {@code ProcessPoolExecutor}), one band of rows per
 * worker, to show what processes cost here.
 *
 * <p><b>You should see</b> the glider block of Item 56, unchanged; {@code ERROR:root:Expected} with the
 * {@code IOException: Problem with I/O} the worker threw; with 10 ms of I/O per cell, a generation of 45 cells
 * taking about 50 ms on 10 pool threads (5 rounds of 10) and about 10 ms on virtual threads; the glider's block
 * computed again by 2 worker JVMs, the same, each generation slower than on the thread pool (a round trip of
 * serialised rows), and with I/O about 270 ms per generation (the larger band, 27 cells x 10 ms, one by one).
 *
 * <p>Builds on Item 56: its model ({@code workbench.life}) and its {@link Sequential} to check the cells.
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
                out.java("Future.get() itself throws " + wrapped.getClass().getSimpleName() + " with that exception as"
                        + " its cause; Futures.result unwraps getCause() so the caller sees what the worker threw.");
            }
        }

        out.java("Beyond the book: " + IO_PER_CELL.toMillis() + " ms of simulated I/O per cell, one generation of 45"
                + " cells, the same simulatePool on two executors:");
        Rules slow = Rules.withIo(IO_PER_CELL);
        Grid expected = Life.glider();
        try (ExecutorService pool = Executors.newFixedThreadPool(MAX_WORKERS)) {
            timeOneGeneration(out, "fixed pool of 10 threads", pool, slow, expected);
        }
        try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            timeOneGeneration(out, "a virtual thread per task", virtual, slow, expected);
        }
        out.java("max_workers caps the I/O in flight at 10 (45 cells = 5 rounds); virtual threads lift the cap"
                + " without Item 57's cost per thread.");

        processPool(out, slow, expected);

        out.seeTimeline(59);
    }

    /** Beyond the book: the glider on worker JVMs (row bands), against the thread pool; then the I/O case. */
    private static void processPool(Narrator out, Rules slow, Grid expected) throws Exception {
        long start = System.nanoTime();
        try (ProcessPool workers = ProcessPool.of(PROCESS_WORKERS).prestart();
                ProcessPoolRows processes = ProcessPoolRows.on(workers, Rules.BOOK, TIMEOUT);
                ThreadPool threads = new ThreadPool(MAX_WORKERS, Rules.BOOK, TIMEOUT)) {
            double startSeconds = Narrator.seconds(start);
            String block = Life.run(threads, Life.glider(new LockingGrid(5, 9)), Life.GENERATIONS).toString();
            Life.run(processes, Life.glider(), Life.GENERATIONS);                          // warm-up
            double threadSeconds = timeGlider(threads);
            double processSeconds = timeGlider(processes);
            boolean same = block.equals(Life.run(processes, Life.glider(), Life.GENERATIONS).toString());
            out.javaf("Beyond the book: the glider on a ProcessPool of %d worker JVMs (a band of rows each; %.2f s to"
                    + " start them): the same block: %b; %d generations in %.4f s, the 10-thread pool %.4f s.",
                    PROCESS_WORKERS, startSeconds, same, Life.GENERATIONS, processSeconds, threadSeconds);
            try (ProcessPoolRows slowProcesses = ProcessPoolRows.on(workers, slow, TIMEOUT)) {
                long io = System.nanoTime();
                Grid next = slowProcesses.step(expected);
                double ioSeconds = Narrator.seconds(io);
                boolean sameCells = next.equals(new Sequential().step(expected));
                out.javaf("  with %d ms of I/O per cell: %.3f s per generation (same cells: %b): each worker waits"
                        + " its band's cells one by one; processes are the tool for CPU, not for I/O.",
                        IO_PER_CELL.toMillis(), ioSeconds, sameCells);
            }
        }
    }

    private static double timeGlider(Simulation simulation) throws Exception {
        long start = System.nanoTime();
        Life.run(simulation, Life.glider(), Life.GENERATIONS);
        return Narrator.seconds(start);
    }

    private static void timeOneGeneration(Narrator out, String label, ExecutorService executor, Rules rules,
            Grid grid) throws Exception {
        ThreadPool.simulatePool(executor, grid, Rules.BOOK, TIMEOUT);               // warm-up
        long start = System.nanoTime();
        Grid next = ThreadPool.simulatePool(executor, grid, rules, TIMEOUT);
        double seconds = Narrator.seconds(start);
        boolean same = next.equals(ThreadPool.simulatePool(executor, grid, Rules.BOOK, TIMEOUT));
        out.javaf("  %-26s %.3f s per generation (same cells: %b)", label + ":", seconds, same);
    }
}
