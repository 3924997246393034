package workbench.loop;

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
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;

/**
 * A single-threaded event loop: Java's counterpart of Python's {@code asyncio} loop, small enough to read in one
 * sitting. Items 62 and 63 (3rd ed. 77 and 78) build on it.
 *
 * <p><b>Shape.</b> Like {@code asyncio}'s {@code BaseEventLoop}, the loop keeps a FIFO of ready callbacks and a
 * heap of timers. Each turn moves the due timers to the ready queue, runs the callbacks that were ready when the
 * turn began, one after another on the loop's one thread, and then sleeps until the next timer or until another
 * thread hands it work. Whatever runs on the loop holds it: a callback that blocks stalls every other callback
 * and timer, which is the whole lesson of Item 63.
 *
 * <p><b>Coroutines.</b> Java has no {@code async def}; a coroutine here is a function returning a
 * {@link CompletableFuture} whose continuations run on the loop. Every future this class hands out
 * ({@link #sleep}, {@link #runInExecutor}, {@link #wrap}, {@link #createTask}) is completed <em>on the loop
 * thread</em>, so a continuation attached with {@code thenCompose}/{@code thenApply} runs there too, exactly
 * where the code after an {@code await} would run. {@link #whileTrue} is the {@code while} loop of a coroutine.
 *
 * <p><b>Mapping.</b>
 * <ul>
 *   <li>{@code asyncio.run(main())} is {@link #run(String, String, Function, Duration, Options)}: it runs the
 *       loop on the calling thread, like Python, and closes it afterwards;</li>
 *   <li>{@code new_event_loop()} + {@code run_until_complete} / {@code run_forever} / {@code stop} are
 *       {@link #create}, {@link #runUntilComplete}, {@link #runForever}, {@link #stop};
 *       {@link #startThread} gives a loop its own thread instead;</li>
 *   <li>{@code call_soon(_threadsafe)}, {@code call_later}, {@code call_at} are {@link #callSoon},
 *       {@link #callLater}, {@link #callAt}: all of them are thread-safe here;</li>
 *   <li>{@code asyncio.sleep} is {@link #sleep}, a timer: never {@code Thread.sleep} on the loop thread;</li>
 *   <li>{@code run_in_executor(None, f)} is {@link #runInExecutor}: blocking work on the loop's default executor,
 *       its result delivered back on the loop;</li>
 *   <li>{@code run_coroutine_threadsafe(coro, loop)} is {@link #runCoroutineThreadsafe}, and
 *       {@code asyncio.wrap_future} is {@link #wrap};</li>
 *   <li>debug mode's slow-callback warning is {@link Options#debug}: any callback that holds the loop longer
 *       than the threshold (100 ms by default) is reported as
 *       {@code Executing <Task finished name='Task-1' coro=<slow_coroutine()>> took 0.501 seconds}.</li>
 * </ul>
 *
 * <p><b>Closing.</b> {@link #close} cancels pending timers, drops queued callbacks (failing the futures that
 * waited on them, so nothing waits forever), shuts the default executor down and waits for it with a timeout;
 * for a loop made by {@link #startThread} it first stops the loop and joins its thread.
 */
@ThreadSafe
public final class EventLoop implements AutoCloseable {

    /** asyncio's {@code slow_callback_duration} default in debug mode. */
    public static final Duration DEFAULT_SLOW_CALLBACK = Duration.ofMillis(100);
    /** How long {@link #close} waits for the loop's own thread or the default executor to finish. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    /**
     * How a loop reports: {@code slowCallback} is the debug-mode threshold (null: not in debug mode), and
     * {@code warnings} receives the slow-callback lines and the "Exception in callback" reports.
     */
    public record Options(Duration slowCallback, Consumer<String> warnings) {

        /** Not in debug mode; errors in bare callbacks go to standard error. */
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

    /** A timer that may still be cancelled (asyncio's {@code TimerHandle}). */
    public interface Cancellable {
        /** Removes the timer if it has not run yet; true if this call cancelled it. */
        boolean cancel();
    }

    private static final AtomicInteger TASK_NUMBERS = new AtomicInteger();
    private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();

    private final String name;
    private final Options options;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeup = lock.newCondition();
    private final AtomicInteger executorThreads = new AtomicInteger();

    @GuardedBy("lock")
    private final ArrayDeque<Callback> ready = new ArrayDeque<>();
    @GuardedBy("lock")
    private final PriorityQueue<Timer> scheduled = new PriorityQueue<>();
    @GuardedBy("lock")
    private long timerSequence;
    @GuardedBy("lock")
    private boolean stopping;
    @GuardedBy("lock")
    private boolean closed;
    @GuardedBy("lock")
    private ExecutorService defaultExecutor;
    /** Set while some thread runs the loop; written under {@code lock}, read anywhere. */
    private volatile Thread runner;
    /** The thread {@link #startThread} made for this loop, or null. */
    private volatile Thread ownThread;
    /** Which task or handle the loop is running now: read and written only by the loop thread. */
    private Object current;

    private EventLoop(String name, Options options) {
        this.name = Objects.requireNonNull(name, "name");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** asyncio's {@code new_event_loop()}: a loop no thread runs yet. */
    public static EventLoop create(String name, Options options) {
        return new EventLoop(name, options);
    }

    public static EventLoop create(String name) {
        return create(name, Options.DEFAULT);
    }

    /**
     * A loop running forever on a new platform thread named {@code name} until {@link #close}, which stops it
     * and joins the thread.
     */
    public static EventLoop startThread(String name, Options options) {
        EventLoop loop = create(name, options);
        Thread thread = Thread.ofPlatform().name(name).unstarted(() -> {
            try {
                loop.runForever();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        loop.ownThread = thread;
        thread.start();
        return loop;
    }

    public static EventLoop startThread(String name) {
        return startThread(name, Options.DEFAULT);
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

    /** True on the thread running this loop. */
    public boolean inLoop() {
        return Thread.currentThread() == runner;
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
        Cancellable watchdog = callLater(timeout, () -> task.future.completeExceptionally(new TimeoutException(
                coroName + "() on event loop '" + name + "' did not finish within " + timeout)));
        try {
            runUntil(task.future);
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
        runUntil(null);
    }

    /**
     * asyncio's {@code loop.stop()}, callable from any thread: the loop finishes the callbacks of its current turn
     * and returns from {@link #runForever}. A stop requested before the loop runs takes effect on its first turn.
     */
    public void stop() {
        lock.lock();
        try {
            stopping = true;
            wakeup.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void runUntil(CompletableFuture<?> done) throws InterruptedException {
        lock.lock();
        try {
            if (closed) {
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
            while (true) {
                lock.lock();
                try {
                    while (true) {
                        if (stopping) {
                            stopping = false;
                            return;
                        }
                        if (done != null && done.isDone()) {
                            return;
                        }
                        long now = System.nanoTime();
                        while (!scheduled.isEmpty() && scheduled.peek().deadline - now <= 0) {
                            ready.add(scheduled.poll().callback);
                        }
                        if (!ready.isEmpty()) {
                            break;
                        }
                        if (scheduled.isEmpty()) {
                            wakeup.await(); // idle: woken by new work, stop() or close()
                        } else {
                            wakeup.awaitNanos(scheduled.peek().deadline - now);
                        }
                    }
                    batch.addAll(ready); // one turn runs what was ready when it began, as asyncio's _run_once
                    ready.clear();
                } finally {
                    lock.unlock();
                }
                for (Callback callback = batch.poll(); callback != null; callback = batch.poll()) {
                    runTimed(callback);
                }
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

    private void runTimed(Callback callback) {
        current = callback.owner;
        long start = System.nanoTime();
        try {
            callback.action.run();
        } catch (RuntimeException e) {
            options.warnings().accept("Exception in callback " + callback.owner + ": " + e);
        } finally {
            current = null;
            long took = System.nanoTime() - start;
            if (options.slowCallback() != null && took >= options.slowCallback().toNanos()) {
                options.warnings().accept(String.format(Locale.ROOT, "Executing %s took %.3f seconds",
                        callback.owner, took / 1e9));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Scheduling

    /** Runs {@code action} on the loop soon, after the callbacks already queued (FIFO); callable from any thread. */
    public void callSoon(String name, Runnable action) {
        enqueue(attribution(name), action, null);
    }

    /** Runs {@code action} on the loop once {@code delay} has passed; callable from any thread. */
    public Cancellable callLater(Duration delay, Runnable action) {
        return callAt(System.nanoTime() + Math.max(0, delay.toNanos()), attribution("call_later"), action, null);
    }

    /** Runs {@code action} on the loop at {@code deadline}, a {@link #time()} reading. */
    public Cancellable callAt(long deadline, Runnable action) {
        return callAt(deadline, attribution("call_at"), action, null);
    }

    /** {@code asyncio.sleep(delay)}: a future the loop completes once {@code delay} has passed. */
    public CompletableFuture<Void> sleep(Duration delay) {
        CompletableFuture<Void> woken = new CompletableFuture<>();
        Object owner = attribution("sleep");
        try {
            if (delay.isZero() || delay.isNegative()) {
                enqueue(owner, () -> woken.complete(null), woken); // sleep(0) yields one turn
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
     * {@code asyncio.run_coroutine_threadsafe(coro, loop)}: from any thread, start {@code coro} as a task on this
     * loop. The caller may block on the result with a timeout ({@code future.get(1, SECONDS)}) unless it is the
     * loop's own thread, or {@link #wrap} it into another loop.
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

    /** Runs {@code work} on the loop and completes the future with its result or exception; any thread. */
    public <T> CompletableFuture<T> submit(String name, Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            enqueue(attribution(name), () -> completeWith(result, work), result);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
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
                        local.completeExceptionally(unwrap(error));
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
     * A coroutine's {@code while} loop: runs {@code step} on the loop, and again on a later turn each time its
     * future yields true; the result completes when a step yields false or fails.
     */
    public CompletableFuture<Void> whileTrue(Supplier<? extends CompletionStage<Boolean>> step) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Object owner = attribution("while_true");
        Runnable[] iteration = new Runnable[1];
        iteration[0] = () -> {
            CompletionStage<Boolean> stage;
            try {
                stage = step.get();
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                return;
            }
            stage.whenComplete((more, error) -> {
                if (error != null) {
                    done.completeExceptionally(unwrap(error));
                } else if (Boolean.TRUE.equals(more)) {
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

    /**
     * {@code async with}/{@code with} for a coroutine: runs {@code body} with {@code resource} and closes the
     * resource when the body's future completes, however it completes.
     */
    public static <R extends AutoCloseable, T> CompletableFuture<T> using(R resource,
            Function<R, ? extends CompletionStage<T>> body) {
        CompletionStage<T> stage;
        try {
            stage = body.apply(resource);
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            Throwable failure = error == null ? null : unwrap(error);
            try {
                resource.close();
            } catch (Exception closeError) {
                if (failure == null) {
                    failure = closeError;
                } else {
                    failure.addSuppressed(closeError);
                }
            }
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        });
        return result;
    }

    /** {@code asyncio.gather(*futures)}: completes when all have completed, and fails if any of them failed. */
    public static CompletableFuture<Void> gather(List<? extends CompletableFuture<?>> futures) {
        return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
    }

    /** The cause inside a {@link CompletionException} or {@link ExecutionException}. */
    public static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Closing

    /**
     * Closes the loop: a loop made by {@link #startThread} is first stopped and its thread joined. Pending timers
     * are cancelled and queued callbacks dropped; futures waiting on either fail with
     * {@link CancellationException}. The default executor is shut down and awaited. Idempotent.
     *
     * @throws IllegalStateException if the loop is still running (asyncio: "Cannot close a running event loop"),
     *         or its thread or executor did not finish within {@link #CLOSE_TIMEOUT}
     */
    @Override
    public void close() {
        Thread thread = ownThread;
        if (thread != null) {
            if (thread == Thread.currentThread()) {
                throw new IllegalStateException("event loop '" + name + "' cannot close itself from a callback");
            }
            stop();
            joinOrFail(thread);
        }
        List<Callback> dropped = new ArrayList<>();
        ExecutorService executor;
        lock.lock();
        try {
            if (runner != null) {
                throw new IllegalStateException("cannot close running event loop '" + name + "'");
            }
            if (closed) {
                return;
            }
            closed = true;
            dropped.addAll(ready);
            ready.clear();
            scheduled.forEach(timer -> dropped.add(timer.callback));
            scheduled.clear();
            executor = defaultExecutor;
            defaultExecutor = null;
        } finally {
            lock.unlock();
        }
        for (Callback callback : dropped) {
            if (callback.dependent != null) {
                callback.dependent.completeExceptionally(new CancellationException(
                        "event loop '" + name + "' closed before " + callback.owner + " ran"));
            }
        }
        if (executor != null) {
            shutdownOrFail(executor);
        }
    }

    private void joinOrFail(Thread thread) {
        try {
            if (!thread.join(CLOSE_TIMEOUT)) {
                thread.interrupt();
                if (!thread.join(Duration.ofSeconds(1))) {
                    throw new IllegalStateException("event loop thread '" + thread.getName()
                            + "' still busy " + CLOSE_TIMEOUT.toSeconds() + " s after stop(): a callback blocks it");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing event loop '" + name + "'", e);
        }
    }

    private void shutdownOrFail(ExecutorService executor) {
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
            wakeup.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private Cancellable callAt(long deadline, Object owner, Runnable action, CompletableFuture<?> dependent) {
        lock.lock();
        try {
            if (closed) {
                throw new RejectedExecutionException("event loop '" + name + "' is closed");
            }
            Timer timer = new Timer(deadline, timerSequence++, new Callback(owner, action, dependent));
            scheduled.add(timer);
            wakeup.signalAll();
            return () -> {
                lock.lock();
                try {
                    return scheduled.remove(timer);
                } finally {
                    lock.unlock();
                }
            };
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

    private static <T> void completeWith(CompletableFuture<T> future, Callable<T> work) {
        try {
            future.complete(work.call());
        } catch (Exception e) {
            future.completeExceptionally(e);
        }
    }

    private record Callback(Object owner, Runnable action, CompletableFuture<?> dependent) {
    }

    private record Timer(long deadline, long sequence, Callback callback) implements Comparable<Timer> {
        @Override
        public int compareTo(Timer other) {
            int byTime = Long.compare(deadline - other.deadline, 0); // nanoTime: compare differences
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
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
            CompletionStage<T> stage;
            try {
                stage = coro.get();
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
                return;
            }
            stage.whenComplete((value, error) -> {
                if (error != null) {
                    future.completeExceptionally(unwrap(error));
                } else {
                    future.complete(value);
                }
            });
        }

        @Override
        public String toString() {
            return "<Task " + (future.isDone() ? "finished" : "pending") + " name='" + taskName + "' coro=<"
                    + coroName + "()>>";
        }
    }
}
