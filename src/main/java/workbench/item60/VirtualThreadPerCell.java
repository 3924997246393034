package workbench.item60;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import workbench.annotations.ThreadSafe;
import workbench.futures.Futures;
import workbench.life.Grid;
import workbench.life.Life;
import workbench.life.Rules;
import workbench.life.Simulation;

/**
 * Coroutines the JVM way: Item 57's thread per cell with a virtual thread per cell (fan-out), joined (fan-in). The
 * code stays in direct style: each thread calls the book's blocking {@code step_cell} ({@link Life#stepCell}); a
 * blocking call inside it (the simulated I/O of {@link Rules#withIo}) unmounts the virtual thread from its carrier
 * instead of holding an OS thread, so thousands of cells cost little. Example 6 needs no change at all here: a
 * {@code count_neighbors} that blocks is just another blocking call.
 *
 * <p><b>Safe writes without a lock.</b> Virtual threads are still threads, running in parallel on several
 * carriers, so the book's "no locks, everything on one thread" does not hold. Instead of Item 57's
 * {@code LockingGrid}, each thread writes only its own slot of a result array (its cell's next state, or its
 * exception) and the caller, after joining, writes the plain next {@link Grid} itself: nothing is shared between
 * cell threads (the old grid is only read, published to them by {@link Thread#start}), and {@link Thread#join} is
 * the happens-before edge that publishes every slot to the caller. This is {@code asyncio.gather} returning
 * results.
 *
 * <p><b>Exceptions.</b> A virtual thread's uncaught exception reaches {@code join} no more than a platform
 * thread's (Item 57). Each thread therefore keeps its exception in its slot, and the caller re-throws the first
 * one in row-major order, unwrapped, with its original type and message, as {@code await} does in Python.
 */
@ThreadSafe
public final class VirtualThreadPerCell implements Simulation {

    private final Rules rules;
    private final Duration timeout;

    public VirtualThreadPerCell(Rules rules, Duration timeout) {
        this.rules = rules;
        this.timeout = timeout;
    }

    @Override
    public Grid step(Grid grid) throws InterruptedException, TimeoutException {
        int height = grid.height();
        int width = grid.width();
        char[] nextStates = new char[height * width];
        Throwable[] errors = new Throwable[height * width];
        List<Thread> threads = new ArrayList<>(height * width);
        try {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int cellY = y;
                    int cellX = x;
                    int slot = y * width + x;
                    threads.add(Thread.ofVirtual().name("step_cell-" + y + "-" + x).start(() -> {   // fan-out
                        try {
                            Life.stepCell(cellY, cellX, grid::get, (ny, nx, state) -> nextStates[slot] = state, rules);
                        } catch (Throwable t) {
                            errors[slot] = t;
                        }
                    }));
                }
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Thread thread : threads) {                                                      // fan-in
                if (!thread.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                    throw new TimeoutException(thread.getName() + " still running after " + timeout);
                }
            }
            for (Throwable error : errors) {
                if (error != null) {
                    throw Futures.rethrow(error);
                }
            }
            Grid nextGrid = new Grid(height, width);
            for (int slot = 0; slot < nextStates.length; slot++) {
                nextGrid.set(slot / width, slot % width, nextStates[slot]);
            }
            return nextGrid;
        } finally {
            for (Thread thread : threads) {
                if (thread.isAlive()) {
                    thread.interrupt();
                }
            }
        }
    }

    @Override
    public String name() {
        return "virtualThreads";
    }
}
