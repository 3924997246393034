package workbench.tail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import workbench.eventloop.Async;
import workbench.eventloop.EventLoop;

/**
 * The two tails the book's Items 62 and 63 share (2nd ed.; 3rd ed. 77 and 78): {@link #tailFile}, the
 * blocking one a thread runs, and {@link #tailAsync}, the coroutine an {@link EventLoop} runs.
 *
 * <p>Both stop the same way: {@link LogReader#writersDone()} is read before a {@code readline}; if that
 * {@code readline} then finds nothing, the file is complete and the tail returns. The book's tails loop
 * {@code while not handle.closed} instead, and a handle closed by the 1 s timer between the check and the read
 * makes the reader thread fail with {@code ValueError}.
 */
public final class Tails {

    /** The synchronous {@code write_func} a blocking tail calls for each line. */
    @FunctionalInterface
    public interface LineWriter {
        void write(byte[] line) throws Exception;
    }

    /** The asynchronous {@code write_func}: a coroutine writing one line. */
    @FunctionalInterface
    public interface AsyncLineWriter extends Function<byte[], CompletionStage<Void>> {
    }

    private Tails() {
    }

    /** {@code tail_file}: a blocking loop for a thread; sleeps {@code interval} whenever nothing new arrived. */
    public static void tailFile(LogReader handle, Duration interval, LineWriter write) throws Exception {
        while (true) {
            boolean last = handle.writersDone();
            Optional<byte[]> line = handle.readline();
            if (line.isPresent()) {
                write.write(line.get());
            } else if (last) {
                return;
            } else {
                Thread.sleep(interval);
            }
        }
    }

    /**
     * {@code tail_async}: the same loop as a coroutine on {@code loop}. {@code readline} runs on the loop's
     * executor ({@code run_in_executor}), the wait is a loop timer ({@code asyncio.sleep}), and each line is
     * awaited through {@code write}.
     */
    public static CompletableFuture<Void> tailAsync(EventLoop loop, LogReader handle, Duration interval,
            AsyncLineWriter write) {
        return Async.whileTrue(() -> {
            boolean last = handle.writersDone();
            return loop.runInExecutor(handle::readline).thenCompose(line -> {
                if (line.isPresent()) {
                    return write.apply(line.get()).thenApply(written -> true);
                }
                if (last) {
                    return CompletableFuture.completedFuture(false);
                }
                return loop.sleep(interval).thenApply(slept -> true);
            });
        });
    }

    /**
     * One {@code create_task(tail_async(...))} per handle, then {@code gather}: the body both {@code run_tasks}
     * (Item 62) and {@code run_fully_async} (Item 63) share. Call it on the loop's thread.
     */
    public static CompletableFuture<Void> gatherTails(EventLoop loop, List<LogReader> handles, Duration interval,
            AsyncLineWriter write) {
        List<CompletableFuture<Void>> tasks = new ArrayList<>();
        for (LogReader handle : handles) {
            tasks.add(loop.createTask("tail_async", () -> tailAsync(loop, handle, interval, write)));
        }
        return Async.gather(tasks);
    }
}
