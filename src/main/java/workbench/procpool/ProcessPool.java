package workbench.procpool;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;
import workbench.proc.JavaLauncher;
import workbench.proc.ProcessTree;

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
 * process boundary, in either direction, must pass the allow-list ({@link Builder#allow(String...)}).
 */
@ThreadSafe
public final class ProcessPool implements ExecutorService {

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

    /** How long {@link #prestart()} waits for a worker JVM to come up. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** The most of a worker's stderr forwarded per line, and in all, before the rest is dropped (drained). */
    static final int MAX_LINE = 8 * 1024;
    static final long MAX_FORWARDED = 1L << 20;
    /** How much of a dead worker's stderr its pool's error message quotes, and how long it waits to read it. */
    static final int LAST_ERR_LINES = 3;
    static final int LAST_ERR_CHARS = 300;
    static final Duration STDERR_GRACE = Duration.ofSeconds(1);

    private enum State { RUNNING, SHUTDOWN, STOPPED, BROKEN }

    private final int maxWorkers;
    private final List<String> jvmFlags;
    private final List<String> allow;
    private final Duration closeGrace;
    private final ObjectInputFilter filter;
    private final AtomicLong ids = new AtomicLong();

    private final Object lock = new Object();
    @GuardedBy("lock")
    private State state = State.RUNNING;
    @GuardedBy("lock")
    private String brokenReason;
    @GuardedBy("lock")
    private final List<Slot> slots = new ArrayList<>();
    /** Workers with nothing to do, most recently used first. Invariant: non-empty only while queue is empty. */
    @GuardedBy("lock")
    private final ArrayDeque<Slot> idle = new ArrayDeque<>();
    @GuardedBy("lock")
    private final ArrayDeque<Pending<?>> queue = new ArrayDeque<>();
    @GuardedBy("lock")
    private long workersStarted;

    private ProcessPool(Builder builder) {
        this.maxWorkers = builder.workers;
        this.jvmFlags = List.copyOf(builder.jvmFlags);
        this.allow = List.copyOf(builder.allow);
        this.closeGrace = builder.closeGrace;
        this.filter = Wire.filter(allow);
    }

    /** A pool of {@code workers} JVMs whose tasks and results may also use the workbench's own classes. */
    public static ProcessPool of(int workers) {
        return builder().workers(workers).allow("workbench.**").build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a pool. Not thread-safe; build once. */
    public static final class Builder {
        private int workers = Runtime.getRuntime().availableProcessors();
        private final List<String> allow = new ArrayList<>();
        private List<String> jvmFlags = WORKER_FLAGS;
        private Duration closeGrace = DEFAULT_CLOSE_GRACE;

        private Builder() {
        }

        /** The most worker JVMs (default: the number of processors, as Python's {@code os.cpu_count()}). */
        public Builder workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1: " + workers);
            }
            this.workers = workers;
            return this;
        }

        /**
         * Adds classes that may cross the process boundary besides java.base value types, collections and the
         * pool's protocol: {@code "com.example.Point"}, {@code "com.example.*"} (one package) or
         * {@code "com.example.**"} (a package and its sub-packages). A lambda's capturing class crosses too.
         */
        public Builder allow(String... patterns) {
            allow.addAll(Wire.checkPatterns(List.of(patterns)));
            return this;
        }

        /** The workers' JVM flags (default {@link #WORKER_FLAGS}). */
        public Builder jvmFlags(List<String> flags) {
            for (String flag : flags) {
                if (!flag.startsWith("-")) {
                    throw new IllegalArgumentException("not a JVM flag: " + flag);
                }
            }
            this.jvmFlags = List.copyOf(flags);
            return this;
        }

        /** How long {@link ProcessPool#close()} waits for tasks before it kills the workers. */
        public Builder closeGrace(Duration grace) {
            if (grace.isNegative()) {
                throw new IllegalArgumentException("negative grace: " + grace);
            }
            this.closeGrace = grace;
            return this;
        }

        public ProcessPool build() {
            return new ProcessPool(this);
        }

        /**
         * Builds the pool and {@linkplain #prestart() starts and warms} every worker: what a benchmark trial or a
         * long-lived strategy wants. If starting fails or is interrupted, the pool is stopped and closed (no worker
         * is left behind) before the exception propagates.
         */
        public ProcessPool buildStarted() throws InterruptedException {
            ProcessPool pool = build();
            try {
                return pool.prestart();
            } catch (InterruptedException | RuntimeException | Error e) {
                pool.shutdownNow();
                pool.close();
                throw e;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ submitting

    /** Runs {@code task} in a worker; its value (or exception) comes back through the future. */
    public <T> Future<T> submit(SerializableCallable<T> task) {
        return enqueue(task, false, null);
    }

    /** Runs {@code fn.apply(argument)} in a worker: Python's {@code pool.submit(fn, arg)}. */
    public <A, R> Future<R> submit(SerializableFunction<A, R> fn, A argument) {
        return enqueue(new Applied<>(fn, argument), false, null);
    }

    /** Runs {@code task} in a worker; the future's value is null. */
    public Future<?> submit(SerializableRunnable task) {
        return enqueue(task, false, null);
    }

    /**
     * {@inheritDoc} The task must be {@link Serializable} (a {@link SerializableCallable} lambda is): a task that is
     * not, or does not serialise, fails here with an {@link IllegalArgumentException}.
     */
    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return enqueue(task, false, null);
    }

    /** {@inheritDoc} The task must be {@link Serializable}, as for {@link #submit(Callable)}. */
    @Override
    public Future<?> submit(Runnable task) {
        return enqueue(task, false, null);
    }

    /** {@inheritDoc} The task must be {@link Serializable}; {@code result} stays in this JVM. */
    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        return enqueue(task, true, result);
    }

    /** Runs a serialisable {@code command} in a worker; a failure is printed to {@code System.err}. */
    @Override
    public void execute(Runnable command) {
        Future<?> future = enqueue(command, false, null);
        ((CompletableFuture<?>) future).whenComplete((value, error) -> {
            if (error != null && !(error instanceof CancellationException)) {
                System.err.println("procpool: a task given to execute() failed:");
                error.printStackTrace();
            }
        });
    }

    /**
     * Applies {@code fn} to every item in the workers and returns the results in the order of {@code items}, like
     * Python's {@code list(pool.map(fn, items))}. Waits for all of them; the first failure (in input order) is
     * thrown and the tasks not yet started are cancelled.
     */
    public <A, R> List<R> map(SerializableFunction<A, R> fn, List<? extends A> items)
            throws InterruptedException, ExecutionException {
        return map(fn, items, 1);
    }

    /**
     * As {@link #map(SerializableFunction, List)}, sending {@code chunkSize} items per task (Python's
     * {@code chunksize}): fewer round trips for many small items.
     */
    public <A, R> List<R> map(SerializableFunction<A, R> fn, List<? extends A> items, int chunkSize)
            throws InterruptedException, ExecutionException {
        Objects.requireNonNull(fn, "fn");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1: " + chunkSize);
        }
        List<Future<List<R>>> chunks = new ArrayList<>();
        try {
            for (int from = 0; from < items.size(); from += chunkSize) {
                List<A> chunk = new ArrayList<>(items.subList(from, Math.min(items.size(), from + chunkSize)));
                chunks.add(submit(new Chunk<A, R>(fn, chunk)));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<List<R>> chunk : chunks) {
                results.addAll(chunk.get());
            }
            return results;
        } finally {
            chunks.forEach(chunk -> chunk.cancel(false));
        }
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        List<Future<T>> futures = submitAll(tasks);
        boolean done = false;
        try {
            for (Future<T> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException | CancellationException ignored) {
                    // reported by the future itself
                }
            }
            done = true;
            return futures;
        } finally {
            if (!done) {
                futures.forEach(future -> future.cancel(false));
            }
        }
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        List<Future<T>> futures = submitAll(tasks);
        try {
            for (Future<T> future : futures) {
                try {
                    future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException | CancellationException ignored) {
                    // reported by the future itself
                } catch (TimeoutException timedOut) {
                    break;
                }
            }
            return futures;
        } finally {
            // Upon return, what has not completed is cancelled (what already runs in a worker finishes there).
            futures.forEach(future -> future.cancel(false));
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return invokeAny(tasks, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (TimeoutException impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("no tasks");
        }
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        LinkedBlockingQueue<Future<T>> finished = new LinkedBlockingQueue<>();
        List<Future<T>> futures = submitAll(tasks);
        try {
            for (Future<T> future : futures) {
                ((CompletableFuture<T>) future).whenComplete((value, error) -> finished.add(future));
            }
            ExecutionException last = null;
            for (int i = 0; i < futures.size(); i++) {
                Future<T> next = finished.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new TimeoutException("no task finished in time");
                }
                try {
                    return next.get();
                } catch (ExecutionException e) {
                    last = e;
                } catch (CancellationException e) {
                    last = new ExecutionException(e);
                }
            }
            throw last;
        } finally {
            futures.forEach(future -> future.cancel(false));
        }
    }

    private <T> List<Future<T>> submitAll(Collection<? extends Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        try {
            for (Callable<T> task : tasks) {
                futures.add(submit(task));
            }
            return futures;
        } catch (RuntimeException e) {
            futures.forEach(future -> future.cancel(false));
            throw e;
        }
    }

    private <T> Future<T> enqueue(Object task, boolean localResult, T result) {
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
        Pending<T> pending = new Pending<>(id, Wire.frame(Wire.TASK, id, payload), task, localResult, result);
        dispatch(pending);
        return pending.future;
    }

    @GuardedBy("lock")
    private void rejectUnlessRunning() {
        if (state == State.BROKEN) {
            throw new BrokenProcessPoolException(brokenReason);
        }
        if (state != State.RUNNING) {
            throw new RejectedExecutionException("the process pool is shut down");
        }
    }

    private void dispatch(Pending<?> pending) {
        Slot slot;
        synchronized (lock) {
            rejectUnlessRunning();
            slot = idle.pollFirst();
            if (slot == null && slots.size() < maxWorkers) {
                slot = startWorker();
            }
            if (slot == null) {
                queue.addLast(pending);
                return;
            }
            slot.inFlight = pending;
        }
        slot.send(pending);
    }

    @GuardedBy("lock")
    private Slot startWorker() {
        List<String> flags = new ArrayList<>(PROTOCOL_FLAGS);
        flags.addAll(jvmFlags);
        List<String> command = JavaLauncher.command(flags, Worker.class,
                Long.toString(ProcessHandle.current().pid()), String.join(";", allow));
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new RejectedExecutionException("cannot start a worker JVM: " + e.getMessage(), e);
        }
        Slot slot = new Slot(process, ++workersStarted);
        slots.add(slot);
        slot.startThreads();
        return slot;
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
        List<Slot> started;
        synchronized (lock) {
            rejectUnlessRunning();
            while (slots.size() < maxWorkers) {
                idle.addLast(startWorker());
            }
            started = List.copyOf(slots);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (Slot slot : started) {
            awaitQuietly(slot.ready, deadline, "a worker JVM did not start");
        }
        // With every worker idle, these land on distinct workers (unless someone else submits meanwhile).
        List<Future<Long>> pings = new ArrayList<>();
        for (int i = 0; i < started.size(); i++) {
            pings.add(submit(new Ping()));
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
        synchronized (lock) {
            return slots.stream().map(slot -> slot.process.toHandle()).filter(ProcessHandle::isAlive).toList();
        }
    }

    /** How many worker JVMs this pool has started in all: never more than {@link #maxWorkers()} (none is replaced). */
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
            return "ProcessPool[" + state.name().toLowerCase(java.util.Locale.ROOT) + ", workers " + slots.size()
                    + "/" + maxWorkers + ", idle " + idle.size() + ", queued " + queue.size() + "]";
        }
    }

    // ------------------------------------------------------------------------------------------------ ending

    /** No new tasks; the queued and running ones finish, then the workers exit (their stdin is closed). */
    @Override
    public void shutdown() {
        List<Slot> retire;
        synchronized (lock) {
            if (state == State.RUNNING) {
                state = State.SHUTDOWN;
            }
            retire = new ArrayList<>(idle);
            idle.clear();
            retire.forEach(slot -> slot.retiring = true);
            lock.notifyAll();
        }
        retire.forEach(Slot::retire);
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
        List<Slot> all;
        synchronized (lock) {
            if (state == State.RUNNING || state == State.SHUTDOWN) {
                state = State.STOPPED;
            }
            queued = new ArrayList<>(queue);
            queue.clear();
            idle.clear();
            all = List.copyOf(slots);
            for (Slot slot : all) {
                if (slot.inFlight != null) {
                    running.add(slot.inFlight);
                    slot.inFlight = null;
                }
            }
            lock.notifyAll();
        }
        running.forEach(pending -> pending.future.cancel(false));
        all.forEach(slot -> ProcessTree.kill(slot.process.toHandle()));
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
            return state != State.RUNNING;
        }
    }

    /** True once shut down (or broken) and every worker JVM has exited. */
    @Override
    public boolean isTerminated() {
        synchronized (lock) {
            return state != State.RUNNING && slots.isEmpty();
        }
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        synchronized (lock) {
            while (!(state != State.RUNNING && slots.isEmpty())) {
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
     * Shuts down, waits up to the close grace ({@link Builder#closeGrace}) for the queued and running tasks, then
     * kills the stragglers with their descendants ({@link #shutdownNow()}) and waits for them to be gone. If
     * interrupted while waiting it kills at once, and re-asserts the interrupt.
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
        Pending<?> next = null;
        boolean retire = false;
        synchronized (lock) {
            done = slot.inFlight;
            if (done == null && (state == State.STOPPED || state == State.BROKEN)) {
                return; // the answer to a task already cancelled or failed by shutdownNow or a broken pool
            }
            if (done == null || done.id != frame.id()) {
                throw new IOException("protocol error: answer to task " + frame.id() + ", expected "
                        + (done == null ? "none" : done.id));
            }
            slot.inFlight = null;
            if (state == State.RUNNING || state == State.SHUTDOWN) {
                do {
                    next = queue.pollFirst();
                } while (next != null && next.future.isDone());
            }
            if (next != null) {
                slot.inFlight = next;
            } else if (state == State.RUNNING) {
                idle.addFirst(slot);
            } else if (state == State.SHUTDOWN) {
                slot.retiring = true;
                retire = true;
            }
        }
        if (next != null) {
            slot.send(next);
        }
        if (retire) {
            slot.retire();
        }
        complete(done, frame);
    }

    @SuppressWarnings("unchecked")
    private void complete(Pending<?> done, Wire.Frame frame) {
        TaskFuture<Object> future = (TaskFuture<Object>) done.future;
        if (future.isDone()) {
            return;
        }
        if (frame.kind() == Wire.RESULT) {
            try {
                Object value = Wire.deserialize(frame.payload(), filter);
                future.complete(done.localResult ? done.result : value);
            } catch (Exception | StackOverflowError e) {
                future.completeExceptionally(e);
            }
        } else if (frame.kind() == Wire.FAILURE) {
            future.completeExceptionally(decodeFailure(frame.payload()));
        } else {
            future.completeExceptionally(new IOException("protocol error: frame kind " + frame.kind()));
        }
    }

    /** The original exception if it passes the filter (with a note naming the worker), else its description. */
    private Throwable decodeFailure(byte[] payload) {
        Wire.Failure failure;
        try {
            failure = (Wire.Failure) Wire.deserialize(payload, filter);
        } catch (Exception | StackOverflowError e) {
            return e;
        }
        RemoteTaskException description = failure.description();
        if (failure.original() != null) {
            try {
                if (Wire.deserialize(failure.original(), filter) instanceof Throwable original) {
                    original.addSuppressed(description.asNote());
                    return original;
                }
            } catch (Exception | StackOverflowError e) {
                description.addSuppressed(e);
            }
        }
        return description;
    }

    /**
     * A worker's output ended (it exited, was killed, or broke the protocol). Expected after shutdown; otherwise
     * the pool is broken, as Python's: every running and queued future fails and the other workers are killed.
     */
    private void lost(Slot slot, Throwable cause) {
        List<Pending<?>> failed = new ArrayList<>();
        List<Slot> kill = new ArrayList<>();
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
            boolean expected = state == State.STOPPED || state == State.BROKEN
                    || (state == State.SHUTDOWN && slot.retiring && running == null);
            if (running != null) {
                failed.add(running);
            }
            if (!expected) {
                state = State.BROKEN;
                brokenReason = "A process in the process pool was terminated abruptly while the future was running"
                        + " or pending (worker pid " + slot.pid + " " + slot.exitDescription() + ")";
                failed.addAll(queue);
                queue.clear();
                idle.clear();
                for (Slot other : slots) {
                    if (other.inFlight != null) {
                        failed.add(other.inFlight);
                        other.inFlight = null;
                    }
                    kill.add(other);
                }
            }
            reason = brokenReason != null ? brokenReason : "the worker (pid " + slot.pid + ") ended: " + cause;
            lock.notifyAll();
        }
        slot.ready.completeExceptionally(new BrokenProcessPoolException(reason));
        for (Pending<?> pending : failed) {
            BrokenProcessPoolException broken = new BrokenProcessPoolException(reason);
            if (!(cause instanceof EOFException)) {
                broken.initCause(cause);
            }
            pending.future.completeExceptionally(broken);
        }
        kill.forEach(other -> ProcessTree.kill(other.process.toHandle()));
    }

    /** One worker JVM as the parent sees it. */
    private final class Slot {
        final Process process;
        final long pid;
        final long number;
        final OutputStream out;
        final DataInputStream in;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        @GuardedBy("lock")
        Pending<?> inFlight;
        @GuardedBy("lock")
        boolean retiring;
        @GuardedBy("lock")
        boolean gone;
        /** The worker's last few stderr lines, to say why it died (a host's stderr may be nowhere to be seen). */
        @GuardedBy("lastErr")
        private final ArrayDeque<String> lastErr = new ArrayDeque<>();
        private final Thread errors;
        /** How much of its stderr was forwarded; touched by the {@code errors} thread only. */
        private long forwardedBytes;
        private boolean droppedSaid;

        Slot(Process process, long number) {
            this.process = process;
            this.pid = process.pid();
            this.number = number;
            this.out = process.getOutputStream();
            this.in = new DataInputStream(process.getInputStream());
            this.errors = new Thread(this::forwardStderr, "procpool-" + number + "-stderr-pid" + pid);
            errors.setDaemon(true);
        }

        void startThreads() {
            errors.start();
            Thread reader = new Thread(this::readAnswers, "procpool-" + number + "-reader-pid" + pid);
            reader.setDaemon(true);
            reader.start();
        }

        /** Sends a task frame. Only the thread that made this slot's {@code inFlight} the task calls this. */
        void send(Pending<?> pending) {
            try {
                out.write(pending.frame);
                out.flush();
            } catch (IOException e) {
                // The worker is gone; its reader sees the end of its output and breaks the pool.
                ProcessTree.kill(process.toHandle());
            }
        }

        /** Closes the worker's stdin: it finishes and exits. */
        void retire() {
            try {
                out.close();
            } catch (IOException ignored) {
                // already gone
            }
        }

        private void readAnswers() {
            Throwable cause;
            try {
                while (true) {
                    Wire.Frame frame = Wire.readFrame(in);
                    if (frame.kind() == Wire.READY) {
                        ready.complete(null);
                    } else {
                        answered(this, frame);
                    }
                }
            } catch (Throwable e) {
                cause = e;
            }
            if (!(cause instanceof EOFException)) {
                ProcessTree.kill(process.toHandle()); // it broke the protocol (or we did): it cannot go on
            }
            try {
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    ProcessTree.kill(process.toHandle());
                    process.waitFor(5, TimeUnit.SECONDS);
                }
                errors.join(STDERR_GRACE.toMillis()); // its last words, for exitDescription
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lost(this, cause);
        }

        String exitDescription() {
            String how = process.isAlive() ? "stopped answering" : "exited with status " + process.exitValue();
            synchronized (lastErr) {
                return lastErr.isEmpty() ? how : how + "; its stderr ended with: " + String.join(" | ", lastErr);
            }
        }

        /** Forwards the worker's stderr (and its System.out) line by line with a prefix, bounded. */
        private void forwardStderr() {
            String prefix = "[procpool worker pid " + pid + "] ";
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try (InputStream err = process.getErrorStream()) {
                int n;
                while ((n = err.read(buffer)) >= 0) {
                    for (int i = 0; i < n; i++) {
                        byte b = buffer[i];
                        if (b != '\n' && line.size() < MAX_LINE) {
                            line.write(b);
                            continue;
                        }
                        if (b != '\n') {
                            line.write(b);
                        }
                        lineEnded(prefix, line);
                    }
                }
            } catch (IOException ignored) {
                // the worker is gone
            }
            if (line.size() > 0) {
                lineEnded(prefix, line);
            }
        }

        /**
         * One line of the worker's stderr: kept among its last words, and forwarded while fewer than
         * {@link #MAX_FORWARDED} bytes were; the first line past that says the rest is dropped.
         */
        private void lineEnded(String prefix, ByteArrayOutputStream line) {
            String text = line.toString(StandardCharsets.UTF_8);
            remember(text.strip());
            if (forwardedBytes < MAX_FORWARDED) {
                System.err.println(prefix + text);
                forwardedBytes += line.size();
            } else if (!droppedSaid) {
                droppedSaid = true;
                System.err.println(prefix + "(more than " + MAX_FORWARDED + " bytes: the rest dropped)");
            }
            line.reset();
        }

        private void remember(String text) {
            if (text.isEmpty()) {
                return;
            }
            synchronized (lastErr) {
                if (lastErr.size() == LAST_ERR_LINES) {
                    lastErr.removeFirst();
                }
                lastErr.addLast(text.length() > LAST_ERR_CHARS ? text.substring(0, LAST_ERR_CHARS) + "..." : text);
            }
        }
    }

    /** A submitted task: its frame, ready to write, and its future. */
    private final class Pending<T> {
        final long id;
        final byte[] frame;
        final Object task;
        final boolean localResult;
        final T result;
        final TaskFuture<T> future = new TaskFuture<>(this);

        Pending(long id, byte[] frame, Object task, boolean localResult, T result) {
            this.id = id;
            this.frame = frame;
            this.task = task;
            this.localResult = localResult;
            this.result = result;
        }
    }

    /**
     * A task's future. {@code cancel} takes a queued task off the queue; a task already running in a worker cannot
     * be stopped, so it finishes there and its answer is dropped (as {@link FutureTask#cancel(boolean)} with
     * {@code false}; Python's {@code Future.cancel} would return False instead). Dependent stages are plain
     * {@link CompletableFuture}s.
     */
    private final class TaskFuture<T> extends CompletableFuture<T> {
        private final Pending<T> pending;

        TaskFuture(Pending<T> pending) {
            this.pending = pending;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (lock) {
                queue.remove(pending);
            }
            return super.cancel(mayInterruptIfRunning);
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new CompletableFuture<>();
        }
    }

    // ------------------------------------------------------------------------------------------------ built-in tasks

    /** A trivial task: answers the worker's pid. */
    static final class Ping implements SerializableCallable<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long call() {
            return ProcessHandle.current().pid();
        }
    }

    /** {@code fn} applied to one argument. */
    record Applied<A, R>(SerializableFunction<A, R> fn, A argument) implements SerializableCallable<R> {
        @Override
        public R call() {
            return fn.apply(argument);
        }
    }

    /** {@code fn} applied to a chunk of {@link #map}'s items, in order. */
    record Chunk<A, R>(SerializableFunction<A, R> fn, List<A> items) implements SerializableCallable<List<R>> {
        @Override
        public List<R> call() {
            List<R> results = new ArrayList<>(items.size());
            for (A item : items) {
                results.add(fn.apply(item));
            }
            return results;
        }
    }
}
