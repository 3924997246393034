package workbench.eventloop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * An async generator: each {@link #next()} is a future of the next item, or of {@code null} when the generator
 * is exhausted (Python's {@code StopAsyncIteration}). {@link #forEach} is {@code async for}; {@link #map} is an
 * async comprehension {@code [await fn(x) async for x in it]}. Neither asks for the next item before the body's
 * future for the current one completed, just as {@code async for} resumes the generator only after its body.
 */
@FunctionalInterface
public interface AsyncIterator<T> {

    CompletableFuture<T> next();

    /** {@code async for item in this: await body(item)}. */
    default CompletableFuture<Void> forEach(Function<? super T, ? extends CompletionStage<?>> body) {
        return Async.whileTrue(() -> next().thenCompose(item -> item == null
                ? Async.done(false)
                : body.apply(item).thenApply(ignored -> true)));
    }

    /** {@code [await fn(item) async for item in this]}, as a mutable list in the generator's order. */
    default <R> CompletableFuture<List<R>> map(Function<? super T, ? extends CompletionStage<R>> fn) {
        List<R> results = new ArrayList<>();
        return forEach(item -> fn.apply(item).thenAccept(results::add)).thenApply(ignored -> results);
    }
}
