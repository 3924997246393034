package workbench.eventloop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import workbench.annotations.ThreadSafe;
import workbench.futures.Futures;

/**
 * A single-threaded event loop: Java's counterpart of an asyncio event loop, on a {@link java.nio.channels.Selector}
 * (both sit on epoll on Linux). Items 61, 62 and 63 (3rd ed. 76-78) build on it. The ready queue, the timers, the
 * selector and closing are in {@link LoopCore}; this file is the coroutine API, one verb per asyncio verb.
 *
 * <p><b>Coroutines.</b> Java has no {@code async def}; a coroutine here is a function returning a
 * {@link CompletableFuture} whose continuations run on the loop. Every future the loop hands out ({@link #sleep},
 * {@link #runInExecutor}, {@link #wrapFuture}, {@link #createTask}, the streams' reads and writes) is completed
 * <em>on the loop thread</em>, so a continuation attached with {@code thenCompose}/{@code thenApply} runs there too,
 * exactly where the code after an {@code await} would run. {@link Async} has the control flow ({@code while},
 * {@code try/finally}, {@code async with}, {@code gather}) that needs no loop.
 *
 * <table>
 *   <caption>asyncio and this class</caption>
 *   <tr><th>asyncio</th><th>here</th></tr>
 *   <tr><td>{@code asyncio.run(main(), debug=...)}</td><td>{@link #run}: the loop runs on the calling thread, like
 *       Python's, and is closed afterwards</td></tr>
 *   <tr><td>{@code new_event_loop()}, {@code run_until_complete}, {@code run_forever}, {@code stop},
 *       {@code close}</td><td>{@link #newEventLoop}, {@link #runUntilComplete}, {@link #runForever},
 *       {@link #stop}, {@link #close}</td></tr>
 *   <tr><td>{@code Thread(target=loop.run_forever).start()}</td><td>{@link #start}</td></tr>
 *   <tr><td>{@code call_soon(_threadsafe)}, {@code call_later}, {@code call_at}, {@code time}</td>
 *       <td>{@link #callSoon}, {@link #callLater}, {@link #callAt}, {@link #time}</td></tr>
 *   <tr><td>{@code await asyncio.sleep(s)}</td><td>{@link #sleep}: a timer, never {@code Thread.sleep}</td></tr>
 *   <tr><td>{@code loop.create_task(coro)}</td><td>{@link #createTask}</td></tr>
 *   <tr><td>{@code asyncio.run_coroutine_threadsafe(coro, loop)}</td><td>{@link #runCoroutineThreadsafe}; its
 *       {@code .result(timeout)} is the future's {@code get(timeout, unit)}</td></tr>
 *   <tr><td>{@code loop.run_in_executor(None, f)}</td><td>{@link #runInExecutor}</td></tr>
 *   <tr><td>{@code asyncio.wrap_future}</td><td>{@link #wrapFuture}</td></tr>
 *   <tr><td>{@code asyncio.get_running_loop()}</td><td>{@link #getRunningLoop}</td></tr>
 *   <tr><td>{@code asyncio.start_server(cb, host, port)}, {@code asyncio.open_connection(host, port)}</td>
 *       <td>{@link #startServer}, {@link #openConnection}</td></tr>
 *   <tr><td>{@code reader.readline()}, {@code writer.write(); await writer.drain()}</td>
 *       <td>{@link AsyncStream#readLine}, {@link AsyncStream#writeLine}</td></tr>
 *   <tr><td>debug mode's slow-callback warning</td><td>{@link Options#debug}: a callback that holds the loop past
 *       the threshold (100 ms by default) is reported with its task's {@code repr}, as {@link Task} shows</td></tr>
 * </table>
 *
 * <p><b>Threads.</b> {@link #callSoon}, {@link #callLater}, {@link #callAt}, {@link #runCoroutineThreadsafe},
 * {@link #runInExecutor}, {@link #wrapFuture}, {@link #stop} and {@link #close} may be called from any thread.
 * {@link #sleep}, {@link #createTask}, {@link #startServer}, {@link #openConnection} and the streams and servers
 * they make are confined to the loop's thread and check it; from outside, reach them through
 * {@link #runCoroutineThreadsafe}. On a closed loop every verb throws {@link EventLoopClosedException}.
 */
@ThreadSafe
public final class EventLoop extends LoopCore {

    /** Tasks are numbered per loop: each example's fresh loop starts at Task-1. */
    private final AtomicInteger taskNumbers = new AtomicInteger();

    private EventLoop(String name, Options options) throws IOException {
        super(name, options);
    }

    /** asyncio's {@code new_event_loop()}: a loop no thread runs yet. */
    public static EventLoop newEventLoop(String name, Options options) {
        try {
            return new EventLoop(name, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for event loop '" + name + "'", e);
        }
    }

    public static EventLoop newEventLoop(String name) {
        return newEventLoop(name, Options.DEFAULT);
    }

    /**
     * A new loop that runs forever on a (non-daemon) platform thread called {@code name}, Python's
     * {@code Thread(target=loop.run_forever).start()}, until {@link #close} (or {@link #stop}), after which the
     * thread closes the loop and ends.
     */
    public static EventLoop start(String name, Options options) {
        EventLoop loop = newEventLoop(name, options);
        loop.startOwnThread();
        return loop;
    }

    public static EventLoop start(String name) {
        return start(name, Options.DEFAULT);
    }

    /**
     * {@code asyncio.run(main())}: a new loop runs {@code main} as its first task on the calling thread until it
     * completes or {@code timeout} passes, then the loop is closed.
     *
     * @throws ExecutionException if {@code main} failed (the cause is its exception)
     * @throws TimeoutException if {@code main} did not finish within {@code timeout}
     */
    public static <T> T run(String loopName, String coroName, Function<EventLoop, ? extends CompletionStage<T>> main,
            Duration timeout, Options options) throws InterruptedException, ExecutionException, TimeoutException {
        try (EventLoop loop = newEventLoop(loopName, options)) {
            return loop.runUntilComplete(coroName, () -> main.apply(loop), timeout);
        }
    }

    public static <T> T run(String loopName, String coroName, Function<EventLoop, ? extends CompletionStage<T>> main,
            Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        return run(loopName, coroName, main, timeout, Options.DEFAULT);
    }

    /** asyncio's {@code get_running_loop()}: the loop the calling thread is running. */
    public static EventLoop getRunningLoop() {
        if (RUNNING.get() instanceof EventLoop loop) {
            return loop;
        }
        throw new IllegalStateException("no event loop is running on " + Thread.currentThread().getName());
    }

    /**
     * {@code loop.run_until_complete(coro)}: runs {@code coro} as a task on the calling thread until it completes
     * or {@code timeout} passes (the task then fails with {@link TimeoutException}). The loop stays open: close it
     * afterwards. Every wait is bounded: Python's untimed {@code run_until_complete} has no overload here.
     */
    public <T> T runUntilComplete(String coroName, Supplier<? extends CompletionStage<T>> coro, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        checkOpen();
        Task<T> task = newTask(coroName);
        enqueue(task, () -> task.start(coro), task.future);
        Timer watchdog = callLater(timeout, () -> task.future.completeExceptionally(new TimeoutException(
                coroName + "() on event loop '" + name() + "' did not finish within " + timeout)));
        try {
            runUntil(task.future, false);
        } finally {
            watchdog.cancel();
        }
        if (!task.future.isDone()) {
            throw new IllegalStateException("event loop '" + name() + "' stopped before " + task + " completed");
        }
        try {
            return task.result();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException timeoutException) {
                throw timeoutException;
            }
            throw e;
        }
    }

    /**
     * {@code await asyncio.sleep(delay)}: a future the loop completes once {@code delay} has passed; zero yields
     * one turn. Loop thread only.
     */
    public CompletableFuture<Void> sleep(Duration delay) {
        checkOpen();
        checkInLoop();
        CompletableFuture<Void> woken = new CompletableFuture<>();
        Object owner = attribution("sleep");
        if (delay.isZero() || delay.isNegative()) {
            enqueue(owner, () -> woken.complete(null), woken);
        } else {
            addTimer(System.nanoTime() + delay.toNanos(), owner, () -> woken.complete(null), woken);
        }
        return woken;
    }

    /**
     * {@code loop.create_task(coro)}, from the loop's own thread: {@code coro} starts on a later turn as a task
     * named {@code Task-N}; the returned future completes on the loop with its result.
     */
    public <T> CompletableFuture<T> createTask(String coroName, Supplier<? extends CompletionStage<T>> coro) {
        checkOpen();
        if (!inLoop()) {
            throw new IllegalStateException("createTask needs the loop's own thread; from another thread use"
                    + " runCoroutineThreadsafe");
        }
        return startTask(newTask(coroName), coro);
    }

    /**
     * {@code asyncio.run_coroutine_threadsafe(coro, loop)}: from any thread, start {@code coro} as a task named
     * {@code Task-N} on this loop. The caller may block on the result with a timeout unless it is the loop's own
     * thread, or {@link #wrapFuture} it into another loop.
     */
    public <T> CompletableFuture<T> runCoroutineThreadsafe(String coroName,
            Supplier<? extends CompletionStage<T>> coro) {
        checkOpen();
        return startTask(newTask(coroName), coro);
    }

    private <T> CompletableFuture<T> startTask(Task<T> task, Supplier<? extends CompletionStage<T>> coro) {
        enqueue(task, () -> task.start(coro), task.future);
        return task.future;
    }

    /** Every task is made here, so debug mode can tell where it was created ({@link SourceFrames#taskOrigin}). */
    private <T> Task<T> newTask(String coroName) {
        return new Task<>(taskNumbers.incrementAndGet(), coroName,
                options().isDebug() ? SourceFrames.taskOrigin("newTask") : null);
    }

    /**
     * {@code loop.run_in_executor(None, work)}: runs blocking {@code work} on the loop's default executor (a
     * cached pool of platform threads, created on first use and shut down by {@link #close}); the future is
     * completed back on the loop.
     */
    public <T> CompletableFuture<T> runInExecutor(Callable<T> work) {
        CompletableFuture<T> onExecutor = new CompletableFuture<>();
        try {
            defaultExecutor().execute(() -> {
                try {
                    onExecutor.complete(work.call());
                } catch (InterruptedException e) {
                    onExecutor.completeExceptionally(e);
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    onExecutor.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new EventLoopClosedException(name()); // closed between the check and the hand-over
        }
        return wrapFuture(onExecutor);
    }

    /**
     * {@code asyncio.wrap_future}: a future completed on this loop when {@code foreign} completes, wherever that
     * happens (another loop, an executor thread). If the loop has closed by then, it fails with
     * {@link EventLoopClosedException}.
     */
    public <T> CompletableFuture<T> wrapFuture(CompletableFuture<T> foreign) {
        checkOpen();
        CompletableFuture<T> local = new CompletableFuture<>();
        Object owner = attribution("wrap_future");
        foreign.whenComplete((value, error) -> {
            try {
                enqueue(owner, () -> {
                    if (error != null) {
                        local.completeExceptionally(Futures.unwrap(error));
                    } else {
                        local.complete(value);
                    }
                }, local);
            } catch (EventLoopClosedException e) {
                local.completeExceptionally(e);
            }
        });
        return local;
    }

    /**
     * {@code asyncio.start_server}: listens on {@code address} (with {@code SO_REUSEADDR}, as asyncio sets it)
     * and calls {@code onConnection} on the loop for every accepted connection. Loop thread only.
     */
    public CompletableFuture<AsyncServer> startServer(InetSocketAddress address, int maxLineBytes,
                                                      Consumer<AsyncStream> onConnection) {
        checkOpen();
        checkInLoop();
        return AsyncServer.listen(this, address, maxLineBytes, onConnection);
    }

    /**
     * {@code asyncio.open_connection}: connects to {@code address}, failing with a
     * {@link java.net.SocketTimeoutException} after {@code connectTimeout}. Loop thread only.
     */
    public CompletableFuture<AsyncStream> openConnection(InetSocketAddress address, Duration connectTimeout,
                                                         int maxLineBytes) {
        checkOpen();
        checkInLoop();
        return AsyncStream.connect(this, address, connectTimeout, maxLineBytes);
    }
}
