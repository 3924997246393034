package workbench.procpool;

import java.io.IOException;
import java.io.ObjectInputFilter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;

/**
 * A submitted task as the pool holds it: its frame, serialised once at submit and ready to write, and its future.
 *
 * @param <T> the task's result type
 */
final class Pending<T> {

    final long id;
    final byte[] frame;
    /** The task as given, for {@link ProcessPool#shutdownNow()}'s list of tasks that never started. */
    final Object task;
    /** {@code submit(Runnable, result)}: the result stays in this JVM and replaces the worker's null. */
    private final boolean localResult;
    private final T result;
    final TaskFuture<T> future;

    /** {@code withdraw} takes the task off the pool's queue when its future is cancelled. */
    Pending(long id, byte[] frame, Object task, boolean localResult, T result, Consumer<Pending<?>> withdraw) {
        this.id = id;
        this.frame = frame;
        this.task = task;
        this.localResult = localResult;
        this.result = result;
        this.future = new TaskFuture<>(this, withdraw);
    }

    /**
     * The worker's answer becomes the future's outcome: the one place a task's result (or remote failure) arrives
     * in the parent. Called on the worker's reader thread, without the pool's lock.
     */
    @SuppressWarnings("unchecked")
    void complete(Wire.Frame answer, ObjectInputFilter filter) {
        if (future.isDone()) {
            return; // cancelled meanwhile: the answer is dropped
        }
        if (answer.kind() == Wire.RESULT) {
            try {
                Object value = Wire.deserialize(answer.payload(), filter);
                future.complete(localResult ? result : (T) value);
            } catch (Exception | StackOverflowError e) {
                future.completeExceptionally(e);
            }
        } else if (answer.kind() == Wire.FAILURE) {
            future.completeExceptionally(decodeFailure(answer.payload(), filter));
        } else {
            future.completeExceptionally(new IOException("protocol error: frame kind " + answer.kind()));
        }
    }

    /** The original exception if it passes the filter (with a note naming the worker), else its description. */
    private static Throwable decodeFailure(byte[] payload, ObjectInputFilter filter) {
        Wire.Failure failure;
        try {
            failure = (Wire.Failure) Wire.deserialize(payload, filter);
        } catch (Exception | StackOverflowError e) {
            return e;
        }
        RemoteTaskException description = failure.description();
        if (failure.original() != null) {
            try {
                if (Wire.deserialize(failure.original(), filter) instanceof Throwable original) {
                    original.addSuppressed(description.asNote());
                    return original;
                }
            } catch (Exception | StackOverflowError e) {
                description.addSuppressed(e);
            }
        }
        return description;
    }

    /**
     * A task's future. {@code cancel} takes a queued task off the queue; a task already running in a worker cannot
     * be stopped, so it finishes there and its answer is dropped (as {@link FutureTask#cancel(boolean)} with
     * {@code false}; Python's {@code Future.cancel} would return False instead). Dependent stages are plain
     * {@link CompletableFuture}s.
     */
    static final class TaskFuture<T> extends CompletableFuture<T> {
        private final Pending<T> pending;
        private final Consumer<Pending<?>> withdraw;

        private TaskFuture(Pending<T> pending, Consumer<Pending<?>> withdraw) {
            this.pending = pending;
            this.withdraw = withdraw;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            withdraw.accept(pending);
            return super.cancel(mayInterruptIfRunning);
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new CompletableFuture<>();
        }
    }
}
