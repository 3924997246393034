package workbench.eventloop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;

/**
 * A single-threaded event loop on a {@link Selector}: Java's counterpart of an asyncio event loop (both sit on
 * epoll on Linux). One platform thread waits for whichever channel is ready or timer is due and runs its
 * callbacks; coroutines are {@link CompletableFuture} chains whose continuations therefore all run on that thread.
 *
 * <table>
 *   <caption>asyncio and this class</caption>
 *   <tr><th>asyncio</th><th>here</th></tr>
 *   <tr><td>{@code asyncio.start_server(cb, host, port)}</td><td>{@link #startServer}</td></tr>
 *   <tr><td>{@code asyncio.open_connection(host, port)}</td><td>{@link #openConnection}</td></tr>
 *   <tr><td>{@code reader.readline()}, {@code writer.write(); await writer.drain()}</td>
 *       <td>{@link AsyncStream#readLine}, {@link AsyncStream#writeLine}</td></tr>
 *   <tr><td>{@code await asyncio.sleep(s)}</td><td>{@link #sleep}</td></tr>
 *   <tr><td>{@code loop.call_soon_threadsafe(cb)}</td><td>{@link #execute}</td></tr>
 *   <tr><td>{@code asyncio.run_coroutine_threadsafe(coro, loop).result(timeout)}</td><td>{@link #run}</td></tr>
 * </table>
 *
 * <p>Thread safety: {@link #execute}, {@link #submit}, {@link #run}, {@link #inLoop} and {@link #close} may be
 * called from any thread. Everything else ({@link #sleep}, {@link #schedule}, {@link #startServer},
 * {@link #openConnection} and the streams and servers it makes) is confined to the loop's thread and checks it;
 * from outside, reach them through {@link #submit} or {@link #run}. As in asyncio, a callback that blocks stalls
 * every connection on the loop.
 *
 * <p>{@link #close} stops the loop: every channel still registered is closed, the futures waiting on them fail,
 * and the thread ends (closing waits for it, boundedly).
 */
@ThreadSafe
public final class EventLoop implements AutoCloseable {

    /** How long {@link #close} waits for the loop's thread to finish. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** A channel registered with the loop: told when its key is ready, and when the loop shuts down. */
    interface Handler {

        void ready(SelectionKey key) throws IOException;

        void abort(Throwable cause);
    }

    /** A scheduled callback; {@link #cancel} stops it from running. Loop-confined. */
    public static final class Timer implements Comparable<Timer> {
        private final long deadline;
        private final long sequence;
        private final Runnable action;
        private boolean cancelled;

        private Timer(long deadline, long sequence, Runnable action) {
            this.deadline = deadline;
            this.sequence = sequence;
            this.action = action;
        }

        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(deadline - other.deadline, 0);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final Selector selector;
    private final Thread thread;
    private final Object lock = new Object();
    @GuardedBy("lock")
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    @GuardedBy("lock")
    private boolean closed;
    /** Confined to the loop's thread. */
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long timerSequence;
    private volatile Throwable crash;

    private EventLoop(String name) throws IOException {
        this.selector = Selector.open();
        this.thread = Thread.ofPlatform().name(name).daemon(false).unstarted(this::loop);
    }

    /** Opens a selector and starts the loop on a new (non-daemon) platform thread called {@code name}. */
    public static EventLoop start(String name) throws IOException {
        EventLoop loop = new EventLoop(name);
        loop.thread.start();
        return loop;
    }

    /** Whether the caller is this loop's thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    void checkInLoop() {
        if (!inLoop()) {
            throw new IllegalStateException("called from " + Thread.currentThread().getName()
                    + ", not from its event loop's thread " + thread.getName());
        }
    }

    /** Runs {@code task} on the loop's thread soon; thread-safe. */
    public void execute(Runnable task) {
        synchronized (lock) {
            if (closed) {
                throw new RejectedExecutionException("event loop " + thread.getName() + " is closed");
            }
            tasks.add(task);
        }
        selector.wakeup();
    }

    /**
     * Starts a coroutine on the loop's thread ({@code asyncio.run_coroutine_threadsafe}): the returned future
     * completes with the coroutine's result or failure. Thread-safe.
     */
    public <T> CompletableFuture<T> submit(Supplier<? extends CompletionStage<T>> coroutine) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                coroutine.get().whenComplete((value, error) -> {
                    if (error != null) {
                        result.completeExceptionally(Async.unwrap(error));
                    } else {
                        result.complete(value);
                    }
                });
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    /**
     * Runs a coroutine on the loop and blocks the calling thread (never the loop's own) until it finishes, at
     * most {@code timeout}. A coroutine that fails throws its failure wrapped in {@link ExecutionException}.
     */
    public <T> T run(Supplier<? extends CompletionStage<T>> coroutine, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (inLoop()) {
            throw new IllegalStateException("run() would block the event loop on itself; compose futures instead");
        }
        return submit(coroutine).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code action} on the loop after {@code delay} ({@code loop.call_later}); loop thread only. */
    public Timer schedule(Duration delay, Runnable action) {
        checkInLoop();
        Timer timer = new Timer(System.nanoTime() + Math.max(0, delay.toNanos()), timerSequence++, action);
        timers.add(timer);
        return timer;
    }

    /** {@code await asyncio.sleep(delay)}: a future the loop completes after {@code delay}; loop thread only. */
    public CompletableFuture<Void> sleep(Duration delay) {
        CompletableFuture<Void> woken = new CompletableFuture<>();
        schedule(delay, () -> woken.complete(null));
        return woken;
    }

    /**
     * {@code asyncio.start_server}: listens on {@code address} (with {@code SO_REUSEADDR}, as asyncio sets it)
     * and calls {@code onConnection} on the loop for every accepted connection. Loop thread only.
     */
    public CompletableFuture<AsyncServer> startServer(InetSocketAddress address, int maxLineBytes,
                                                      Consumer<AsyncStream> onConnection) {
        checkInLoop();
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open();
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, 128);
            channel.configureBlocking(false);
            AsyncServer server = new AsyncServer(this, channel, maxLineBytes, onConnection);
            server.key = register(channel, SelectionKey.OP_ACCEPT, server);
            return Async.done(server);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * {@code asyncio.open_connection}: connects to {@code address}, failing with a
     * {@link java.net.SocketTimeoutException} after {@code connectTimeout}. Loop thread only.
     */
    public CompletableFuture<AsyncStream> openConnection(InetSocketAddress address, Duration connectTimeout,
                                                         int maxLineBytes) {
        checkInLoop();
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            AsyncStream stream = new AsyncStream(this, channel, maxLineBytes);
            if (channel.connect(address)) {
                stream.key = register(channel, 0, stream);
                return Async.done(stream);
            }
            stream.key = register(channel, SelectionKey.OP_CONNECT, stream);
            return stream.awaitConnect(address, connectTimeout);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            return CompletableFuture.failedFuture(e);
        }
    }

    SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws IOException {
        checkInLoop();
        return channel.register(selector, ops, handler);
    }

    /** Why the loop's thread died, if a callback threw out of it; {@code null} while it is healthy. */
    public Throwable crash() {
        return crash;
    }

    private void loop() {
        try {
            while (true) {
                boolean haveTasks;
                synchronized (lock) {
                    if (closed) {
                        break;
                    }
                    haveTasks = !tasks.isEmpty();
                }
                long waitMillis = millisUntilNextTimer();
                if (haveTasks || waitMillis == 0) {
                    selector.selectNow();
                } else {
                    selector.select(waitMillis < 0 ? 0 : waitMillis);
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    dispatch(key);
                }
                selector.selectedKeys().clear();
                runDueTimers();
                runTasks();
            }
        } catch (IOException | ClosedSelectorException e) {
            crash = e;
        } catch (RuntimeException | Error e) {
            crash = e;
            throw e;
        } finally {
            shutDown();
        }
    }

    private void dispatch(SelectionKey key) {
        Handler handler = (Handler) key.attachment();
        try {
            if (key.isValid()) {
                handler.ready(key);
            }
        } catch (IOException | RuntimeException e) {
            handler.abort(e);
        }
    }

    private long millisUntilNextTimer() {
        Timer next;
        while ((next = timers.peek()) != null && next.cancelled) {
            timers.poll();
        }
        if (next == null) {
            return -1;
        }
        long nanos = next.deadline - System.nanoTime();
        return nanos <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
    }

    private void runDueTimers() {
        long now = System.nanoTime();
        Timer next;
        while ((next = timers.peek()) != null && next.deadline - now <= 0) {
            timers.poll();
            if (!next.cancelled) {
                runGuarded(next.action);
            }
        }
    }

    private void runTasks() {
        List<Runnable> batch;
        synchronized (lock) {
            batch = new ArrayList<>(tasks);
            tasks.clear();
        }
        batch.forEach(this::runGuarded);
    }

    private void runGuarded(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            // A callback's failure belongs to its coroutine, which has gone; the loop itself carries on.
            Thread.UncaughtExceptionHandler handler = Thread.getDefaultUncaughtExceptionHandler();
            if (handler != null) {
                handler.uncaughtException(thread, e);
            } else {
                e.printStackTrace();
            }
        }
    }

    private void shutDown() {
        synchronized (lock) {
            closed = true;
        }
        IOException closing = new java.nio.channels.ClosedChannelException();
        closing.initCause(new IllegalStateException("event loop " + thread.getName() + " closed"));
        runTasks();
        try {
            for (SelectionKey key : new ArrayList<>(selector.keys())) {
                runGuarded(() -> ((Handler) key.attachment()).abort(closing));
            }
        } catch (ClosedSelectorException ignored) {
            // nothing left to close
        }
        timers.clear();
        try {
            selector.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops the loop, closes every channel on it and waits (at most {@link #CLOSE_TIMEOUT}) for its thread to end.
     * From the loop's own thread it only asks the loop to stop after the current callback.
     *
     * @throws IllegalStateException when the thread is still alive after the timeout
     */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
        }
        selector.wakeup();
        if (inLoop()) {
            return;
        }
        try {
            if (!thread.join(CLOSE_TIMEOUT)) {
                throw new IllegalStateException("event loop " + thread.getName() + " still running after "
                        + CLOSE_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the loop's thread has ended. */
    public boolean isTerminated() {
        return !thread.isAlive();
    }

    static void closeQuietly(java.io.Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // closing after a failure: the first failure is the one reported
            }
        }
    }
}
