package workbench.item63;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import workbench.annotations.ThreadSafe;
import workbench.eventloop.Async;
import workbench.eventloop.EventLoop;
import workbench.eventloop.EventLoopClosedException;
import workbench.futures.Futures;

/**
 * The book's {@code WriteThread}: a dedicated thread that runs an event loop of its own and owns the output file,
 * so the blocking {@code open}/{@code write}/{@code close} calls never run on the main loop.
 *
 * <p>{@link #write} is the book's {@code async def write}: it hands {@code real_write} to the writer's loop
 * ({@code run_coroutine_threadsafe}) and returns a future that completes back on the caller's loop
 * ({@code wrap_future}). {@link #start} starts the thread through the caller's executor, because even
 * {@code Thread.start()} blocks; {@link #using} is {@code async with WriteThread(path) as output:}.
 *
 * <p>Differences from the book: {@link #stop} also joins the thread (off the loop, through the executor), so the
 * file is closed before anyone reads it; the book never joins it. The book's final
 * {@code run_until_complete(asyncio.sleep(0))} pass is not needed: {@code real_stop}'s future is completed inside
 * the callback that stops the loop. The writer's loop is closed when its thread ends, which the book never does.
 */
@ThreadSafe
public final class WriteThread {

    /** How the output file is opened: {@code open(path, 'wb')}, or a simulated slow device in Item 63's drill. */
    @FunctionalInterface
    public interface Opener {
        OutputStream open(Path path) throws IOException;
    }

    /** The most {@link #stop} waits for the thread to end. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    private final Path outputPath;
    private final Opener opener;
    private final EventLoop loop;
    private final Thread thread;
    /** Written and read only on the writer thread: set before its loop runs. */
    private OutputStream output;
    private volatile Exception failure;

    public WriteThread(Path outputPath) {
        this(outputPath, Files::newOutputStream);
    }

    public WriteThread(Path outputPath, Opener opener) {
        this.outputPath = outputPath;
        this.opener = opener;
        this.loop = EventLoop.newEventLoop("WriteThread"); // new_event_loop() in __init__
        this.thread = Thread.ofPlatform().name("WriteThread").unstarted(this::run);
    }

    /** {@code async with WriteThread(output_path) as output:} around {@code body}, on the running loop. */
    public static <T> CompletableFuture<T> using(Path outputPath, Opener opener,
            Function<WriteThread, ? extends CompletionStage<T>> body) {
        EventLoop caller = EventLoop.getRunningLoop();
        return start(caller, new WriteThread(outputPath, opener)).thenCompose(output -> {
            CompletableFuture<T> result = new CompletableFuture<>();
            CompletionStage<T> stage;
            try {
                stage = body.apply(output);
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((value, error) -> output.stop(caller).whenComplete((stopped, stopError) -> {
                // as with Python's __aexit__, an error on the way out wins; the body's rides along as suppressed
                Throwable failed = stopError != null ? Futures.unwrap(stopError) : null;
                if (error != null) {
                    if (failed == null) {
                        failed = Futures.unwrap(error);
                    } else {
                        failed.addSuppressed(Futures.unwrap(error));
                    }
                }
                if (failed != null) {
                    result.completeExceptionally(failed);
                } else {
                    result.complete(value);
                }
            }));
            return result;
        });
    }

    /** {@code __aenter__}: starts the thread from the caller loop's executor; the future completes on that loop. */
    static CompletableFuture<WriteThread> start(EventLoop caller, WriteThread writeThread) {
        return caller.runInExecutor(() -> {
            writeThread.thread.start();
            return writeThread;
        });
    }

    /** {@code Thread.run}: open the file, run the writer's loop until {@code real_stop}, close both. */
    private void run() {
        try (OutputStream out = opener.open(outputPath)) {
            output = out;
            loop.runForever();
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            failure = e;
            Thread.currentThread().interrupt();
        } finally {
            loop.close(); // anything still queued fails with CancellationException rather than waiting forever
        }
    }

    /** {@code real_write}: the blocking write, on the writer thread. */
    private Void realWrite(byte[] data) throws IOException {
        output.write(data);
        return null;
    }

    /** {@code async def write(data)}: call from a running loop; completes on that loop once the line is written. */
    public CompletableFuture<Void> write(byte[] data) {
        return EventLoop.getRunningLoop().wrapFuture(loop.runCoroutineThreadsafe("real_write",
                () -> Async.call(() -> realWrite(data))));
    }

    /**
     * {@code async def stop()}: {@code real_stop} on the writer's loop, then (unlike the book) a join through the
     * caller's executor, so the file is closed when this completes. Fails if the file could not be opened.
     */
    CompletableFuture<Void> stop(EventLoop caller) {
        CompletableFuture<Void> stopped;
        try {
            stopped = caller.wrapFuture(loop.runCoroutineThreadsafe("real_stop", () -> Async.call(() -> {
                loop.stop();
                return null;
            })));
        } catch (EventLoopClosedException e) { // the writer's loop has ended already (the file did not open)
            stopped = CompletableFuture.failedFuture(e);
        }
        return stopped.handle((ignored, stopError) -> stopError).thenCompose(stopError -> caller.runInExecutor(() -> {
            if (!thread.join(JOIN_TIMEOUT)) {
                throw new IllegalStateException("WriteThread still running " + JOIN_TIMEOUT.toSeconds()
                        + " s after stop()");
            }
            if (failure != null) {
                throw failure;
            }
            if (stopError != null) {
                throw new IllegalStateException("WriteThread did not stop cleanly", Futures.unwrap(stopError));
            }
            return null;
        }));
    }

    /** The writer thread (for tests: it ends after {@link #using}). */
    Thread thread() {
        return thread;
    }
}
