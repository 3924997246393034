package workbench.eventloop;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

import workbench.futures.Futures;

/**
 * asyncio's {@code Task}: a coroutine the loop runs, named {@code Task-N} in the order its loop made it (each loop
 * counts from 1, as each of the book's examples starts a fresh interpreter). Its {@link #toString} is asyncio's
 * {@code repr(task)}, the text of debug mode's {@code Executing <Task ...> took 0.501 seconds}:
 *
 * <pre>{@code
 * <Task finished name='Task-1' coro=<slow_coroutine() done, defined at workbench.item63.Item63.run(Item63.java:86)>
 *     result=null created at workbench.eventloop.EventLoop.run(EventLoop.java:120)>
 * <Task pending name='Task-2' coro=<tail_async() running at workbench.tail.Tails.runTasks(Tails.java:83)>
 *     created at workbench.tail.Tails.runTasks(Tails.java:83)>
 * }</pre>
 *
 * The coroutine's name is the one given to {@code createTask}; "defined at" is where its lambda was written and
 * "created at" where the task was made (both only in debug mode, as asyncio's source traceback). A Java future does
 * not know the line it waits at, so a pending task names where it was defined, and there is no {@code wait_for}.
 */
final class Task<T> {

    private static final int MAX_RESULT_CHARS = 60;

    final String taskName;
    final String coroName;
    final CompletableFuture<T> future = new CompletableFuture<>();
    private final StackTraceElement createdAt;
    private final StackTraceElement definedAt;

    Task(int number, String coroName, StackTraceElement[] origin) {
        this.taskName = "Task-" + number;
        this.coroName = coroName;
        this.createdAt = origin == null ? null : origin[0];
        this.definedAt = origin == null ? null : origin[1];
    }

    /** Runs the coroutine's first step; its future completes the task (a throw fails it, as a raise would). */
    void start(Supplier<? extends CompletionStage<T>> coro) {
        completeWith(future, coro);
    }

    /**
     * The result of a task that has finished, read without waiting ({@code task.result()}); a failed or cancelled
     * task throws its failure wrapped in {@link ExecutionException}.
     */
    T result() throws ExecutionException {
        return switch (future.state()) {
            case SUCCESS -> future.resultNow();
            case FAILED -> throw new ExecutionException(future.exceptionNow());
            case CANCELLED -> throw new ExecutionException(new CancellationException(this + " was cancelled"));
            case RUNNING -> throw new IllegalStateException(this + " has not finished");
        };
    }

    /** asyncio's {@code repr(task)}; see the class comment. */
    @Override
    public String toString() {
        StringBuilder repr = new StringBuilder("<Task ");
        CompletableFuture.State state = future.state();
        repr.append(switch (state) {
            case RUNNING -> "pending";
            case CANCELLED -> "cancelled";
            default -> "finished";
        });
        repr.append(" name='").append(taskName).append("' coro=<").append(coroName).append("()");
        if (state == CompletableFuture.State.RUNNING) {
            repr.append(definedAt == null ? " running" : " running at " + definedAt);
        } else {
            repr.append(definedAt == null ? " done" : " done, defined at " + definedAt);
        }
        repr.append('>');
        if (state == CompletableFuture.State.SUCCESS) {
            repr.append(" result=").append(shorten(String.valueOf(future.resultNow())));
        } else if (state == CompletableFuture.State.FAILED) {
            Throwable error = Futures.unwrap(future.exceptionNow());
            repr.append(" exception=").append(error.getClass().getSimpleName()).append("('")
                    .append(shorten(String.valueOf(error.getMessage()))).append("')");
        }
        if (createdAt != null) {
            repr.append(" created at ").append(createdAt);
        }
        return repr.append('>').toString();
    }

    /** As asyncio's {@code reprlib}: a long value is cut, so one warning stays one line. */
    private static String shorten(String text) {
        String line = text.replace('\n', ' ');
        return line.length() <= MAX_RESULT_CHARS ? line : line.substring(0, MAX_RESULT_CHARS - 3) + "...";
    }

    /** Completes {@code future} as the coroutine's first step and its future do, however they end. */
    static <T> void completeWith(CompletableFuture<T> future, Supplier<? extends CompletionStage<T>> coro) {
        CompletionStage<T> stage;
        try {
            stage = coro.get();
        } catch (Throwable t) {
            future.completeExceptionally(t);
            return;
        }
        stage.whenComplete((value, error) -> {
            if (error != null) {
                future.completeExceptionally(Futures.unwrap(error));
            } else {
                future.complete(value);
            }
        });
    }
}
