package workbench.gil;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;
import workbench.recording.GilDropRequestEvent;
import workbench.recording.GilHoldEvent;
import workbench.recording.GilWaitEvent;

/**
 * A model of CPython's global interpreter lock (the "new GIL" of CPython 3.2+, {@code Python/ceval_gil.c}), so that
 * Java code can run the way Python threads run: one thread at a time, handing over at check points. See the
 * {@linkplain workbench.gil package documentation} for the design, its fidelity to CPython and a usage example.
 *
 * <p>A thread runs "Python code" while it holds the GIL: between {@link #enter()} and {@link Attached#close()}, or
 * inside {@link #runAsPythonThread}, or as a thread from {@link #startThread}. The code marks the places where
 * CPython would look at its eval breaker with {@link #check(Site)}, and wraps blocking calls (sleep, I/O, waiting
 * on a barrier) in {@link #releaseAround}, as CPython wraps system calls in {@code Py_BEGIN_ALLOW_THREADS}.
 *
 * <p>The protocol, as in CPython: a thread that wants the GIL waits on a condition for up to the
 * {@linkplain #switchInterval() switch interval}; if the interval passes with no switch at all, it sets the drop
 * request. The holder sees the request at its next check point that the {@link CheckPolicy} enables, drops the GIL,
 * and then waits until another thread has taken it before it tries to take it back (forced switching), so the
 * thread that asked really gets a turn.
 *
 * <p>Costs: {@link #check(Site)} is one volatile read (and a constant mask test) while no thread waits; entering
 * and leaving is one uncontended lock and unlock of an internal mutex each. A {@linkplain #freeThreaded()
 * free-threaded} model (CPython 3.13t) takes the same calls and does nothing: threads run in parallel.
 *
 * <p>Interrupts: every wait for the GIL notices interruption. {@link #enter()} and {@link #releaseAround} throw
 * {@link InterruptedException}; {@link #check(Site)} throws the unchecked {@link GilInterruptedException} with the
 * interrupt status set again. In each case the thread does not hold the GIL afterwards, and closing its
 * {@link Attached} token is then harmless.
 */
@ThreadSafe
public final class Gil {

    /** CPython's default switch interval, {@code sys.getswitchinterval() == 0.005}. */
    public static final Duration DEFAULT_SWITCH_INTERVAL = Duration.ofMillis(5);

    private final boolean freeThreaded;
    private final CheckPolicy policy;
    /** {@link CheckPolicy#mask}, or 0 when free-threaded: tested only once a drop request is pending. */
    private final int checkMask;
    private volatile long switchIntervalNanos;

    /** CPython's {@code gil_drop_request}: the only thing a check point reads while no one waits. */
    private volatile boolean dropRequest;

    /** CPython's {@code gil->mutex}; its two conditions are {@code gil->cond} and {@code gil->switch_cond}. */
    private final ReentrantLock mutex = new ReentrantLock();
    /** Signalled when the GIL is dropped: waiters for the GIL wait here, timed by the switch interval. */
    private final Condition dropped = mutex.newCondition();
    /** Signalled when the GIL is taken: a thread that was made to drop waits here until someone else has it. */
    private final Condition taken = mutex.newCondition();

    /**
     * CPython's {@code gil->locked} and the thread that holds it; {@code null} when the GIL is free. Written only
     * under {@code mutex}; read without it only by a thread asking whether it is the holder, which it alone can
     * change.
     */
    private volatile Thread holder;
    /** CPython's {@code gil->last_holder}. */
    @GuardedBy("mutex")
    private Thread lastHolder;
    /** CPython's {@code gil->switch_number}; also {@link GilStats#takes()}. */
    @GuardedBy("mutex")
    private long switchNumber;
    @GuardedBy("mutex")
    private int waiting;

    @GuardedBy("mutex")
    private long switches;
    @GuardedBy("mutex")
    private long dropRequests;
    @GuardedBy("mutex")
    private long forcedDrops;
    @GuardedBy("mutex")
    private long blockingReleases;
    @GuardedBy("mutex")
    private long waits;
    @GuardedBy("mutex")
    private long totalWaitNanos;
    @GuardedBy("mutex")
    private long maxWaitNanos;
    @GuardedBy("mutex")
    private long interruptedWaits;
    /** The holder's flight-recorder event, begun when it took the GIL; null while no recording wants it. */
    @GuardedBy("mutex")
    private GilHoldEvent holdEvent;

    private Gil(Builder builder) {
        this.freeThreaded = builder.freeThreaded;
        this.policy = builder.policy;
        this.checkMask = builder.freeThreaded ? 0 : builder.policy.mask;
        this.switchIntervalNanos = builder.switchInterval.toNanos();
    }

    /** A GIL like modern CPython's: switch interval 5 ms, {@link CheckPolicy#CALLS_AND_BACK_EDGES}. */
    public static Gil create() {
        return builder().build();
    }

    /** No GIL at all (CPython 3.13t, "free-threaded"): the same calls, no exclusion, threads run in parallel. */
    public static Gil freeThreaded() {
        return builder().freeThreaded(true).build();
    }

    /** Starts a builder with CPython's defaults: 5 ms, {@link CheckPolicy#CALLS_AND_BACK_EDGES}, with a GIL. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether this model has no GIL (see {@link #freeThreaded()}). */
    public boolean isFreeThreaded() {
        return freeThreaded;
    }

    /** Which check points can drop the GIL. */
    public CheckPolicy policy() {
        return policy;
    }

    /** How long a waiting thread lets the holder run before it asks it to drop ({@code sys.getswitchinterval()}). */
    public Duration switchInterval() {
        return Duration.ofNanos(switchIntervalNanos);
    }

    /**
     * Sets the switch interval, as {@code sys.setswitchinterval(seconds)} does; waits that have begun finish their
     * current interval first.
     *
     * @throws IllegalArgumentException if {@code interval} is not positive
     */
    public void setSwitchInterval(Duration interval) {
        switchIntervalNanos = positiveNanos(interval);
    }

    /** Whether the calling thread holds the GIL ({@code PyGILState_Check()}); always false when free-threaded. */
    public boolean holdsGil() {
        return holder == Thread.currentThread();
    }

    /** Whether a waiting thread has asked the holder to drop the GIL and the holder has not yet done so. */
    public boolean dropRequested() {
        return dropRequest;
    }

    /**
     * Takes the GIL for the calling thread, waiting as CPython's {@code take_gil} waits, and returns the token that
     * gives it back: use it in try-with-resources. In a free-threaded model it returns at once.
     *
     * @throws InterruptedException if interrupted while waiting; the thread then does not hold the GIL
     * @throws IllegalStateException if the calling thread already holds this GIL (it is not reentrant)
     */
    public Attached enter() throws InterruptedException {
        Thread me = Thread.currentThread();
        if (!freeThreaded) {
            if (holder == me) {
                throw new IllegalStateException(me.getName() + " already holds the GIL");
            }
            take(me);
        }
        return new Attached(me);
    }

    /**
     * A check point: if this site checks under the policy and another thread has asked for the GIL, drop it, wait
     * until another thread has taken it, then take it back (CPython's eval breaker calling {@code drop_gil} and
     * {@code take_gil}). Otherwise, and always while no thread waits, it costs one volatile read.
     *
     * <p>Call it only while holding the GIL; a check point reached outside the GIL fails when it would drop.
     *
     * @throws GilInterruptedException if interrupted while waiting to take the GIL back
     * @throws IllegalStateException if it must drop the GIL and the calling thread does not hold it
     */
    public void check(Site site) {
        if (dropRequest && (checkMask & site.bit) != 0) {
            dropAndRetake();
        }
    }

    /**
     * Runs a blocking call with the GIL released, then takes it back: {@code Py_BEGIN_ALLOW_THREADS} /
     * {@code Py_END_ALLOW_THREADS} around a system call. Other threads run Python code meanwhile. Use it for
     * sleeps, I/O, waits on barriers, latches, locks and queues: anything that blocks.
     *
     * <p>The GIL is taken back whether the call returns or throws. If the thread is interrupted while waiting to
     * take it back, it throws {@link InterruptedException} without the GIL (an exception from the call itself is
     * then thrown instead, with the interruption suppressed and the interrupt status set).
     *
     * @return what the call returned
     * @throws E what the call threw, with the GIL held again
     * @throws InterruptedException if interrupted while waiting to take the GIL back
     * @throws IllegalStateException if the calling thread does not hold the GIL
     */
    public <T, E extends Exception> T releaseAround(ThrowingSupplier<T, E> call) throws E, InterruptedException {
        Objects.requireNonNull(call, "call");
        if (freeThreaded) {
            return call.get();
        }
        Thread me = Thread.currentThread();
        requireHolder(me, "releaseAround");
        drop(me, true);
        T result;
        try {
            result = call.get();
        } catch (Throwable t) {
            try {
                take(me);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                t.addSuppressed(e);
            }
            throw t;
        }
        take(me);
        return result;
    }

    /** {@link #releaseAround(ThrowingSupplier)} for a call that returns nothing, such as {@code Thread.sleep}. */
    public <E extends Exception> void releaseAround(ThrowingRunnable<E> call) throws E, InterruptedException {
        Objects.requireNonNull(call, "call");
        releaseAround(() -> {
            call.run();
            return null;
        });
    }

    /**
     * Runs {@code body} in the calling thread as a Python thread: takes the GIL, runs the body, gives the GIL back.
     *
     * @throws E what the body threw
     * @throws InterruptedException if the thread was interrupted while waiting for the GIL, on entry, at a check
     *                              point or after a blocking call (the interrupt status is then clear, as usual)
     */
    public <E extends Exception> void runAsPythonThread(ThrowingRunnable<E> body) throws E, InterruptedException {
        Objects.requireNonNull(body, "body");
        Attached attached = enter();
        try {
            body.run();
        } catch (GilInterruptedException e) {
            Thread.interrupted();
            InterruptedException ie = new InterruptedException(e.getMessage());
            ie.initCause(e);
            throw ie;
        } finally {
            attached.close();
        }
    }

    /**
     * Starts a platform thread named {@code name} that runs {@code body} as a Python thread, like
     * {@code threading.Thread(target=body).start()}. It is not a daemon thread: join it. If it is interrupted while
     * waiting for the GIL it ends quietly; any other exception goes to the thread's uncaught-exception handler
     * (printed, as Python's {@code threading.excepthook} prints it).
     */
    public Thread startThread(String name, ThrowingRunnable<? extends Exception> body) {
        Thread thread = newThread(name, body);
        thread.start();
        return thread;
    }

    /** {@link #startThread}, but not yet started. */
    public Thread newThread(String name, ThrowingRunnable<? extends Exception> body) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        return Thread.ofPlatform().name(name).unstarted(() -> {
            Thread me = Thread.currentThread();
            try {
                runAsPythonThread(body);
            } catch (InterruptedException e) {
                me.interrupt();
            } catch (Exception e) {
                me.getUncaughtExceptionHandler().uncaughtException(me, e);
            }
        });
    }

    /** A snapshot of the counters ({@link GilStats#NONE} when free-threaded). */
    public GilStats stats() {
        if (freeThreaded) {
            return GilStats.NONE;
        }
        mutex.lock();
        try {
            return new GilStats(switchNumber, switches, dropRequests, forcedDrops, blockingReleases, waits,
                    totalWaitNanos, maxWaitNanos, interruptedWaits, waiting);
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public String toString() {
        return freeThreaded ? "Gil[free-threaded]"
                : "Gil[" + policy + ", switch interval " + switchInterval().toNanos() / 1e6 + " ms]";
    }

    // ---- CPython's take_gil / drop_gil ----

    /** {@code take_gil}: wait for the GIL, asking the holder to drop it after each interval with no switch. */
    private void take(Thread me) throws InterruptedException {
        mutex.lock();
        try {
            if (holder == null) {
                took(me, 0);
                return;
            }
            long start = System.nanoTime();
            GilWaitEvent waitEvent = new GilWaitEvent();
            waitEvent.begin();
            waiting++;
            try {
                while (holder != null) {
                    long saved = switchNumber;
                    boolean timedOut = dropped.awaitNanos(switchIntervalNanos) <= 0;
                    if (timedOut && holder != null && switchNumber == saved && !dropRequest) {
                        dropRequest = true;
                        dropRequests++;
                        recordDropRequest(holder);
                    }
                }
            } catch (InterruptedException e) {
                interruptedWaits++;
                if (holder == null && waiting > 1) {
                    dropped.signal(); // pass on a wake-up this thread may have consumed
                }
                taken.signalAll(); // a holder waiting to hand over to this thread need not wait any longer
                throw e;
            } finally {
                waiting--;
                if (waiting == 0) {
                    dropRequest = false; // nobody left to hand over to
                }
            }
            took(me, System.nanoTime() - start);
            if (waitEvent.shouldCommit()) {
                waitEvent.gil = System.identityHashCode(this);
                waitEvent.commit();
            }
        } finally {
            mutex.unlock();
        }
    }

    private void recordDropRequest(Thread holder) {
        GilDropRequestEvent event = new GilDropRequestEvent();
        if (event.shouldCommit()) {
            event.gil = System.identityHashCode(this);
            event.holder = holder.getName();
            event.commit();
        }
    }

    @GuardedBy("mutex")
    private void took(Thread me, long waitedNanos) {
        holder = me;
        if (lastHolder != null && lastHolder != me) {
            switches++;
        }
        lastHolder = me;
        switchNumber++;
        if (waitedNanos > 0) {
            waits++;
            totalWaitNanos += waitedNanos;
            maxWaitNanos = Math.max(maxWaitNanos, waitedNanos);
        }
        dropRequest = false;
        taken.signalAll(); // FORCE_SWITCHING: the thread that dropped may now try again
        GilHoldEvent event = new GilHoldEvent();
        if (event.isEnabled()) {
            event.begin();
            event.gil = System.identityHashCode(this);
            event.switchNumber = switchNumber;
            holdEvent = event;
        }
    }

    /**
     * {@code drop_gil} before a blocking call (or at a check point): if a drop request is pending, wait
     * (FORCE_SWITCHING) until another thread has taken the GIL, as CPython does whenever it drops with a request
     * pending.
     */
    private void drop(Thread me, boolean blocking) {
        mutex.lock();
        try {
            release(me, blocking ? "blocking call" : "drop");
            if (blocking) {
                blockingReleases++;
            }
            if (dropRequest) {
                awaitHandOver(me);
            }
        } finally {
            mutex.unlock();
        }
    }

    /** The slow path of {@link #check(Site)}: the eval breaker saw {@code gil_drop_request}. */
    private void dropAndRetake() {
        Thread me = Thread.currentThread();
        mutex.lock();
        try {
            if (!dropRequest) {
                return; // withdrawn meanwhile: the waiter took the GIL elsewhere or gave up
            }
            requireHolder(me, "a check point");
            release(me, "check point");
            forcedDrops++;
            awaitHandOver(me);
        } finally {
            mutex.unlock();
        }
        try {
            take(me);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GilInterruptedException(e);
        }
    }

    /** Called by the holder: its hold event, if a recording wants one, ends here. */
    @GuardedBy("mutex")
    private void release(Thread me, String reason) {
        GilHoldEvent event = holdEvent;
        if (event != null) {
            holdEvent = null;
            if (event.shouldCommit()) {
                event.droppedFor = reason;
                event.commit();
            }
        }
        holder = null;
        lastHolder = me;
        dropped.signal();
    }

    /** FORCE_SWITCHING: wait until someone else has taken the GIL, while anyone is still waiting to. */
    @GuardedBy("mutex")
    private void awaitHandOver(Thread me) {
        boolean interrupted = false;
        while (lastHolder == me && waiting > 0) {
            try {
                taken.await(switchIntervalNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true; // stop waiting for the hand-over; the status is restored below
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Gives the GIL back for good: the thread is done, so there is no hand-over to wait for. */
    private void exit(Thread me) {
        mutex.lock();
        try {
            if (holder == me) {
                release(me, "end");
            }
        } finally {
            mutex.unlock();
        }
    }

    private void requireHolder(Thread me, String what) {
        if (holder != me) {
            throw new IllegalStateException(what + " in " + me.getName() + ", which does not hold the GIL");
        }
    }

    private static long positiveNanos(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("switch interval must be positive: " + interval);
        }
        return interval.toNanos();
    }

    /**
     * A thread's hold on the GIL, from {@link #enter()}: closing it gives the GIL back. Close it on the thread that
     * entered. Closing twice, or after an interrupted wait left the thread without the GIL, does nothing.
     */
    public final class Attached implements AutoCloseable {

        private final Thread owner;

        private Attached(Thread owner) {
            this.owner = owner;
        }

        /** The GIL this token holds. */
        public Gil gil() {
            return Gil.this;
        }

        /** Gives the GIL back ({@code PyEval_ReleaseThread} at a thread's end: no hand-over wait). */
        @Override
        public void close() {
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("closed by " + Thread.currentThread().getName()
                        + ", entered by " + owner.getName());
            }
            if (!freeThreaded) {
                exit(owner);
            }
        }
    }

    /** Settings for a {@link Gil}; defaults are CPython's. */
    public static final class Builder {

        private Duration switchInterval = DEFAULT_SWITCH_INTERVAL;
        private CheckPolicy policy = CheckPolicy.CALLS_AND_BACK_EDGES;
        private boolean freeThreaded;

        private Builder() {
        }

        /** The switch interval ({@code sys.setswitchinterval}); default 5 ms. */
        public Builder switchInterval(Duration interval) {
            positiveNanos(interval);
            this.switchInterval = interval;
            return this;
        }

        /** Which check points can drop the GIL; default {@link CheckPolicy#CALLS_AND_BACK_EDGES} (CPython 3.10+). */
        public Builder policy(CheckPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** No GIL at all when true (CPython 3.13t); default false. */
        public Builder freeThreaded(boolean freeThreaded) {
            this.freeThreaded = freeThreaded;
            return this;
        }

        public Gil build() {
            return new Gil(this);
        }
    }

    /** A body that may throw: the work of a Python thread. */
    @FunctionalInterface
    public interface ThrowingRunnable<E extends Exception> {
        void run() throws E;
    }

    /** A blocking call that returns a value and may throw. */
    @FunctionalInterface
    public interface ThrowingSupplier<T, E extends Exception> {
        T get() throws E;
    }
}
