package workbench.item60;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

import workbench.eventloop.EventLoop;
import workbench.life.CellGetter;
import workbench.life.Rules;

/**
 * The book's {@code async def count_neighbors} and {@code async def game_logic}: the per-cell functions of
 * {@link Rules}, returning futures. Where Python writes {@code await game_logic(state, neighbors)}, Java composes
 * on the returned {@link CompletableFuture}. A failure always comes back as a failed future, never as a throw from
 * the call itself, as a coroutine raises only when awaited.
 *
 * <p>Two ways to make blocking functions asynchronous, one per async style of this item:
 * <ul>
 *   <li>{@link #offload}: run the blocking {@link Rules} on an executor (virtual threads here), the way
 *       {@code supplyAsync} wraps a blocking library: its simulated I/O is a {@code Thread.sleep} on a virtual
 *       thread, which unmounts it from its carrier;</li>
 *   <li>{@link #onLoop}: never block at all: the simulated I/O is an {@link EventLoop#sleep} timer (asyncio's
 *       {@code await asyncio.sleep}), then the pure function runs on the loop's thread.</li>
 * </ul>
 */
public interface AsyncRules {

    CompletableFuture<Integer> countNeighbors(int y, int x, CellGetter get);

    CompletableFuture<Character> gameLogic(char state, int neighbors);

    /**
     * {@code rules} run right away, on the caller's thread, their result or failure as a completed future: the
     * book's {@code async def game_logic} whose body never awaits. Only for rules that do not block.
     */
    static AsyncRules now(Rules rules) {
        return new AsyncRules() {
            @Override
            public CompletableFuture<Integer> countNeighbors(int y, int x, CellGetter get) {
                return attempt(() -> rules.countNeighbors(y, x, get));
            }

            @Override
            public CompletableFuture<Character> gameLogic(char state, int neighbors) {
                return attempt(() -> rules.gameLogic(state, neighbors));
            }
        };
    }

    /** Each call of {@code rules}, which may block, runs as a task on {@code executor}. */
    static AsyncRules offload(Rules rules, Executor executor) {
        return new AsyncRules() {
            @Override
            public CompletableFuture<Integer> countNeighbors(int y, int x, CellGetter get) {
                return CompletableFuture.supplyAsync(() -> rules.countNeighbors(y, x, get), executor);
            }

            @Override
            public CompletableFuture<Character> gameLogic(char state, int neighbors) {
                return CompletableFuture.supplyAsync(() -> rules.gameLogic(state, neighbors), executor);
            }
        };
    }

    /**
     * Non-blocking simulated I/O on {@code loop}: wait {@code countIo} (or {@code logicIo}) as a loop timer, then run
     * {@code rules} (which must not block: {@link Rules#BOOK} or a failing one) on the loop's thread. Zero latency
     * runs them at once, like {@link #now}. Call it on the loop's thread, as everything on a loop is.
     */
    static AsyncRules onLoop(EventLoop loop, Rules rules, Duration countIo, Duration logicIo) {
        Function<Duration, CompletableFuture<Void>> io = latency -> loop.sleep(latency);
        return new AsyncRules() {
            @Override
            public CompletableFuture<Integer> countNeighbors(int y, int x, CellGetter get) {
                return after(io, countIo, () -> rules.countNeighbors(y, x, get));
            }

            @Override
            public CompletableFuture<Character> gameLogic(char state, int neighbors) {
                return after(io, logicIo, () -> rules.gameLogic(state, neighbors));
            }
        };
    }

    private static <T> CompletableFuture<T> after(Function<Duration, CompletableFuture<Void>> io, Duration latency,
            Supplier<T> body) {
        if (latency.isZero()) {
            return attempt(body);
        }
        return io.apply(latency).thenCompose(ignored -> attempt(body));
    }

    /** {@code body}'s value as a completed future, or its exception as a failed one. */
    static <T> CompletableFuture<T> attempt(Supplier<T> body) {
        try {
            return CompletableFuture.completedFuture(body.get());
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
