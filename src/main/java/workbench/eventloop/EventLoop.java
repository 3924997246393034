package workbench.eventloop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
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
import java.util.Locale;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;

/**
 * A single-threaded event loop: Java's counterpart of an asyncio event loop, on a {@link Selector} (both sit on
 * epoll on Linux). Items 61, 62 and 63 (3rd ed. 76-78) build on it.
 *
 * <p><b>Shape.</b> Like asyncio's {@code BaseEventLoop}, the loop keeps a FIFO of ready callbacks and a heap of
 * timers. Each turn waits on the selector (until the next timer, or not at all when callbacks are ready, or until
 * another thread hands it work), runs the callbacks of the channels that became ready, moves the due timers to
 * the ready queue, and then runs the callbacks that were ready at that point, one after another on the loop's one
 * thread; a callback queued meanwhile waits for the next turn. A loop with no channels simply waits on its timers
 * and its wake-up. Whatever runs on the loop holds it: a callback that blocks stalls every other callback, timer
 * and connection, which is the whole lesson of Item 63.
 *
 * <p><b>Coroutines.</b> Java has no {@code async def}; a coroutine here is a function returning a
 * {@link CompletableFuture} whose continuations run on the loop. Every future this class hands out
 * ({@link #sleep}, {@link #runInExecutor}, {@link #wrap}, {@link #createTask}, the streams' reads and writes) is
 * completed <em>on the loop thread</em>, so a continuation attached with {@code thenCompose}/{@code thenApply}
 * runs there too, exactly where the code after an {@code await} would run. {@link Async} has the control flow
 * ({@code while}, {@code try/finally}, {@code async with}, {@code gather}) that needs no loop; {@link #whileTrue}
 * is the {@code while} loop that yields to the loop between iterations.
 *
 * <table>
 *   <caption>asyncio and this class</caption>
 *   <tr><th>asyncio</th><th>here</th></tr>
 *   <tr><td>{@code asyncio.run(main())}</td><td>{@link #run(String, String, Function, Duration, Options)}: the
 *       loop runs on the calling thread, like Python's, and is closed afterwards</td></tr>
 *   <tr><td>{@code new_event_loop()}, {@code run_until_complete}, {@code run_forever}, {@code stop}</td>
 *       <td>{@link #create}, {@link #runUntilComplete}, {@link #runForever}, {@link #stop}</td></tr>
 *   <tr><td>a loop on a thread of its own</td><td>{@link #start}</td></tr>
 *   <tr><td>{@code call_soon(_threadsafe)}, {@code call_later}, {@code call_at}</td>
 *       <td>{@link #callSoon}/{@link #execute}, {@link #callLater}/{@link #schedule}, {@link #callAt}</td></tr>
 *   <tr><td>{@code await asyncio.sleep(s)}</td><td>{@link #sleep}: a timer, never {@code Thread.sleep}</td></tr>
 *   <tr><td>{@code loop.create_task(coro)}</td><td>{@link #createTask}</td></tr>
 *   <tr><td>{@code asyncio.run_coroutine_threadsafe(coro, loop)}</td>
 *       <td>{@link #runCoroutineThreadsafe}, {@link #submit}; {@code .result(timeout)}: {@link #run}</td></tr>
 *   <tr><td>{@code loop.run_in_executor(None, f)}</td><td>{@link #runInExecutor}</td></tr>
 *   <tr><td>{@code asyncio.wrap_future}</td><td>{@link #wrap}</td></tr>
 *   <tr><td>{@code asyncio.get_running_loop()}</td><td>{@link #running}</td></tr>
 *   <tr><td>{@code asyncio.start_server(cb, host, port)}</td><td>{@link #startServer}</td></tr>
 *   <tr><td>{@code asyncio.open_connection(host, port)}</td><td>{@link #openConnection}</td></tr>
 *   <tr><td>{@code reader.readline()}, {@code writer.write(); await writer.drain()}</td>
 *       <td>{@link AsyncStream#readLine}, {@link AsyncStream#writeLine}</td></tr>
 *   <tr><td>debug mode's slow-callback warning</td><td>{@link Options#debug}: any callback that holds the loop
 *       past the threshold (100 ms by default) is reported as
 *       {@code Executing <Task finished name='Task-1' coro=<slow_coroutine()>> took 0.501 seconds}</td></tr>
 * </table>
 *
 * <p><b>Threads.</b> {@link #execute}, {@link #callSoon}, {@link #callLater}, {@link #callAt}, {@link #submit},
 * {@link #runCoroutineThreadsafe}, {@link #runInExecutor}, {@link #wrap}, {@link #run}, {@link #stop},
 * {@link #inLoop} and {@link #close} may be called from any thread. {@link #sleep}, {@link #schedule},
 * {@link #createTask}, {@link #startServer}, {@link #openConnection} and the streams and servers it makes are
 * confined to the loop's thread and check it; from outside, reach them through {@link #submit} or {@link #run}.
 *
 * <p><b>Closing.</b> {@link #close} closes every channel still registered (the futures waiting on them fail with
 * {@link ClosedChannelException}), cancels pending timers and drops queued callbacks (the futures waiting on
 * them fail with {@link CancellationException}, so nothing waits forever), and shuts the default executor down,
 * waiting for it with a timeout. For a loop started by {@link #start} it first stops the loop, which does that
 * clean-up on its own thread, and joins the thread. A callback that throws is reported ("Exception in callback
 * ...") and the loop carries on; an {@link Error} or a selector failure ends the loop and is kept as
 * {@link #crash()}.
 */
@ThreadSafe
public final class EventLoop implements AutoCloseable {

    /** asyncio's {@code slow_callback_duration} default in debug mode. */
    public static final Duration DEFAULT_SLOW_CALLBACK = Duration.ofMillis(100);
    /** How long {@link #close} waits for the loop's thread, and then for the default executor, to finish. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /**
     * How a loop reports: {@code slowCallback} is the debug-mode threshold (null: not in debug mode), and
     * {@code warnings} receives the slow-callback lines and the "Exception in callback" reports.
     */
    public record Options(Duration slowCallback, Consumer<String> warnings) {

        /** Not in debug mode; errors in callbacks go to standard error. */
        public static final Options DEFAULT = new Options(null, System.err::println);

        public Options {
            Objects.requireNonNull(warnings, "warnings");
            if (slowCallback != null && slowCallback.isNegative()) {
                throw new IllegalArgumentException("slowCallback must not be negative: " + slowCallback);
            }
        }

        /** Debug mode with asyncio's 100 ms threshold. */
        public static Options debug(Consumer<String> warnings) {
            return new Options(DEFAULT_SLOW_CALLBACK, warnings);
        }

        public static Options debug(Duration slowCallback, Consumer<String> warnings) {
            return new Options(Objects.requireNonNull(slowCallback, "slowCallback"), warnings);
        }
    }

    /** A channel registered with the loop: told when its key is ready, and when the loop shuts down. */
    interface Handler {

        void ready(SelectionKey key) throws IOException;

        void abort(Throwable cause);
    }

    /** A scheduled callback (asyncio's {@code TimerHandle}); {@link #cancel} stops it from running. Thread-safe. */
    @ThreadSafe
    public static final class Timer implements Comparable<Timer> {
        private final EventLoop loop;
        private final long deadline;
        private final long sequence;
        private final Callback callback;
        /** Set once, when the timer is cancelled or moved to the ready queue. */
        @GuardedBy("loop.lock")
        private boolean done;

        private Timer(EventLoop loop, long deadline, long sequence, Callback callback) {
            this.loop = loop;
            this.deadline = deadline;
            this.sequence = sequence;
            this.callback = callback;
        }

        /** Stops the timer if it has not run yet; true if this call cancelled it. */
        public boolean cancel() {
            return loop.cancel(this);
        }

        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(deadline - other.deadline, 0); // nanoTime: compare differences
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private static final AtomicInteger TASK_NUMBERS = new AtomicInteger();
    private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();
    /** Below this many cancelled timers the heap is not worth compacting. */
    private static final int COMPACT_AFTER = 64;

    private final String name;
    private final Options options;
    private final Selector selector;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger executorThreads = new AtomicInteger();

    @GuardedBy("lock")
    private final ArrayDeque<Callback> ready = new ArrayDeque<>();
    @GuardedBy("lock")
    private final PriorityQueue<Timer> scheduled = new PriorityQueue<>();
    @GuardedBy("lock")
    private int cancelledTimers;
    @GuardedBy("lock")
    private long timerSequence;
    @GuardedBy("lock")
    private boolean stopping;
    /** No more work is accepted. */
    @GuardedBy("lock")
    private boolean closed;
    /** Channels, timers and queued callbacks have been disposed of. */
    @GuardedBy("lock")
    private boolean cleanedUp;
    @GuardedBy("lock")
    private ExecutorService defaultExecutor;
    /** Set while some thread runs the loop (or closes it); written under {@code lock}, read anywhere. */
    private volatile Thread runner;
    /** The thread {@link #start} made for this loop, or null. */
    private volatile Thread ownThread;
    /** Which task or handle the loop is running now: read and written only by the loop thread. */
    private Object current;
    private volatile Throwable crash;

    private EventLoop(String name, Options options) throws IOException {
        this.name = Objects.requireNonNull(name, "name");
        this.options = Objects.requireNonNull(options, "options");
        this.selector = Selector.open();
    }

    /** asyncio's {@code new_event_loop()}: a loop no thread runs yet. */
    public static EventLoop create(String name, Options options) {
        try {
            return new EventLoop(name, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for event loop '" + name + "'", e);
        }
    }

    public static EventLoop create(String name) {
        return create(name, Options.DEFAULT);
    }

    /**
     * Opens a selector and runs the loop on a new (non-daemon) platform thread called {@code name} until
     * {@link #close} (or {@link #stop}), after which the thread closes the loop and ends.
     */
    public static EventLoop start(String name, Options options) throws IOException {
        EventLoop loop = new EventLoop(name, options);
        Thread thread = Thread.ofPlatform().name(name).daemon(false).unstarted(loop::runOwnThread);
        loop.ownThread = thread;
        thread.start();
        return loop;
    }

    public static EventLoop start(String name) throws IOException {
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
        try (EventLoop loop = create(loopName, options)) {
            return loop.runUntilComplete(coroName, () -> main.apply(loop), timeout);
        }
    }

    public static <T> T run(String loopName, String coroName, Function<EventLoop, ? extends CompletionStage<T>> main,
            Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        return run(loopName, coroName, main, timeout, Options.DEFAULT);
    }

    /** asyncio's {@code get_running_loop()}: the loop the calling thread is running. */
    public static EventLoop running() {
        EventLoop loop = RUNNING.get();
        if (loop == null) {
            throw new IllegalStateException("no event loop is running on " + Thread.currentThread().getName());
        }
        return loop;
    }

    public String name() {
        return name;
    }

    /** The loop's clock: {@link System#nanoTime} (asyncio's {@code loop.time()}, in nanoseconds). */
    public long time() {
        return System.nanoTime();
    }

    /** Whether the caller is the thread running this loop. */
    public boolean inLoop() {
        return Thread.currentThread() == runner;
    }

    void checkInLoop() {
        if (!inLoop()) {
            Thread on = runner;
            throw new IllegalStateException("called from " + Thread.currentThread().getName()
                    + ", not from the thread of event loop '" + name + "'"
                    + (on == null ? " (no thread runs it now)" : " (" + on.getName() + ")"));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Running and stopping

    /**
     * Runs {@code coro} as a task on the calling thread until it completes or {@code timeout} passes (the task's
     * future then fails with {@link TimeoutException}). The loop stays open: close it afterwards.
     */
    public <T> T runUntilComplete(String coroName, Supplier<? extends CompletionStage<T>> coro, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        Task<T> task = new Task<>(coroName);
        enqueue(task, () -> task.start(coro), task.future);
        Timer watchdog = callLater(timeout, () -> task.future.completeExceptionally(new TimeoutException(
                coroName + "() on event loop '" + name + "' did not finish within " + timeout)));
        try {
            runUntil(task.future, false);
        } finally {
            watchdog.cancel();
        }
        if (!task.future.isDone()) {
            throw new IllegalStateException("event loop '" + name + "' stopped before " + task + " completed");
        }
        try {
            return task.future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TimeoutException timeoutException) {
                throw timeoutException;
            }
            throw e;
        }
    }

    /** Runs the loop on the calling thread until {@link #stop} is called. */
    public void runForever() throws InterruptedException {
        runUntil(null, false);
    }

    /**
     * asyncio's {@code loop.stop()}, callable from any thread: the loop finishes the callbacks of its current turn
     * and returns from {@link #runForever}. A stop requested before the loop runs takes effect on its first turn.
     * A loop made by {@link #start} then closes itself and its thread ends.
     */
    public void stop() {
        requestStop(false);
    }

    /** Asks the loop to return after its current turn; {@code close}: and to accept no more work. */
    private void requestStop(boolean close) {
        lock.lock();
        try {
            stopping = true;
            closed |= close;
        } finally {
            lock.unlock();
        }
        wake();
    }

    /** Why the loop died, if a callback threw an {@link Error} or the selector failed; null while it is healthy. */
    public Throwable crash() {
        return crash;
    }

    private void runOwnThread() {
        try {
            runUntil(null, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runUntil(CompletableFuture<?> done, boolean closeAfter) throws InterruptedException {
        lock.lock();
        try {
            if (closed && !closeAfter) {
                throw new IllegalStateException("event loop '" + name + "' is closed");
            }
            if (runner != null) {
                throw new IllegalStateException("event loop '" + name + "' is already running on "
                        + runner.getName());
            }
            if (RUNNING.get() != null) {
                throw new IllegalStateException("another event loop is already running on this thread");
            }
            runner = Thread.currentThread();
        } finally {
            lock.unlock();
        }
        RUNNING.set(this);
        ArrayDeque<Callback> batch = new ArrayDeque<>();
        try {
            turns(done, batch);
        } catch (IOException | ClosedSelectorException e) {
            crash = e;
            throw new IllegalStateException("event loop '" + name + "' failed", e);
        } catch (RuntimeException | Error e) {
            crash = e;
            throw e;
        } finally {
            try {
                if (closeAfter) {
                    cleanUp();
                }
            } finally {
                RUNNING.remove();
                lock.lock();
                try {
                    runner = null;
                    while (!batch.isEmpty()) { // only if a callback threw an Error: keep the rest of the turn
                        ready.addFirst(batch.pollLast());
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
    }

    private void turns(CompletableFuture<?> done, ArrayDeque<Callback> batch)
            throws IOException, InterruptedException {
        while (true) {
            if (Thread.interrupted()) {
                throw new InterruptedException("event loop '" + name + "' interrupted");
            }
            long waitNanos;
            lock.lock();
            try {
                if (stopping || closed) {
                    stopping = false;
                    return;
                }
                if (done != null && done.isDone()) {
                    return;
                }
                waitNanos = ready.isEmpty() ? nanosUntilNextTimer() : 0;
            } finally {
                lock.unlock();
            }
            select(waitNanos);
            lock.lock();
            try {
                long now = System.nanoTime();
                Timer next;
                while ((next = scheduled.peek()) != null && next.deadline - now <= 0) {
                    scheduled.poll();
                    if (next.done) {
                        cancelledTimers--;
                    } else {
                        next.done = true;
                        ready.add(next.callback);
                    }
                }
                batch.addAll(ready); // one turn runs what was ready when it began, as asyncio's _run_once
                ready.clear();
            } finally {
                lock.unlock();
            }
            for (Callback callback = batch.poll(); callback != null; callback = batch.poll()) {
                runTimed(callback.owner, callback.action);
            }
        }
    }

    /** Nanoseconds until the first live timer is due (0 if one is), or -1 when there is none. */
    @GuardedBy("lock")
    private long nanosUntilNextTimer() {
        Timer next;
        while ((next = scheduled.peek()) != null && next.done) {
            scheduled.poll();
            cancelledTimers--;
        }
        return next == null ? -1 : Math.max(0, next.deadline - System.nanoTime());
    }

    /**
     * Waits for I/O at most {@code waitNanos} (-1: until woken) and runs the callbacks of the ready channels. The
     * selector counts whole milliseconds; the last fraction of one is parked away, so timers are not late by it.
     */
    private void select(long waitNanos) throws IOException {
        int selected;
        if (waitNanos == 0) {
            selected = selector.selectNow();
        } else if (waitNanos < 0) {
            selected = selector.select();
        } else if (waitNanos >= 1_000_000) {
            selected = selector.select(waitNanos / 1_000_000);
        } else {
            LockSupport.parkNanos(this, waitNanos); // wake() unparks
            selected = selector.selectNow();
        }
        if (selected > 0) {
            for (SelectionKey key : selector.selectedKeys()) {
                Handler handler = (Handler) key.attachment();
                runTimed(new Handle(handler.getClass().getSimpleName() + ".ready"), () -> dispatch(key, handler));
            }
            selector.selectedKeys().clear();
        }
    }

    private static void dispatch(SelectionKey key, Handler handler) {
        try {
            if (key.isValid()) {
                handler.ready(key);
            }
        } catch (IOException | RuntimeException e) {
            handler.abort(e);
        }
    }

    private void runTimed(Object owner, Runnable action) {
        current = owner;
        long start = System.nanoTime();
        try {
            action.run();
        } catch (RuntimeException e) {
            // A callback's failure belongs to its coroutine, which has gone; the loop itself carries on.
            options.warnings().accept("Exception in callback " + owner + ": " + e);
            Thread.UncaughtExceptionHandler handler = Thread.getDefaultUncaughtExceptionHandler();
            if (handler != null) {
                handler.uncaughtException(Thread.currentThread(), e);
            } else if (options.warnings() == Options.DEFAULT.warnings()) {
                e.printStackTrace(); // asyncio logs the traceback too
            }
        } finally {
            current = null;
            long took = System.nanoTime() - start;
            if (options.slowCallback() != null && took >= options.slowCallback().toNanos()) {
                options.warnings().accept(String.format(Locale.ROOT, "Executing %s took %.3f seconds", owner,
                        took / 1e9));
            }
        }
    }

    /** Wakes the loop from its wait: the selector, or the park of the last fraction of a millisecond. */
    private void wake() {
        selector.wakeup();
        Thread on = runner;
        if (on != null) {
            LockSupport.unpark(on);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Scheduling

    /** Runs {@code task} on the loop's thread soon ({@code call_soon_threadsafe}); thread-safe. */
    public void execute(Runnable task) {
        enqueue(attribution("execute"), task, null);
    }

    /** Runs {@code action} on the loop soon, after the callbacks already queued (FIFO); callable from any thread. */
    public void callSoon(String name, Runnable action) {
        enqueue(attribution(name), action, null);
    }

    /** Runs {@code action} on the loop once {@code delay} has passed ({@code loop.call_later}); any thread. */
    public Timer callLater(Duration delay, Runnable action) {
        return callAt(System.nanoTime() + Math.max(0, delay.toNanos()), attribution("call_later"), action, null);
    }

    /** Runs {@code action} on the loop at {@code deadline}, a {@link #time()} reading; any thread. */
    public Timer callAt(long deadline, Runnable action) {
        return callAt(deadline, attribution("call_at"), action, null);
    }

    /** {@link #callLater}, from the loop's own thread only (a check for code that must be loop-confined). */
    public Timer schedule(Duration delay, Runnable action) {
        checkInLoop();
        return callLater(delay, action);
    }

    /**
     * {@code await asyncio.sleep(delay)}: a future the loop completes once {@code delay} has passed; zero yields
     * one turn. Loop thread only.
     */
    public CompletableFuture<Void> sleep(Duration delay) {
        checkInLoop();
        CompletableFuture<Void> woken = new CompletableFuture<>();
        Object owner = attribution("sleep");
        try {
            if (delay.isZero() || delay.isNegative()) {
                enqueue(owner, () -> woken.complete(null), woken);
            } else {
                callAt(System.nanoTime() + delay.toNanos(), owner, () -> woken.complete(null), woken);
            }
        } catch (RejectedExecutionException e) {
            woken.completeExceptionally(e);
        }
        return woken;
    }

    /**
     * {@code loop.create_task(coro)}, from the loop's own thread: {@code coro} starts on a later turn; the returned
     * future completes on the loop with its result.
     */
    public <T> CompletableFuture<T> createTask(String coroName, Supplier<? extends CompletionStage<T>> coro) {
        if (!inLoop()) {
            throw new IllegalStateException("createTask needs the loop's own thread; from another thread use"
                    + " runCoroutineThreadsafe");
        }
        return runCoroutineThreadsafe(coroName, coro);
    }

    /**
     * {@code asyncio.run_coroutine_threadsafe(coro, loop)}: from any thread, start {@code coro} as a task named
     * {@code Task-N} on this loop. The caller may block on the result with a timeout unless it is the loop's own
     * thread, or {@link #wrap} it into another loop. On a closed loop the future fails with
     * {@link RejectedExecutionException}.
     */
    public <T> CompletableFuture<T> runCoroutineThreadsafe(String coroName,
            Supplier<? extends CompletionStage<T>> coro) {
        Task<T> task = new Task<>(coroName);
        try {
            enqueue(task, () -> task.start(coro), task.future);
        } catch (RejectedExecutionException e) {
            task.future.completeExceptionally(e);
        }
        return task.future;
    }

    /**
     * Starts a coroutine on the loop's thread from any thread: the returned future completes with the coroutine's
     * result or failure. Unlike {@link #runCoroutineThreadsafe} it makes no numbered task and throws
     * {@link RejectedExecutionException} at once on a closed loop.
     */
    public <T> CompletableFuture<T> submit(Supplier<? extends CompletionStage<T>> coroutine) {
        CompletableFuture<T> result = new CompletableFuture<>();
        enqueue(attribution("submit"), () -> completeWith(result, coroutine), result);
        return result;
    }

    /** Runs {@code work} on the loop and completes the future with its result or exception; any thread. */
    public <T> CompletableFuture<T> submit(String name, Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            enqueue(attribution(name), () -> {
                try {
                    result.complete(work.call());
                } catch (Exception e) {
                    result.completeExceptionally(e);
                }
            }, result);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /**
     * Runs a coroutine on the loop and blocks the calling thread (never the loop's own) until it finishes, at
     * most {@code timeout}. A coroutine that fails, or that never ran because the loop closed first, throws its
     * failure wrapped in {@link ExecutionException}.
     */
    public <T> T run(Supplier<? extends CompletionStage<T>> coroutine, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (inLoop()) {
            throw new IllegalStateException("run() would block the event loop on itself; compose futures instead");
        }
        try {
            return submit(coroutine).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (CancellationException e) {
            throw new ExecutionException(e);
        }
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
            return CompletableFuture.failedFuture(e);
        }
        return wrap(onExecutor);
    }

    /**
     * {@code asyncio.wrap_future}: a future completed on this loop when {@code foreign} completes, wherever that
     * happens (another loop, an executor thread).
     */
    public <T> CompletableFuture<T> wrap(CompletableFuture<T> foreign) {
        CompletableFuture<T> local = new CompletableFuture<>();
        Object owner = attribution("wrap_future");
        foreign.whenComplete((value, error) -> {
            try {
                enqueue(owner, () -> {
                    if (error != null) {
                        local.completeExceptionally(Async.unwrap(error));
                    } else {
                        local.complete(value);
                    }
                }, local);
            } catch (RejectedExecutionException e) {
                local.completeExceptionally(e);
            }
        });
        return local;
    }

    /**
     * A coroutine's {@code while} loop that yields to the loop: runs {@code step} on the loop, and again on a
     * later turn each time its future yields true, so timers and other callbacks run between iterations even when
     * every step completes at once (where {@link Async#whileTrue} would run them all in one callback). The result
     * completes when a step yields false or fails.
     */
    public CompletableFuture<Void> whileTrue(Supplier<? extends CompletionStage<Boolean>> step) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Object owner = attribution("while_true");
        Runnable[] iteration = new Runnable[1];
        iteration[0] = () -> {
            CompletableFuture<Boolean> more = new CompletableFuture<>();
            completeWith(more, step);
            more.whenComplete((again, error) -> {
                if (error != null) {
                    done.completeExceptionally(error);
                } else if (Boolean.TRUE.equals(again)) {
                    try {
                        enqueue(owner, iteration[0], done);
                    } catch (RejectedExecutionException e) {
                        done.completeExceptionally(e);
                    }
                } else {
                    done.complete(null);
                }
            });
        };
        try {
            enqueue(owner, iteration[0], done);
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Channels

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
            channel.bind(address, AsyncServer.BACKLOG);
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

    // ---------------------------------------------------------------------------------------------------------
    // Closing

    /**
     * Closes the loop. A loop made by {@link #start} is stopped; its thread closes every channel, cancels the
     * timers and drops the queued callbacks (see the class comment) and ends, and this call joins it. Called from
     * that thread itself, it only asks the loop to stop after the current callback. A loop run by a caller
     * ({@link #runForever}, {@link #runUntilComplete}) is closed here, once it no longer runs. The default
     * executor is shut down and awaited. Idempotent.
     *
     * @throws IllegalStateException if a caller still runs the loop (asyncio: "Cannot close a running event
     *         loop"), or its thread or executor did not finish within {@link #CLOSE_TIMEOUT}
     */
    @Override
    public void close() {
        Thread thread = ownThread;
        if (thread != null) {
            requestStop(true);
            if (thread == Thread.currentThread()) {
                return;
            }
            joinOrFail(thread);
        } else {
            lock.lock();
            try {
                if (runner != null) {
                    throw new IllegalStateException("cannot close running event loop '" + name + "'");
                }
                runner = Thread.currentThread(); // the clean-up completes futures as the loop's thread would
            } finally {
                lock.unlock();
            }
            boolean claimedRunning = RUNNING.get() == null;
            if (claimedRunning) {
                RUNNING.set(this);
            }
            try {
                cleanUp();
            } finally {
                if (claimedRunning) {
                    RUNNING.remove();
                }
                runner = null;
            }
        }
        ExecutorService executor;
        lock.lock();
        try {
            executor = defaultExecutor;
        } finally {
            lock.unlock();
        }
        if (executor != null) {
            awaitOrFail(executor);
        }
    }

    /** Whether the loop is closed and no thread runs it any more (for {@link #start}: its thread has ended). */
    public boolean isTerminated() {
        Thread thread = ownThread;
        if (thread != null) {
            return !thread.isAlive();
        }
        lock.lock();
        try {
            return cleanedUp && runner == null;
        } finally {
            lock.unlock();
        }
    }

    /** Runs once, on the thread that runs (or closes) the loop: see {@link #close}. */
    private void cleanUp() {
        List<Callback> dropped = new ArrayList<>();
        ExecutorService executor;
        lock.lock();
        try {
            closed = true;
            if (cleanedUp) {
                return;
            }
            cleanedUp = true;
            dropped.addAll(ready);
            ready.clear();
            for (Timer timer : scheduled) {
                if (!timer.done) {
                    timer.done = true;
                    dropped.add(timer.callback);
                }
            }
            scheduled.clear();
            executor = defaultExecutor;
        } finally {
            lock.unlock();
        }
        IOException closing = new ClosedChannelException();
        closing.initCause(new IllegalStateException("event loop '" + name + "' closed"));
        try {
            for (SelectionKey key : new ArrayList<>(selector.keys())) {
                runTimed(new Handle("abort"), () -> ((Handler) key.attachment()).abort(closing));
            }
        } catch (ClosedSelectorException ignored) {
            // nothing left to close
        }
        for (Callback callback : dropped) {
            if (callback.dependent != null) {
                callback.dependent.completeExceptionally(new CancellationException(
                        "event loop '" + name + "' closed before " + callback.owner + " ran"));
            }
        }
        closeQuietly(selector);
        if (executor != null) {
            executor.shutdown();
        }
    }

    private void joinOrFail(Thread thread) {
        try {
            if (!thread.join(CLOSE_TIMEOUT)) {
                thread.interrupt();
                if (!thread.join(Duration.ofSeconds(1))) {
                    throw new IllegalStateException("event loop thread '" + thread.getName() + "' still busy "
                            + CLOSE_TIMEOUT.toSeconds() + " s after close(): a callback blocks it");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing event loop '" + name + "'", e);
        }
    }

    private void awaitOrFail(ExecutorService executor) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
                if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("default executor of event loop '" + name
                            + "' still busy after " + CLOSE_TIMEOUT.toSeconds() + " s");
                }
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing event loop '" + name + "'", e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Internals

    private ExecutorService defaultExecutor() {
        lock.lock();
        try {
            if (closed) {
                throw new RejectedExecutionException("event loop '" + name + "' is closed");
            }
            if (defaultExecutor == null) {
                ThreadFactory factory = work -> Thread.ofPlatform()
                        .name(name + "-executor-" + executorThreads.incrementAndGet())
                        .unstarted(work);
                defaultExecutor = Executors.newCachedThreadPool(factory);
            }
            return defaultExecutor;
        } finally {
            lock.unlock();
        }
    }

    private void enqueue(Object owner, Runnable action, CompletableFuture<?> dependent) {
        lock.lock();
        try {
            if (closed) {
                throw new RejectedExecutionException("event loop '" + name + "' is closed");
            }
            ready.add(new Callback(owner, action, dependent));
        } finally {
            lock.unlock();
        }
        if (!inLoop()) {
            wake(); // the loop's own thread looks at the ready queue before it waits again
        }
    }

    private Timer callAt(long deadline, Object owner, Runnable action, CompletableFuture<?> dependent) {
        Timer timer;
        lock.lock();
        try {
            if (closed) {
                throw new RejectedExecutionException("event loop '" + name + "' is closed");
            }
            timer = new Timer(this, deadline, timerSequence++, new Callback(owner, action, dependent));
            scheduled.add(timer);
        } finally {
            lock.unlock();
        }
        if (!inLoop()) {
            wake(); // the loop's own thread recomputes its wait before it sleeps again
        }
        return timer;
    }

    /** Marks {@code timer} cancelled; the heap drops it lazily, or compacts when cancelled timers dominate. */
    private boolean cancel(Timer timer) {
        lock.lock();
        try {
            if (timer.done) {
                return false;
            }
            timer.done = true;
            if (!cleanedUp) {
                cancelledTimers++;
                if (cancelledTimers > COMPACT_AFTER && cancelledTimers * 2 > scheduled.size()) {
                    scheduled.removeIf(t -> t.done);
                    cancelledTimers = 0;
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The task or handle to blame when a callback is slow: the running task on the loop, else a new handle. */
    private Object attribution(String what) {
        if (inLoop() && current != null) {
            return current;
        }
        return new Handle(what);
    }

    private static <T> void completeWith(CompletableFuture<T> future, Supplier<? extends CompletionStage<T>> coro) {
        CompletionStage<T> stage;
        try {
            stage = coro.get();
        } catch (Throwable t) {
            future.completeExceptionally(t);
            return;
        }
        stage.whenComplete((value, error) -> {
            if (error != null) {
                future.completeExceptionally(Async.unwrap(error));
            } else {
                future.complete(value);
            }
        });
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

    private record Callback(Object owner, Runnable action, CompletableFuture<?> dependent) {
    }

    /** asyncio's {@code <Handle name()>}: a bare callback not run on behalf of a task. */
    private record Handle(String what) {
        @Override
        public String toString() {
            return "<Handle " + what + "()>";
        }
    }

    /** asyncio's {@code Task}: a coroutine run by the loop, named {@code Task-N} like Python's. */
    private static final class Task<T> {
        final String taskName = "Task-" + TASK_NUMBERS.incrementAndGet();
        final String coroName;
        final CompletableFuture<T> future = new CompletableFuture<>();

        Task(String coroName) {
            this.coroName = coroName;
        }

        void start(Supplier<? extends CompletionStage<T>> coro) {
            completeWith(future, coro);
        }

        @Override
        public String toString() {
            return "<Task " + (future.isDone() ? "finished" : "pending") + " name='" + taskName + "' coro=<"
                    + coroName + "()>>";
        }
    }
}
