package workbench.eventloop;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;

import workbench.futures.Futures;

/**
 * The control flow of {@code async def} for {@link CompletableFuture} chains, none of which needs a loop: a
 * {@code while} loop whose body awaits ({@link #whileTrue}), {@code try/finally} around an awaited body
 * ({@link #tryFinally}) and {@code async with} ({@link #using}), and {@code asyncio.gather} ({@link #gather}).
 * Continuations run on whichever thread completes a future; on an {@link EventLoop} that is always the loop's
 * thread. As in Python, awaiting a future that is already complete does not yield to the loop: a body that should
 * let other callbacks run awaits {@code loop.sleep(Duration.ZERO)}.
 */
public final class Async {

    private Async() {
    }

    /** An already completed future: what {@code return value} is in a coroutine that did not need to wait. */
    public static <T> CompletableFuture<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    /**
     * {@code async def f(): return work()}, a coroutine that awaits nothing: runs {@code work} now and returns its
     * result, or its exception (checked ones too), as a completed future.
     */
    public static <T> CompletableFuture<T> call(Callable<T> work) {
        try {
            return done(work.call());
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * {@code while (await body()) {}}: runs {@code body} again each time its future completes with {@code true},
     * and completes when one completes with {@code false} (or fails, with that failure). Iterations whose future
     * is already complete run in a plain loop, so a long run of them neither deepens the stack nor chains futures.
     */
    public static CompletableFuture<Void> whileTrue(Supplier<? extends CompletionStage<Boolean>> body) {
        CompletableFuture<Void> finished = new CompletableFuture<>();
        new Runnable() {
            @Override
            public void run() {
                while (true) {
                    CompletableFuture<Boolean> next;
                    try {
                        next = body.get().toCompletableFuture();
                    } catch (Throwable t) {
                        finished.completeExceptionally(t);
                        return;
                    }
                    if (!next.isDone()) {
                        next.whenComplete((more, error) -> {
                            if (error != null) {
                                finished.completeExceptionally(Futures.unwrap(error));
                            } else if (Boolean.TRUE.equals(more)) {
                                run();
                            } else {
                                finished.complete(null);
                            }
                        });
                        return;
                    }
                    boolean more;
                    try {
                        more = Boolean.TRUE.equals(next.join());
                    } catch (CompletionException | CancellationException e) {
                        finished.completeExceptionally(Futures.unwrap(e));
                        return;
                    }
                    if (!more) {
                        finished.complete(null);
                        return;
                    }
                }
            }
        }.run();
        return finished;
    }

    /**
     * {@code try: return await body() finally: await cleanup()}. The cleanup runs whether the body succeeded or
     * failed; a body failure wins (a cleanup failure is added to it as suppressed).
     */
    public static <T> CompletableFuture<T> tryFinally(Supplier<? extends CompletionStage<T>> body,
                                                      Supplier<? extends CompletionStage<?>> cleanup) {
        CompletableFuture<T> started;
        try {
            started = body.get().toCompletableFuture();
        } catch (Throwable t) {
            started = CompletableFuture.failedFuture(t);
        }
        return started.handle((value, error) -> {
            CompletableFuture<?> cleaned;
            try {
                cleaned = cleanup.get().toCompletableFuture();
            } catch (Throwable t) {
                cleaned = CompletableFuture.failedFuture(t);
            }
            return cleaned.handle((ignored, cleanupError) -> {
                if (error != null) {
                    Throwable cause = Futures.unwrap(error);
                    if (cleanupError != null && cleanupError != cause) {
                        cause.addSuppressed(Futures.unwrap(cleanupError));
                    }
                    throw new CompletionException(cause);
                }
                if (cleanupError != null) {
                    throw new CompletionException(Futures.unwrap(cleanupError));
                }
                return value;
            });
        }).thenCompose(stage -> stage);
    }

    /**
     * {@code async with resource: return await body(resource)} (or {@code with}): runs {@code body} and closes the
     * resource when its future completes, however it completes; as in {@link #tryFinally}, a body failure wins
     * and a close failure rides along as suppressed.
     */
    public static <R extends AutoCloseable, T> CompletableFuture<T> using(R resource,
            Function<? super R, ? extends CompletionStage<T>> body) {
        return tryFinally(() -> body.apply(resource), () -> {
            try {
                resource.close();
                return done(null);
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    /** {@code asyncio.gather(*futures)}: completes when all have completed, and fails if any of them failed. */
    public static CompletableFuture<Void> gather(List<? extends CompletableFuture<?>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    }
}
