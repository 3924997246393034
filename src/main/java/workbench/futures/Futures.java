package workbench.futures;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Python's {@code future.result()} for Java's futures: a bounded wait that hands back the value, or raises what the
 * task itself raised. {@link Future#get} and {@link java.util.concurrent.CompletableFuture#join} wrap a task's
 * failure ({@link ExecutionException}, {@link CompletionException}); {@link #unwrap} finds it again and
 * {@link #rethrow} throws it as itself. The engines (the event loop, the process pool's callers, the Game of Life
 * strategies) and the items all wait this way, so it lives below all of them.
 */
public final class Futures {

    private Futures() {
    }

    /**
     * {@code future.result(timeout)}: the value, or the task's own exception re-thrown ({@link #rethrow}).
     *
     * @throws TimeoutException when the task has not finished within {@code timeout}
     */
    public static <T> T result(Future<T> future, Duration timeout) throws InterruptedException, TimeoutException {
        return resultBefore(future, System.nanoTime() + timeout.toNanos());
    }

    /**
     * {@link #result(Future, Duration)} against a deadline on {@link System#nanoTime}'s clock, for a fan-in that
     * waits for many futures within one timeout.
     */
    public static <T> T resultBefore(Future<T> future, long deadlineNanos)
            throws InterruptedException, TimeoutException {
        try {
            return future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw rethrow(e);
        }
    }

    /** The real failure inside {@link CompletionException}/{@link ExecutionException} wrappers. */
    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * Throws the real failure inside {@code wrapped} ({@link #unwrap}) as itself where Java allows it, an unchecked
     * exception or an error, as Python's {@code future.result()} raises what the task raised; a checked one comes
     * wrapped in an {@link IllegalStateException}. Declared to return, so callers can write {@code throw rethrow(e)}.
     */
    public static RuntimeException rethrow(Throwable wrapped) {
        Throwable cause = unwrap(wrapped);
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(cause);
    }
}
