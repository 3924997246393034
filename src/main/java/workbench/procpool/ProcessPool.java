package workbench.procpool;

import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.PrintStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;
import workbench.proc.JavaLauncher;
import workbench.recording.PoolTaskEvent;

/**
 * A pool of worker JVMs that runs serialisable tasks: Java's {@code concurrent.futures.ProcessPoolExecutor}.
 * See the {@linkplain workbench.procpool package description} for the design.
 *
 * <pre>
 *   try (ProcessPool pool = ProcessPool.of(4)) {               // was: Executors.newFixedThreadPool(4)
 *       List&lt;Long&gt; out = pool.map(Factor::gcdWork, inputs);   // results in input order
 *       Future&lt;Long&gt; one = pool.submit(() -&gt; Factor.gcdWork(pair));
 *   }
 * </pre>
 *
 * <p>Workers start on demand, up to {@link #maxWorkers()}, and are reused; {@link #prestart()} starts and warms
 * them all. A worker runs one task at a time. Tasks and results must be serialisable, and whatever crosses the
 * process boundary, in either direction, must pass the allow-list ({@link ProcessPoolBuilder#allow(String...)}).
 *
 * <p>This file is the pool's state machine: its {@link State}, its queue and its workers' slots, all under one
 * lock that is never held across a process start, a pipe write or a kill. A worker's I/O is its
 * {@link WorkerConnection}, a task is a {@link Pending}, and the ExecutorService verbs built on submit are in
 * {@link ExecutorVerbs}.
 */
@ThreadSafe
public final class ProcessPool extends ExecutorVerbs {

    /** How long {@link #close()} lets running and queued tasks finish before it kills the workers. */
    public static final Duration DEFAULT_CLOSE_GRACE = Duration.ofSeconds(30);

    /**
     * The workers' default JVM flags. Unlike a one-shot child ({@link JavaLauncher#FAST_START}) a worker lives for
     * many tasks, so it keeps the full JIT (C2): limited to C1, CPU-bound tasks such as Item 64's gcd ran several
     * times slower in a worker than on a thread, which measured the compiler rather than the process boundary.
     */
    public static final List<String> WORKER_FLAGS = List.of("-Xshare:auto", "-XX:+UseSerialGC");

    /**
     * Flags every worker gets before its own: the JVM's warnings and logging go to stderr, not to the stdout that
     * carries the protocol (by default HotSpot prints both to stdout).
     */
    static final List<String> PROTOCOL_FLAGS = List.of("-XX:+DisplayVMOutputToStderr", "-Xlog:disable",
            "-Xlog:all=warning:stderr");

    /** The pool's id in flight-recorder events, as its workers name it too: this JVM's pid. */
    private static final String POOL_ID = Long.toString(ProcessHandle.current().pid());

    /** How long {@link #prestart()} waits for a worker JVM to come up. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /**
     * The pool's life. Every change is one call of {@link #moveTo}, which allows only these:
     * <pre>
     *   RUNNING            --shutdown()------------&gt; SHUTDOWN  no new tasks; queued and running ones finish
     *   RUNNING, SHUTDOWN  --shutdownNow()---------&gt; STOPPED   queued and running tasks cancelled, workers killed
     *   RUNNING, SHUTDOWN  --a worker lost or------&gt; BROKEN    queued and running tasks fail, workers killed
     *                        one that cannot start
     * </pre>
     * STOPPED and BROKEN are final. The pool is terminated once it is not RUNNING and has no worker left.
     */
    private enum State {
        RUNNING, SHUTDOWN, STOPPED, BROKEN;

        /** Takes new tasks. */
        boolean accepts() {
            return this == RUNNING;
        }

        /** Gives queued tasks to workers. */
        boolean dispatches() {
            return this == RUNNING || this == SHUTDOWN;
        }

        /** Runs nothing any more: a worker's end, or a late answer, is expected. */
        boolean ended() {
            return this == STOPPED || this == BROKEN;
        }

        boolean canMoveTo(State next) {
            return switch (next) {
                case RUNNING -> false;
                case SHUTDOWN -> this == RUNNING;
                case STOPPED, BROKEN -> dispatches();
            };
        }
    }

    private final int maxWorkers;
    private final List<String> jvmFlags;
    private final List<String> allow;
    private final Duration closeGrace;
    private final ObjectInputFilter filter;
    private final WorkerConnection.Starter starter;
    /** Where the workers' stderr lines go; null: {@code System.err} when a line comes. */
    private final PrintStream workerStderr;
    private final AtomicLong ids = new AtomicLong();

    private final Object lock = new Object();
    @GuardedBy("lock")
    private State state = State.RUNNING;
    @GuardedBy("lock")
    private String brokenReason;
    /** Every worker, from the moment its slot is reserved (before its JVM starts) until its output ended. */
    @GuardedBy("lock")
    private final List<Slot> slots = new ArrayList<>();
    /** Workers with nothing to do, most recently used first. Invariant: non-empty only while queue is empty. */
    @GuardedBy("lock")
    private final ArrayDeque<Slot> idle = new ArrayDeque<>();
    @GuardedBy("lock")
    private final ArrayDeque<Pending<?>> queue = new ArrayDeque<>();
    @GuardedBy("lock")
    private long workersStarted;

    ProcessPool(ProcessPoolBuilder settings) {
        this.maxWorkers = settings.workers;
        this.jvmFlags = List.copyOf(settings.jvmFlags);
        this.allow = List.copyOf(settings.allow);
        this.closeGrace = settings.closeGrace;
        this.starter = settings.starter;
        this.workerStderr = settings.workerStderr;
        this.filter = Wire.filter(allow);
    }

    /** A pool of {@code workers} JVMs whose tasks and results may also use the workbench's own classes. */
    public static ProcessPool of(int workers) {
        return builder().workers(workers).allow("workbench.**").build();
    }

    public static ProcessPoolBuilder builder() {
        return new ProcessPoolBuilder();
    }

    /** One worker's place in the pool, reserved before its JVM starts; the pool's lock guards its fields. */
    private final class Slot implements WorkerConnection.Listener {
        final long number;
        /** Completes when the worker's JVM is up and serving (fails if it never is). */
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        /** Null while its JVM starts. */
        @GuardedBy("lock")
        WorkerConnection worker;
        @GuardedBy("lock")
        Pending<?> inFlight;
        @GuardedBy("lock")
        boolean retiring;
        @GuardedBy("lock")
        boolean gone;

        Slot(long number) {
            this.number = number;
        }

        @Override
        public void ready() {
            ready.complete(null);
        }

        @Override
        public void answered(Wire.Frame frame) throws IOException {
            ProcessPool.this.answered(this, frame);
        }

        @Override
        public void ended(WorkerConnection worker, Throwable cause) {
            lost(this, worker, cause);
        }
    }

    // ------------------------------------------------------------------------------------------------ state

    /** The one place the state changes; wakes {@link #awaitTermination} and the like. */
    @GuardedBy("lock")
    private boolean moveTo(State next) {
        if (!state.canMoveTo(next)) {
            return false;
        }
        state = next;
        lock.notifyAll();
        return true;
    }

    @GuardedBy("lock")
    private void rejectUnlessRunning() {
        if (state == State.BROKEN) {
            throw new BrokenProcessPoolException(brokenReason);
        }
        if (!state.accepts()) {
            throw new RejectedExecutionException("the process pool is shut down");
        }
    }

    /**
     * Breaks the pool (if it still runs): the queued tasks and those in flight go to {@code failed}, every started
     * worker to {@code kill}; the caller fails and kills them once it has let go of the lock.
     */
    @GuardedBy("lock")
    private void breakPool(String reason, List<Pending<?>> failed, List<WorkerConnection> kill) {
        if (!moveTo(State.BROKEN)) {
            return;
        }
        brokenReason = reason;
        failed.addAll(queue);
        queue.clear();
        takeEverything(failed, kill);
    }

    /**
     * The pool stops or breaks: every worker's task in flight goes to {@code inFlight}, every started worker to
     * {@code workers}, for the caller to end once it has let go of the lock (a worker still starting is killed by
     * {@link #startWorker}, which sees the state).
     */
    @GuardedBy("lock")
    private void takeEverything(List<Pending<?>> inFlight, List<WorkerConnection> workers) {
        idle.clear();
        for (Slot slot : slots) {
            if (slot.inFlight != null) {
                inFlight.add(slot.inFlight);
                slot.inFlight = null;
            }
            if (slot.worker != null) {
                workers.add(slot.worker);
            }
        }
    }

    private static void fail(List<Pending<?>> failed, String reason, Throwable cause) {
        for (Pending<?> pending : failed) {
            BrokenProcessPoolException broken = new BrokenProcessPoolException(reason);
            if (cause != null) {
                broken.initCause(cause);
            }
            pending.future.completeExceptionally(broken);
        }
    }

    // ------------------------------------------------------------------------------------------------ submitting

    /**
     * Every submit verb comes here: the one place a task enters the pool. It is serialised once, here, then sent
     * to an idle worker, to a worker started for it, or queued.
     */
    @Override
    <T> Future<T> enqueue(Object task, boolean localResult, T result) {
        Objects.requireNonNull(task, "task");
        synchronized (lock) {
            rejectUnlessRunning();
        }
        if (!(task instanceof Serializable)) {
            throw new IllegalArgumentException("a process pool task must be serialisable, and "
                    + task.getClass().getName() + " is not: make it a SerializableCallable, SerializableFunction or"
                    + " SerializableRunnable (a lambda written for one of those is serialisable)");
        }
        byte[] payload;
        try {
            payload = Wire.checkSize(Wire.serialize(task));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("a process pool task must serialise, and "
                    + task.getClass().getName() + " does not: " + e, e);
        }
        long id = ids.incrementAndGet();
        Pending<T> pending = new Pending<>(id, Wire.frame(Wire.TASK, id, payload), task, localResult, result,
                this::withdraw);
        dispatch(pending);
        return pending.future;
    }

    /** A cancelled task leaves the queue (one already sent runs on; its answer is dropped). */
    private void withdraw(Pending<?> pending) {
        synchronized (lock) {
            queue.remove(pending);
        }
    }

    private void dispatch(Pending<?> pending) {
        Slot slot;
        WorkerConnection worker;
        synchronized (lock) {
            rejectUnlessRunning();
            slot = idle.pollFirst();
            if (slot == null && slots.size() < maxWorkers) {
                slot = reserve();
            }
            if (slot == null) {
                queue.addLast(pending);
                return;
            }
            slot.inFlight = pending;
            worker = slot.worker;
        }
        if (worker == null) {
            startWorker(slot); // reserved just now: it gets its task once started
        } else {
            dispatch(slot, worker, pending);
        }
    }

    /** Takes a place for one more worker; {@link #startWorker} starts its JVM outside the lock. */
    @GuardedBy("lock")
    private Slot reserve() {
        Slot slot = new Slot(++workersStarted);
        slots.add(slot);
        return slot;
    }

    /**
     * Starts the JVM of a reserved slot, without the lock (a fork/exec takes milliseconds that every submitter and
     * every reader would otherwise wait), then publishes it: it gets the task it was reserved for, else the next
     * queued one, else it waits idle (or retires, after shutdown). If the pool stopped or broke meanwhile, the new
     * worker is killed; if it cannot start, the pool breaks and this throws.
     */
    private void startWorker(Slot slot) {
        WorkerConnection worker;
        try {
            List<String> flags = new ArrayList<>(PROTOCOL_FLAGS);
            flags.addAll(jvmFlags);
            List<String> command = JavaLauncher.command(flags, Worker.class,
                    Long.toString(ProcessHandle.current().pid()), String.join(";", allow));
            worker = WorkerConnection.open(starter.start(command), slot.number, slot, workerStderr);
        } catch (IOException | RuntimeException e) {
            throw startFailed(slot, e);
        }
        Pending<?> send = null;
        boolean retire = false;
        boolean kill = false;
        synchronized (lock) {
            if (slot.gone) {
                return; // it died at once, and lost() has failed its task
            }
            slot.worker = worker;
            if (state.ended()) {
                kill = true;
            } else if (slot.inFlight != null) {
                send = slot.inFlight;
            } else {
                send = free(slot);
                retire = send == null && slot.retiring;
            }
        }
        if (kill) {
            worker.kill();
        } else if (send != null) {
            dispatch(slot, worker, send);
        } else if (retire) {
            worker.retire();
        }
    }

    /** A worker JVM could not start: its slot goes, the pool breaks; returns what the starter should throw. */
    private RejectedExecutionException startFailed(Slot slot, Exception e) {
        List<Pending<?>> failed = new ArrayList<>();
        List<WorkerConnection> kill = new ArrayList<>();
        RejectedExecutionException rejected;
        synchronized (lock) {
            slot.gone = true;
            slots.remove(slot);
            if (slot.inFlight != null) {
                failed.add(slot.inFlight);
                slot.inFlight = null;
            }
            breakPool("cannot start a worker JVM: " + e.getMessage(), failed, kill);
            rejected = state == State.BROKEN ? new BrokenProcessPoolException(brokenReason)
                    : new RejectedExecutionException("the process pool is shut down");
            lock.notifyAll();
        }
        rejected.initCause(e);
        slot.ready.completeExceptionally(rejected);
        fail(failed, rejected.getMessage(), e);
        kill.forEach(WorkerConnection::kill);
        return rejected;
    }

    /**
     * {@code slot}'s worker has nothing in flight: it takes the next queued task (returned, for the caller to send
     * once it has let go of the lock), else it waits idle, or retires once the pool is shut down.
     */
    @GuardedBy("lock")
    private Pending<?> free(Slot slot) {
        if (state.dispatches()) {
            for (Pending<?> next; (next = queue.pollFirst()) != null; ) {
                if (!next.future.isDone()) {
                    slot.inFlight = next;
                    return next;
                }
            }
        }
        if (state == State.RUNNING) {
            idle.addFirst(slot);
        } else if (state == State.SHUTDOWN) {
            slot.retiring = true;
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------ warming

    /**
     * Starts every worker that is not running yet, waits until each is up, and runs one trivial task on each, so
     * that the next tasks meet warm workers (what a benchmark of the warm pool needs).
     *
     * @return this pool
     * @throws BrokenProcessPoolException if a worker dies while starting
     */
    public ProcessPool prestart() throws InterruptedException {
        while (true) {
            Slot spare;
            synchronized (lock) {
                rejectUnlessRunning();
                if (slots.size() >= maxWorkers) {
                    break;
                }
                spare = reserve();
            }
            startWorker(spare);
        }
        List<Slot> started;
        synchronized (lock) {
            started = List.copyOf(slots);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (Slot slot : started) {
            awaitQuietly(slot.ready, deadline, "a worker JVM did not start");
        }
        // With every worker idle, these land on distinct workers (unless someone else submits meanwhile).
        List<Future<Long>> pings = new ArrayList<>();
        for (int i = 0; i < started.size(); i++) {
            pings.add(submit(new Worker.Ping()));
        }
        for (Future<Long> ping : pings) {
            awaitQuietly(ping, deadline, "a worker JVM did not answer");
        }
        return this;
    }

    private static void awaitQuietly(Future<?> future, long deadline, String what) throws InterruptedException {
        try {
            future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(what, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " within " + START_TIMEOUT.toSeconds() + " s", e);
        }
    }

    // ------------------------------------------------------------------------------------------------ diagnostics

    /** The most worker JVMs this pool runs at once. */
    public int maxWorkers() {
        return maxWorkers;
    }

    /** The worker JVMs now running (diagnostics and tests: their pids, their command lines). */
    public List<ProcessHandle> workerProcesses() {
        List<WorkerConnection> workers;
        synchronized (lock) {
            workers = slots.stream().map(slot -> slot.worker).filter(Objects::nonNull).toList();
        }
        return workers.stream().map(WorkerConnection::handle).filter(ProcessHandle::isAlive).toList();
    }

    /**
     * How many worker JVMs this pool has started (or tried to) in all: never more than {@link #maxWorkers()} (none
     * is replaced).
     */
    public long workersStarted() {
        synchronized (lock) {
            return workersStarted;
        }
    }

    /** True once a worker died unexpectedly: Python's {@code executor._broken}. Later submits fail at once. */
    public boolean isBroken() {
        synchronized (lock) {
            return state == State.BROKEN;
        }
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "ProcessPool[" + state.name().toLowerCase(Locale.ROOT) + ", workers " + slots.size()
                    + "/" + maxWorkers + ", idle " + idle.size() + ", queued " + queue.size() + "]";
        }
    }

    // ------------------------------------------------------------------------------------------------ ending

    /** No new tasks; the queued and running ones finish, then the workers exit (their stdin is closed). */
    @Override
    public void shutdown() {
        List<WorkerConnection> retire = new ArrayList<>();
        synchronized (lock) {
            moveTo(State.SHUTDOWN);
            for (Slot slot : idle) {
                slot.retiring = true;
                retire.add(slot.worker);
            }
            idle.clear();
        }
        retire.forEach(WorkerConnection::retire);
    }

    /**
     * Cancels the queued tasks, kills the workers (with their descendants) and cancels the futures of the tasks
     * they were running.
     *
     * @return the tasks that never started, as given (a {@link Callable} wrapped in a {@link FutureTask})
     */
    @Override
    public List<Runnable> shutdownNow() {
        List<Pending<?>> queued;
        List<Pending<?>> running = new ArrayList<>();
        List<WorkerConnection> kill = new ArrayList<>();
        synchronized (lock) {
            moveTo(State.STOPPED);
            queued = new ArrayList<>(queue);
            queue.clear();
            takeEverything(running, kill);
        }
        running.forEach(pending -> pending.future.cancel(false));
        kill.forEach(WorkerConnection::kill);
        List<Runnable> neverStarted = new ArrayList<>();
        for (Pending<?> pending : queued) {
            pending.future.cancel(false);
            neverStarted.add(pending.task instanceof Runnable runnable ? runnable
                    : new FutureTask<>((Callable<?>) pending.task));
        }
        return neverStarted;
    }

    @Override
    public boolean isShutdown() {
        synchronized (lock) {
            return !state.accepts();
        }
    }

    /** True once shut down (or broken) and every worker JVM has exited. */
    @Override
    public boolean isTerminated() {
        synchronized (lock) {
            return terminated();
        }
    }

    @GuardedBy("lock")
    private boolean terminated() {
        return !state.accepts() && slots.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            while (!terminated()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /**
     * Shuts down, waits up to the close grace ({@link ProcessPoolBuilder#closeGrace}) for the queued and running
     * tasks, then kills the stragglers with their descendants ({@link #shutdownNow()}) and waits for them to be
     * gone. If interrupted while waiting it kills at once, and re-asserts the interrupt.
     */
    @Override
    public void close() {
        shutdown();
        boolean interrupted = false;
        try {
            if (awaitTermination(closeGrace.toNanos(), TimeUnit.NANOSECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        shutdownNow();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                if (awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------------ the workers

    /** The reader thread of {@code slot} received the answer to its in-flight task. */
    private void answered(Slot slot, Wire.Frame frame) throws IOException {
        Pending<?> done;
        Pending<?> next;
        boolean retire;
        WorkerConnection worker;
        synchronized (lock) {
            done = slot.inFlight;
            if (done == null && state.ended()) {
                return; // the answer to a task already cancelled or failed by shutdownNow or a broken pool
            }
            if (done == null || done.id != frame.id()) {
                throw new IOException("protocol error: answer to task " + frame.id() + ", expected "
                        + (done == null ? "none" : done.id));
            }
            slot.inFlight = null;
            next = free(slot);
            retire = next == null && slot.retiring;
            worker = slot.worker;
        }
        if (next != null) {
            dispatch(slot, worker, next);
        } else if (retire) {
            worker.retire();
        }
        done.complete(frame, filter);
        recordTask("result", done, slot);
    }

    /** Sends {@code task} to the worker of {@code slot}: the one place a task leaves for a worker JVM. */
    private static void dispatch(Slot slot, WorkerConnection worker, Pending<?> task) {
        recordTask("send", task, slot);
        worker.send(task.frame);
    }

    /** A flight-recorder event for one phase of {@code task} (send, result) on {@code slot}'s worker. */
    private static void recordTask(String phase, Pending<?> task, Slot slot) {
        PoolTaskEvent event = new PoolTaskEvent();
        if (event.shouldCommit()) {
            event.phase = phase;
            event.pool = POOL_ID;
            event.task = task.id;
            event.worker = (int) slot.number;
            event.commit();
        }
    }

    /**
     * A worker's output ended (it exited, was killed, or broke the protocol). Expected after shutdown; otherwise
     * the pool is broken, as Python's: every running and queued future fails and the other workers are killed.
     */
    private void lost(Slot slot, WorkerConnection worker, Throwable cause) {
        String exit = worker.exitDescription(); // before the lock: it asks the OS, and waits on the stderr thread's
        List<Pending<?>> failed = new ArrayList<>();
        List<WorkerConnection> kill = new ArrayList<>();
        String reason;
        synchronized (lock) {
            if (slot.gone) {
                return;
            }
            slot.gone = true;
            slots.remove(slot);
            idle.remove(slot);
            Pending<?> running = slot.inFlight;
            slot.inFlight = null;
            if (running != null) {
                failed.add(running);
            }
            boolean expected = state.ended() || (state == State.SHUTDOWN && slot.retiring && running == null);
            if (!expected) {
                breakPool("A process in the process pool was terminated abruptly while the future was running"
                        + " or pending (worker pid " + worker.pid() + " " + exit + ")", failed, kill);
            }
            reason = brokenReason != null ? brokenReason : "the worker (pid " + worker.pid() + ") ended: " + cause;
            lock.notifyAll();
        }
        slot.ready.completeExceptionally(new BrokenProcessPoolException(reason));
        fail(failed, reason, cause instanceof EOFException ? null : cause);
        kill.forEach(WorkerConnection::kill);
    }
}
