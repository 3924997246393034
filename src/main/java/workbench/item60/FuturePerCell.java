package workbench.item60;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import workbench.annotations.ThreadSafe;
import workbench.life.Grid;
import workbench.life.Rules;
import workbench.life.Simulation;

/**
 * {@code async def simulate} on {@link CompletableFuture}s: each cell's step is a future composed from the
 * book's functions made asynchronous ({@link AsyncRules#offload}: each blocking call is a {@code supplyAsync} on
 * a virtual-thread-per-task executor that this simulation owns), and {@link AsyncLife#gather} ({@code
 * CompletableFuture.allOf}) is {@code asyncio.gather}. Which calls are awaited is the {@link AsyncLife.StepCell}
 * it is given: Example 2's or Example 6's, with the driver unchanged.
 *
 * <p><b>Safe writes without a lock.</b> The continuations that write a cell run on whichever virtual thread
 * finished its {@code game_logic}, in parallel, so the next grid is not written directly: each cell's next state
 * goes to its own slot of an array, and the caller writes the plain next {@link Grid} after the gather, whose
 * completion publishes every slot. A failed cell fails the gather with its own exception (the first in row-major
 * order), which {@link #step} re-throws unwrapped.
 *
 * <p>{@link #close} shuts the executor down (bounded); nothing else holds threads.
 */
@ThreadSafe
public final class FuturePerCell implements Simulation {

    private final AsyncLife.StepCell stepCell;
    private final Duration timeout;
    private final ExecutorService executor;
    private final AsyncRules rules;

    public FuturePerCell(Rules rules, AsyncLife.StepCell stepCell, Duration timeout) {
        this.stepCell = stepCell;
        this.timeout = timeout;
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        this.rules = AsyncRules.offload(rules, executor);
    }

    @Override
    public Grid step(Grid grid) throws InterruptedException, TimeoutException {
        int height = grid.height();
        int width = grid.width();
        char[] nextStates = new char[height * width];
        List<CompletableFuture<Void>> tasks = new ArrayList<>(height * width);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int slot = y * width + x;
                tasks.add(stepCell.step(y, x, grid::get, (ny, nx, state) -> nextStates[slot] = state, rules));
            }
        }
        AsyncLife.await(AsyncLife.gather(tasks), timeout);
        Grid nextGrid = new Grid(height, width);
        for (int slot = 0; slot < nextStates.length; slot++) {
            nextGrid.set(slot / width, slot % width, nextStates[slot]);
        }
        return nextGrid;
    }

    /** Shuts the executor down, waiting at most the timeout for its tasks, then interrupting them. */
    @Override
    public void close() throws TimeoutException {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                executor.shutdownNow();
                throw new TimeoutException("cell tasks still running after " + timeout);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String name() {
        return "completableFutures";
    }
}
