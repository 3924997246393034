package workbench.eventloop;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;
import workbench.recording.LoopCallbackEvent;
import workbench.recording.LoopIdleEvent;

/**
 * The core of {@link EventLoop}: a FIFO of ready callbacks, a heap of timers ({@link TimerHeap}) and a
 * {@link Selector}, run turn by turn on one thread, as asyncio's {@code BaseEventLoop._run_once}. The coroutine API
 * (tasks, sleep, executor) is in {@link EventLoop}, the sockets in {@link AsyncServer} and {@link AsyncStream}.
 *
 * <p><b>A turn</b> waits on the selector (until the next timer, or not at all when callbacks are ready, or until
 * another thread hands it work), runs the handlers of the channels that became ready, moves the due timers to the
 * ready queue, and then runs the callbacks that were ready at that point, one after another; a callback queued
 * meanwhile waits for the next turn. Every callback runs through {@link #runCallback}, which times it for debug
 * mode. Whatever runs on the loop holds it: a callback that blocks stalls every other callback, timer and
 * connection, which is the whole lesson of Item 63.
 *
 * <p><b>Closed means closed.</b> Once {@link #close} has begun, every verb that would give the loop work or run it
 * ({@code callSoon}, {@code callLater}, {@code callAt}, {@code stop}, {@code runForever} and all of
 * {@link EventLoop}'s) throws {@link EventLoopClosedException}, as asyncio raises
 * {@code RuntimeError('Event loop is closed')}; {@code close} again does nothing and {@link #time} still reads the
 * clock. {@code close} closes every channel still registered (the futures waiting on them fail with
 * {@link ClosedChannelException}), drops pending timers and queued callbacks (the futures waiting on them fail with
 * {@link CancellationException}, so nothing waits forever) and shuts the default executor down, waiting for it
 * with a timeout. A callback that throws is reported ("Exception in callback ...") and the loop carries on; an
 * {@link Error} or a selector failure ends the loop and is kept as {@link #crash()}.
 */
@ThreadSafe
abstract sealed class LoopCore implements AutoCloseable permits EventLoop {

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

        /** asyncio's {@code loop.get_debug()}: tasks and handles then remember where they were made. */
        public boolean isDebug() {
            return slowCallback != null;
        }
    }

    /** A channel registered with the loop: told when its key is ready, and when the loop shuts down. */
    interface Handler {

        void ready(SelectionKey key) throws IOException;

        void abort(Throwable cause);
    }

    /**
     * A scheduled callback (asyncio's {@code TimerHandle}), kept in the loop's {@link TimerHeap}; {@link #cancel}
     * stops it from running. Thread-safe.
     */
    @ThreadSafe
    public static final class Timer implements Comparable<Timer> {
        private final LoopCore loop;
        final long deadline;
        private final long sequence;
        final Callback callback;
        /** Set once, when the timer is cancelled or moved to the ready queue. */
        @GuardedBy("loop.lock")
        boolean done;

        private Timer(LoopCore loop, long deadline, long sequence, Callback callback) {
            this.loop = loop;
            this.deadline = deadline;
            this.sequence = sequence;
            this.callback = callback;
        }

        /** Stops the timer if it has not run yet; true if this call cancelled it. */
        public boolean cancel() {
            loop.lock.lock();
            try {
                return loop.timers.cancel(this);
            } finally {
                loop.lock.unlock();
            }
        }

        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(deadline - other.deadline, 0); // nanoTime: compare differences
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    /** A callback in the ready queue: who to blame for it, what to run, and the future that waits on it. */
    record Callback(Object owner, Runnable action, CompletableFuture<?> dependent) {
    }

    /** asyncio's {@code <Handle name()>}: a bare callback not run on behalf of a task. */
    record Handle(String what, StackTraceElement createdAt) {

        Handle(String what) {
            this(what, null);
        }

        @Override
        public String toString() {
            return "<Handle " + what + "()" + (createdAt == null ? "" : " created at " + createdAt) + ">";
        }
    }

    static final ThreadLocal<LoopCore> RUNNING = new ThreadLocal<>();

    private final String name;
    private final Options options;
    private final Selector selector;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicInteger executorThreads = new AtomicInteger();

    @GuardedBy("lock")
    private final ArrayDeque<Callback> ready = new ArrayDeque<>();
    @GuardedBy("lock")
    private final TimerHeap timers = new TimerHeap();
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
    /** The thread {@link EventLoop#start} made for this loop, or null. */
    private volatile Thread ownThread;
    /** Which task or handle the loop is running now: read and written only by the loop thread. */
    private Object current;
    private volatile Throwable crash;

    LoopCore(String name, Options options) throws IOException {
        this.name = Objects.requireNonNull(name, "name");
        this.options = Objects.requireNonNull(options, "options");
        this.selector = Selector.open();
    }

    public String name() {
        return name;
    }

    Options options() {
        return options;
    }

    /** The loop's clock: {@link System#nanoTime} (asyncio's {@code loop.time()}, in nanoseconds). */
    public long time() {
        return System.nanoTime();
    }

    /** Whether the caller is the thread running this loop. */
    boolean inLoop() {
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

    /** asyncio's {@code _check_closed()}: the one way every verb fails on a closed loop. */
    void checkOpen() {
        lock.lock();
        try {
            checkOpenLocked();
        } finally {
            lock.unlock();
        }
    }

    @GuardedBy("lock")
    private void checkOpenLocked() {
        if (closed) {
            throw new EventLoopClosedException(name);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Scheduling: call_soon, call_later, call_at

    /**
     * asyncio's {@code call_soon_threadsafe}: runs {@code callback} on the loop soon, after the callbacks already
     * queued (FIFO); callable from any thread.
     */
    public void callSoon(Runnable callback) {
        enqueue(attribution(callback), callback, null);
    }

    /** asyncio's {@code loop.call_later}: runs {@code callback} on the loop once {@code delay} has passed. */
    public Timer callLater(Duration delay, Runnable callback) {
        return addTimer(System.nanoTime() + Math.max(0, delay.toNanos()), attribution(callback), callback, null);
    }

    /** asyncio's {@code loop.call_at}: runs {@code callback} on the loop at {@code deadline}, a {@link #time()}. */
    public Timer callAt(long deadline, Runnable callback) {
        return addTimer(deadline, attribution(callback), callback, null);
    }

    /** Queues {@code action} for the next turn; {@code dependent} is failed if the loop closes before it runs. */
    void enqueue(Object owner, Runnable action, CompletableFuture<?> dependent) {
        lock.lock();
        try {
            checkOpenLocked();
            ready.add(new Callback(owner, action, dependent));
        } finally {
            lock.unlock();
        }
        if (!inLoop()) {
            wake(); // the loop's own thread looks at the ready queue before it waits again
        }
    }

    Timer addTimer(long deadline, Object owner, Runnable action, CompletableFuture<?> dependent) {
        Timer timer;
        lock.lock();
        try {
            checkOpenLocked();
            timer = new Timer(this, deadline, timers.nextSequence(), new Callback(owner, action, dependent));
            timers.add(timer);
        } finally {
            lock.unlock();
        }
        if (!inLoop()) {
            wake(); // the loop's own thread recomputes its wait before it sleeps again
        }
        return timer;
    }

    /**
     * Whom a slow callback is blamed on: the task the loop is running now (its continuation), else a handle named
     * after the callback (or named by {@code callback} if it is a String), which in debug mode also says where it
     * was scheduled.
     */
    Object attribution(Object callback) {
        if (inLoop() && current != null) {
            return current;
        }
        String what = callback instanceof String named ? named : callbackName(callback);
        return new Handle(what, options.isDebug() ? SourceFrames.caller() : null);
    }

    /** A lambda's name as its declaring class gives it ({@code Item63.lambda}), else the callback's class name. */
    private static String callbackName(Object callback) {
        String type = callback.getClass().getName();
        int lambda = type.indexOf("$$Lambda");
        String simple = type.substring(type.lastIndexOf('.') + 1, lambda < 0 ? type.length() : lambda);
        return lambda < 0 ? simple : simple + ".lambda";
    }

    // ---------------------------------------------------------------------------------------------------------
    // Running and stopping

    /** asyncio's {@code loop.run_forever()}: runs the loop on the calling thread until {@link #stop} is called. */
    public void runForever() throws InterruptedException {
        runUntil(null, false);
    }

    /**
     * asyncio's {@code loop.stop()}, callable from any thread: the loop finishes the callbacks of its current turn
     * and returns from {@link #runForever}. A stop requested before the loop runs takes effect on its first turn.
     * A loop made by {@link EventLoop#start} then closes itself and its thread ends.
     */
    public void stop() {
        requestStop(false);
    }

    /** Asks the loop to return after its current turn; {@code close}: and to accept no more work. */
    private void requestStop(boolean close) {
        lock.lock();
        try {
            if (!close) {
                checkOpenLocked();
            }
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

    /** Runs the loop on a new (non-daemon) platform thread called after it until {@link #close}. */
    void startOwnThread() {
        Thread thread = Thread.ofPlatform().name(name).daemon(false).unstarted(() -> {
            try {
                runUntil(null, true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ownThread = thread;
        thread.start();
    }

    /** Runs turns on the calling thread until {@code done} completes (null: until stopped). */
    void runUntil(CompletableFuture<?> done, boolean closeAfter) throws InterruptedException {
        lock.lock();
        try {
            if (!closeAfter) {
                checkOpenLocked();
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
                waitNanos = ready.isEmpty() ? timers.nanosUntilNext(System.nanoTime()) : 0;
            } finally {
                lock.unlock();
            }
            select(waitNanos);
            lock.lock();
            try {
                timers.moveDue(System.nanoTime(), ready::add);
                batch.addAll(ready); // one turn runs what was ready when it began, as asyncio's _run_once
                ready.clear();
            } finally {
                lock.unlock();
            }
            for (Callback callback = batch.poll(); callback != null; callback = batch.poll()) {
                runCallback(callback.owner, callback.action);
            }
        }
    }

    /**
     * Waits for I/O at most {@code waitNanos} (-1: until woken) and runs the handlers of the ready channels. The
     * selector counts whole milliseconds; the last fraction of one is parked away, so timers are not late by it.
     */
    private void select(long waitNanos) throws IOException {
        int selected;
        LoopIdleEvent idle = new LoopIdleEvent();
        idle.begin();
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
        if (waitNanos != 0 && idle.shouldCommit()) {
            idle.loop = name;
            idle.commit();
        }
        if (selected > 0) {
            for (SelectionKey key : selector.selectedKeys()) {
                Handler handler = (Handler) key.attachment();
                runCallback(new Handle(handler.getClass().getSimpleName() + ".ready"), () -> dispatch(key, handler));
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

    /**
     * The one place the loop runs a callback (asyncio's {@code Handle._run}): a ready callback, a due timer, a
     * channel's handler, a clean-up. {@code owner} is the task or handle it runs for. It is timed for debug mode
     * ({@code Executing <Task ...> took 0.501 seconds}); a {@link RuntimeException} is reported and the loop
     * carries on. Whatever watches the loop (which callback ran, for which task, and how long it held the loop)
     * belongs here and nowhere else.
     */
    private void runCallback(Object owner, Runnable action) {
        current = owner;
        LoopCallbackEvent event = new LoopCallbackEvent();
        event.begin();
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
            if (event.shouldCommit()) {
                event.loop = name;
                event.callback = String.valueOf(owner);
                event.commit();
            }
            if (options.isDebug() && took >= options.slowCallback().toNanos()) {
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

    /** The loop's default executor (a cached pool of platform threads), made on first use. */
    ExecutorService defaultExecutor() {
        lock.lock();
        try {
            checkOpenLocked();
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

    SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws IOException {
        checkOpen();
        checkInLoop();
        return channel.register(selector, ops, handler);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Closing

    /**
     * Closes the loop (see the class comment). A loop made by {@link EventLoop#start} is stopped; its thread does
     * the clean-up and ends, and this call joins it. Called from that thread itself, it only asks the loop to stop
     * after the current callback. A loop run by a caller ({@link #runForever}, {@link EventLoop#runUntilComplete})
     * is cleaned up here, once it no longer runs. The default executor is shut down and awaited. Idempotent.
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

    /** Whether the loop is closed and no thread runs it any more (for {@link EventLoop#start}: its thread ended). */
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
            timers.drain(dropped::add);
            executor = defaultExecutor;
        } finally {
            lock.unlock();
        }
        IOException closing = new ClosedChannelException();
        closing.initCause(new EventLoopClosedException(name));
        try {
            for (SelectionKey key : new ArrayList<>(selector.keys())) {
                runCallback(new Handle("abort"), () -> ((Handler) key.attachment()).abort(closing));
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

    static void closeQuietly(Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // closing after a failure: the first failure is the one reported
            }
        }
    }
}
