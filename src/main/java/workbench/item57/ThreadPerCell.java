package workbench.item57;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import workbench.annotations.ThreadSafe;
import workbench.life.Grid;
import workbench.life.Life;
import workbench.life.LockingGrid;
import workbench.life.Rules;
import workbench.life.Simulation;

/**
 * Item 57's {@code simulate_threaded}: fan out one new platform thread per cell, each stepping its cell into a
 * {@link LockingGrid}, then fan in by joining them all (within the timeout). 45 threads per generation of the
 * book's 5x9 grid.
 *
 * <p>A cell thread that throws dies alone: Java's uncaught-exception handler prints the exception to
 * {@code System.err}, {@code join} returns normally, and the cell simply stays {@link Life#EMPTY}. Nothing reaches
 * the caller, exactly the book's complaint.
 *
 * <p>Threads are named like Python's: {@code Thread-N (step_cell)}, numbered from 1 per instance (Python numbers
 * per process, which is why the book's failing thread is {@code Thread-226}: 225 cell threads came before it).
 */
@ThreadSafe
public final class ThreadPerCell implements Simulation {

    private final Rules rules;
    private final Duration timeout;
    private final AtomicInteger threadsCreated = new AtomicInteger();

    public ThreadPerCell(Rules rules, Duration timeout) {
        this.rules = rules;
        this.timeout = timeout;
    }

    @Override
    public Grid step(Grid grid) throws InterruptedException, TimeoutException {
        LockingGrid nextGrid = new LockingGrid(grid.height(), grid.width());
        List<Thread> threads = new ArrayList<>();
        try {
            for (int y = 0; y < grid.height(); y++) {
                for (int x = 0; x < grid.width(); x++) {
                    int cellY = y;
                    int cellX = x;
                    Thread thread = new Thread(() -> Life.stepCell(cellY, cellX, grid::get, nextGrid::set, rules),
                            nextThreadName("step_cell"));
                    thread.start();                                           // fan-out
                    threads.add(thread);
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Thread thread : threads) {                                   // fan-in
                if (!thread.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                    throw new TimeoutException(thread.getName() + " still running after " + timeout);
                }
            }
            return nextGrid;
        } finally {
            for (Thread thread : threads) {
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(Duration.ofSeconds(5));
                }
            }
        }
    }

    /** The next Python-style thread name, {@code Thread-N (target)}. */
    public String nextThreadName(String target) {
        return "Thread-" + threadsCreated.incrementAndGet() + " (" + target + ")";
    }

    /** How many threads this instance has named so far. */
    public int threadsCreated() {
        return threadsCreated.get();
    }

    @Override
    public String name() {
        return "threadPerCell";
    }
}
