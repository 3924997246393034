package workbench.item59;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import workbench.Demo;
import workbench.demo.Narrator;
import workbench.life.Grid;
import workbench.life.Life;
import workbench.life.LockingGrid;
import workbench.life.PyLogging;
import workbench.life.Rules;

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
 * {@link ThreadPool#result} unwraps it to behave like Python's {@code result()}. Beyond the book: the same
 * {@link ThreadPool#simulatePool} on {@link Executors#newVirtualThreadPerTaskExecutor} lifts the cap: every cell
 * waits its I/O at once (Item 60's coroutines, the JVM way).
 *
 * <p><b>You should see</b> the glider block of Item 56, unchanged; {@code ERROR:root:Expected} with the
 * {@code IOException: Problem with I/O} the worker threw; with 10 ms of I/O per cell, a generation of 45 cells
 * taking about 50 ms on 10 pool threads (5 rounds of 10) and about 10 ms on virtual threads.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar run 59}, or this class's {@code main} from an IDE.
 */
public final class Item59 implements Demo {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final int MAX_WORKERS = 10;
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
                ThreadPool.result(future, System.nanoTime() + TIMEOUT.toNanos());
                out.println("Not reached: the task always fails");
            } catch (RuntimeException expected) {
                PyLogging.exception(out, "Expected", expected);
            }
            try {
                future.get(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException wrapped) {
                out.java("Future.get() itself throws " + wrapped.getClass().getSimpleName() + " with that exception as"
                        + " its cause; ThreadPool.result unwraps getCause() so the caller sees what the worker threw.");
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
