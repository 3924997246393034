package workbench.item60;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import workbench.futures.Futures;
import workbench.life.CellGetter;
import workbench.life.CellSetter;
import workbench.life.Life;
import workbench.recording.WorkUnitEvent;

/**
 * The book's coroutine versions of Item 56's functions, on {@link CompletableFuture}: {@code async def step_cell}
 * in its two versions (Example 2, and Example 6 where {@code count_neighbors} is awaited too), {@code
 * asyncio.gather} ({@link #gather}) and waiting for a result the way {@code asyncio.run} returns or raises
 * ({@link #await}).
 */
public final class AsyncLife {

    /**
     * The book's {@code step_cell} as a function: the driver ({@code simulate}) takes it as given, so changing
     * which calls are awaited (Example 2 to Example 6) changes only this function, never the driver.
     */
    @FunctionalInterface
    public interface StepCell {

        CompletableFuture<Void> step(int y, int x, CellGetter get, CellSetter set, AsyncRules rules);

        /** Example 2: {@code count_neighbors} is still a plain function; only {@code game_logic} is awaited. */
        StepCell AWAIT_GAME_LOGIC = AsyncLife::stepCell;
        /** Example 6: {@code count_neighbors} does I/O too, so it is awaited as well. */
        StepCell AWAIT_BOTH = AsyncLife::stepCellAwaitingNeighbors;
    }

    private AsyncLife() {
    }

    /**
     * Example 2: read the state, count the neighbours with the book's plain function, await {@code game_logic},
     * write the next state.
     */
    public static CompletableFuture<Void> stepCell(int y, int x, CellGetter get, CellSetter set, AsyncRules rules) {
        return unit(y, x, () -> {
            char state = get.get(y, x);
            int neighbors = Life.countNeighbors(y, x, get);
            return rules.gameLogic(state, neighbors)
                    .thenAccept(nextState -> set.set(y, x, nextState));
        });
    }

    /** Example 6: the same with {@code neighbors = await count_neighbors(y, x, get)}; one more await, no more. */
    public static CompletableFuture<Void> stepCellAwaitingNeighbors(int y, int x, CellGetter get, CellSetter set,
            AsyncRules rules) {
        return unit(y, x, () -> {
            char state = get.get(y, x);
            return rules.countNeighbors(y, x, get)
                    .thenCompose(neighbors -> rules.gameLogic(state, neighbors))
                    .thenAccept(nextState -> set.set(y, x, nextState));
        });
    }

    /**
     * {@code await asyncio.gather(*tasks)}: completes when every task has, or fails with the first failure in the
     * tasks' order, unwrapped (Python re-raises the task's own exception). Unlike {@code gather}, which raises as
     * soon as one task fails, it waits for all of them, so no task is left running behind the caller's back.
     */
    public static CompletableFuture<Void> gather(List<? extends CompletableFuture<?>> tasks) {
        return CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)).handle((ignored, error) -> {
            if (error == null) {
                return null;
            }
            for (CompletableFuture<?> task : tasks) {
                if (task.isCompletedExceptionally()) {
                    throw new CompletionException(failure(task));
                }
            }
            throw new CompletionException(Futures.unwrap(error));
        });
    }

    /**
     * What {@code asyncio.run(coro)} does for its caller, bounded: the value, or the coroutine's own exception
     * re-thrown, not the {@link ExecutionException} or {@link CompletionException} Java wraps it in. A checked
     * cause (none of this item's code throws one) comes wrapped in an {@link IllegalStateException}. On timeout
     * the future is cancelled.
     */
    public static <T> T await(CompletableFuture<T> future, Duration timeout)
            throws InterruptedException, TimeoutException {
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw Futures.rethrow(e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw e;
        }
    }

    /**
     * {@link #start}, the cell's step recorded as a unit of work from its start to its end (a timeline draws the
     * coroutines that interleave on the loop as rows of their own).
     */
    private static CompletableFuture<Void> unit(int y, int x, Supplier<CompletableFuture<Void>> body) {
        WorkUnitEvent unit = new WorkUnitEvent();
        unit.begin();
        CompletableFuture<Void> step = start(body);
        step.whenComplete((done, error) -> unit.end(Life.CELL, Life.cellLabel(y, x))); // a side branch: the
        return step;                                                         // caller sees the step's own failure
    }

    /** A step's future even when building it throws: a coroutine raises when awaited, never when called. */
    static CompletableFuture<Void> start(Supplier<CompletableFuture<Void>> body) {
        try {
            return body.get();
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Throwable failure(CompletableFuture<?> failed) {
        try {
            failed.join();
            throw new IllegalStateException("not failed");
        } catch (CompletionException | CancellationException e) {
            return Futures.unwrap(e);
        }
    }
}
