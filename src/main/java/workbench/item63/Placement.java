package workbench.item63;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import workbench.examples.Way;
import workbench.item62.Migration;
import workbench.eventloop.Async;
import workbench.eventloop.EventLoop;
import workbench.tail.LogReader;
import workbench.tail.Merger;
import workbench.tail.Tails;
import workbench.tail.Tails.AsyncLineWriter;

/**
 * Where Item 63's blocking file calls run: {@link #ON_LOOP}, the problem (Item 62's {@code run_tasks}: the
 * output file is opened, written and closed on the event-loop thread), or {@link #WRITE_THREAD}, the fix
 * ({@code run_fully_async}: a {@link WriteThread} owns the file and the main loop only hands it lines).
 */
public enum Placement implements Merger, Way {

    ON_LOOP {
        @Override
        public CompletableFuture<Void> mergeAsync(EventLoop loop, List<LogReader> handles, Duration interval,
                Path output) {
            return Migration.runTasks(loop, handles, interval, output); // Ex1: Item 62's run_tasks, unchanged
        }

        @Override
        public <T> CompletableFuture<T> withOutput(EventLoop loop, Path output, WriteThread.Opener opener,
                Function<AsyncLineWriter, CompletableFuture<T>> body) {
            OutputStream stream;
            try {
                stream = opener.open(output); // blocks the loop
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
            return Async.using(stream, opened -> body.apply(Migration.writeOnLoop(opened)));
        }
    },

    WRITE_THREAD {
        @Override
        public CompletableFuture<Void> mergeAsync(EventLoop loop, List<LogReader> handles, Duration interval,
                Path output) {
            return runFullyAsync(loop, handles, interval, output);
        }

        @Override
        public <T> CompletableFuture<T> withOutput(EventLoop loop, Path output, WriteThread.Opener opener,
                Function<AsyncLineWriter, CompletableFuture<T>> body) {
            return WriteThread.using(output, opener, writeThread -> body.apply(writeThread::write));
        }
    };

    /** The merge as a coroutine on {@code loop} (call on its thread), for callers that watch the loop meanwhile. */
    public abstract CompletableFuture<Void> mergeAsync(EventLoop loop, List<LogReader> handles, Duration interval,
            Path output);

    /**
     * Runs {@code body} with an async line writer to {@code output} opened by {@code opener}, placed as this
     * constant says, and closes it afterwards (Item 63's slow-device drill).
     */
    public abstract <T> CompletableFuture<T> withOutput(EventLoop loop, Path output, WriteThread.Opener opener,
            Function<AsyncLineWriter, CompletableFuture<T>> body);

    @Override
    public void merge(List<LogReader> handles, Duration interval, Path output, Duration timeout) throws Exception {
        EventLoop.run("main", this == ON_LOOP ? "run_tasks" : "run_fully_async",
                loop -> mergeAsync(loop, handles, interval, output), timeout);
    }

    /**
     * {@code run_fully_async}: the same tasks as {@code run_tasks}, but {@code async with WriteThread(output_path)
     * as output:} and each line handed to {@code output.write}.
     */
    public static CompletableFuture<Void> runFullyAsync(EventLoop loop, List<LogReader> handles, Duration interval,
            Path outputPath) {
        return WriteThread.using(outputPath, Files::newOutputStream,
                output -> Tails.gatherTails(loop, handles, interval, output::write));
    }
}
