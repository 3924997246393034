package workbench.item60;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import workbench.eventloop.EventLoop;
import workbench.life.Rules;
import workbench.procpool.ProcessPool;
import workbench.procpool.SerializableCallable;

/**
 * Beyond the book: "a very large number of seemingly simultaneous functions" measured. {@code tasks} units of
 * work each wait {@code latency} of simulated I/O, all started at once (fan-out), then all awaited (fan-in), by
 * each strategy. With enough concurrency the whole run takes about one latency; with a cap of c concurrent waits
 * it takes about ceil(tasks / c) latencies.
 *
 * <p>Platform threads are bounded by design: {@link Strategy#PLATFORM_THREADS} starts a thread per task but never
 * more than {@link #PLATFORM_CAP} alive at once (more tasks wait for a free slot), and a refused thread (the OS's
 * "unable to create native thread") ends the run early with a clear message instead of taking the JVM down.
 * 100,000 platform threads at once are never tried.
 *
 * <p>{@link Strategy#PROCESS_POOL} is the multi-process row, the wrong tool on purpose: the tasks are spread over a
 * warm {@link ProcessPool} of {@link #PROCESS_WORKERS} worker JVMs, one share per worker (the shares differ by at
 * most one task), and each worker runs its share on virtual threads, then answers how many finished; the parent
 * sums. Virtual threads inside the workers, because a worker that waited its share one task at a time would cap the
 * waits in flight at the number of JVMs (100,000 x 10 ms over 2 JVMs: 500 s), and a process per concurrent wait
 * would mean 100,000 JVMs of tens of MiB each. So the row adds to one latency what crossing the boundary costs:
 * serialising a task and an answer per worker, two pipe writes, and the parent waiting for the slowest worker; at
 * 100,000 tasks it also splits the one CPU-bound part, creating the tasks (one thread's loop in a single JVM), over
 * the workers.
 */
public final class FanOut {

    /** At most this many platform threads alive at once, for the thread-per-task strategy. */
    public static final int PLATFORM_CAP = 2_000;
    /** The fixed pool's size. */
    public static final int POOL_SIZE = 200;
    /** The worker JVMs of {@link Strategy#PROCESS_POOL}: two, one per core of a small machine. */
    public static final int PROCESS_WORKERS = 2;
    /** The virtual threads of {@link Strategy#VIRTUAL_THREADS}. */
    private static final ThreadFactory VIRTUAL = Thread.ofVirtual().name("fan-out-virtual").factory();
    /** How long the threads of a failed op may take to end once interrupted. */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /** One way to run the tasks; each is a verdict. */
    public enum Strategy {
        /** A new platform thread per task, at most {@link #PLATFORM_CAP} at once: Item 57 at scale. */
        PLATFORM_THREADS,
        /** A fixed pool of {@link #POOL_SIZE} platform threads, each task blocking one of them: Item 59. */
        FIXED_POOL,
        /** A virtual thread per task, blocking in {@code Thread.sleep} (which unmounts it): direct style. */
        VIRTUAL_THREADS,
        /** A future per task completed by a timer after the latency, no thread blocked; {@code allOf} gathers. */
        COMPLETABLE_FUTURES,
        /** A task per unit on one event loop thread, each awaiting a loop timer; asyncio's own design. */
        EVENT_LOOP,
        /** Beyond the book: a warm pool of worker JVMs, a share of the tasks each, on virtual threads there. */
        PROCESS_POOL;

        /** A runner for this strategy (it holds a pool or a loop for its lifetime); close it. */
        public Runner open(Duration latency, Duration timeout) throws IOException {
            return switch (this) {
                case PLATFORM_THREADS -> tasks -> platformThreads(tasks, latency, timeout);
                case FIXED_POOL -> fixedPool(latency, timeout);
                case VIRTUAL_THREADS -> tasks -> virtualThreads(tasks, latency, timeout);
                case COMPLETABLE_FUTURES -> tasks -> completableFutures(tasks, latency, timeout);
                case EVENT_LOOP -> eventLoop(latency, timeout);
                case PROCESS_POOL -> processPool(PROCESS_WORKERS, latency, timeout);
            };
        }

        public String label() {
            return switch (this) {
                case PLATFORM_THREADS -> "platform thread per task (<= " + PLATFORM_CAP + " at once)";
                case FIXED_POOL -> "fixed pool of " + POOL_SIZE + " platform threads";
                case VIRTUAL_THREADS -> "virtual thread per task";
                case COMPLETABLE_FUTURES -> "CompletableFuture per task, allOf";
                case EVENT_LOOP -> "event loop (one thread, timers)";
                case PROCESS_POOL -> PROCESS_WORKERS + " worker JVMs, virtual threads in each";
            };
        }
    }

    /** Runs {@code tasks} tasks; returns how many finished. */
    @FunctionalInterface
    public interface Runner extends AutoCloseable {

        int run(int tasks) throws InterruptedException, TimeoutException;

        @Override
        default void close() {
        }
    }

    private FanOut() {
    }

    static int platformThreads(int tasks, Duration latency, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore slots = new Semaphore(PLATFORM_CAP);
        AtomicInteger finished = new AtomicInteger();
        Runnable task = () -> {
            try {
                Rules.simulateIo(latency);
                finished.incrementAndGet();
            } finally {
                slots.release();
            }
        };
        for (int i = 0; i < tasks; i++) {
            if (!slots.tryAcquire(remaining(deadline), TimeUnit.NANOSECONDS)) {
                throw new TimeoutException("no free thread slot after " + timeout);
            }
            try {
                Thread.ofPlatform().name("fan-out-", i).start(task);
            } catch (OutOfMemoryError refused) {           // the OS refused another native thread: stop here
                slots.release();
                awaitAll(slots, deadline, timeout);
                throw new IllegalStateException("stopped early: thread " + (i + 1) + " of " + tasks
                        + " could not be created (" + refused.getMessage() + ")");
            }
        }
        awaitAll(slots, deadline, timeout);
        return finished.get();
    }

    private static void awaitAll(Semaphore slots, long deadline, Duration timeout)
            throws InterruptedException, TimeoutException {
        if (!slots.tryAcquire(PLATFORM_CAP, remaining(deadline), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException("platform threads still running after " + timeout);
        }
        slots.release(PLATFORM_CAP);
    }

    static Runner fixedPool(Duration latency, Duration timeout) {
        ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(POOL_SIZE);
        pool.prestartAllCoreThreads();                      // an op measures waiting, not starting the pool
        return new Runner() {
            @Override
            public int run(int tasks) throws InterruptedException, TimeoutException {
                return onExecutor(pool, tasks, latency, timeout);
            }

            @Override
            public void close() {
                pool.shutdownNow();
                pool.close();
            }
        };
    }

    /**
     * A virtual thread per task, started directly rather than through {@code newVirtualThreadPerTaskExecutor}: that
     * executor keeps every live thread in a concurrent set (100,000 inserts and removals, and the set's resizing, in
     * a JFR profile of this op); an array of the threads and the latch do the same bookkeeping for less. On a timeout
     * or an interrupt every thread still running is interrupted and joined, so none outlives the op.
     */
    static int virtualThreads(int tasks, Duration latency, Duration timeout)
            throws InterruptedException, TimeoutException {
        return virtualThreads(tasks, latency, timeout, VIRTUAL);
    }

    /** As {@link #virtualThreads(int, Duration, Duration)}, with the threads made by {@code threads}. */
    static int virtualThreads(int tasks, Duration latency, Duration timeout, ThreadFactory threads)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        CountDownLatch done = new CountDownLatch(tasks);
        AtomicInteger finished = new AtomicInteger();
        Runnable counted = counted(latency, finished, done);
        Runnable task = () -> {
            try {
                counted.run();
            } catch (java.io.UncheckedIOException e) {
                if (!(e.getCause() instanceof InterruptedIOException)) {
                    throw e;
                }
                // stopped by stop() after a timeout or interrupt, which the op reports: no trace per thread
            }
        };
        Thread[] started = new Thread[tasks];
        boolean allDone = false;
        try {
            for (int i = 0; i < tasks; i++) {
                started[i] = threads.newThread(task);
                started[i].start();
            }
            allDone = done.await(remaining(deadline), TimeUnit.NANOSECONDS);
            if (!allDone) {
                throw new TimeoutException(done.getCount() + " of " + tasks + " tasks still running after " + timeout);
            }
            return finished.get();
        } finally {
            if (!allDone) {
                stop(started);
            }
        }
    }

    /**
     * Interrupts the started threads that still run and waits for them, so that none outlives a failed op. The
     * wait is {@link #STOP_GRACE}, not the op's timeout: an interrupted thread ends at once once it runs, but on
     * busy cores a thousand of them may wait a while for a carrier.
     */
    private static void stop(Thread[] threads) throws InterruptedException {
        for (Thread thread : threads) {
            if (thread != null) {
                thread.interrupt();
            }
        }
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (Thread thread : threads) {
            if (thread != null && !thread.join(Duration.ofNanos(remaining(deadline)))) {
                throw new IllegalStateException("a virtual thread still ran " + STOP_GRACE + " after its interrupt");
            }
        }
    }

    private static int onExecutor(ExecutorService executor, int tasks, Duration latency, Duration timeout)
            throws InterruptedException, TimeoutException {
        CountDownLatch done = new CountDownLatch(tasks);
        AtomicInteger finished = new AtomicInteger();
        Runnable task = counted(latency, finished, done);
        for (int i = 0; i < tasks; i++) {
            executor.execute(task);
        }
        if (!done.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException(done.getCount() + " of " + tasks + " tasks still running after " + timeout);
        }
        return finished.get();
    }

    /** One task: waits the latency, counts itself finished, and counts the latch down whatever happened. */
    private static Runnable counted(Duration latency, AtomicInteger finished, CountDownLatch done) {
        return () -> {
            try {
                Rules.simulateIo(latency);
                finished.incrementAndGet();
            } finally {
                done.countDown();
            }
        };
    }

    static int completableFutures(int tasks, Duration latency, Duration timeout)
            throws InterruptedException, TimeoutException {
        AtomicInteger finished = new AtomicInteger();
        List<CompletableFuture<Void>> futures = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            futures.add(CompletableFuture.runAsync(finished::incrementAndGet,
                    CompletableFuture.delayedExecutor(latency.toNanos(), TimeUnit.NANOSECONDS, Runnable::run)));
        }
        AsyncLife.await(AsyncLife.gather(futures), timeout);
        return finished.get();
    }

    static Runner eventLoop(Duration latency, Duration timeout) throws IOException {
        EventLoop loop = EventLoop.start("fan-out-event-loop");
        return new Runner() {
            @Override
            public int run(int tasks) throws InterruptedException, TimeoutException {
                int[] finished = {0};                       // confined to the loop's thread
                return AsyncLife.await(loop.runCoroutineThreadsafe("fan_out", () -> {
                    List<CompletableFuture<Void>> futures = new ArrayList<>(tasks);
                    for (int i = 0; i < tasks; i++) {
                        futures.add(loop.sleep(latency).thenRun(() -> finished[0]++));
                    }
                    return AsyncLife.gather(futures).thenApply(done -> finished[0]);
                }), timeout);
            }

            @Override
            public void close() {
                loop.close();
            }
        };
    }

    /**
     * Starts and warms {@code workers} worker JVMs; each {@link Runner#run} sends every worker one {@link Share}.
     * Throws {@link InterruptedIOException} (interrupt re-asserted) if interrupted while the workers start.
     */
    static Runner processPool(int workers, Duration latency, Duration timeout) throws IOException {
        ProcessPool pool;
        try {
            pool = ProcessPool.builder().workers(workers).allow("workbench.**").closeGrace(timeout).buildStarted();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the worker JVMs started");
        }
        return new Runner() {
            @Override
            public int run(int tasks) throws InterruptedException, TimeoutException {
                return onProcesses(pool, tasks, latency, timeout);
            }

            @Override
            public void close() {
                pool.close();
            }
        };
    }

    /** Splits {@code tasks} into one share per worker of {@code pool}, sends them, and sums the answers. */
    static int onProcesses(ProcessPool pool, int tasks, Duration latency, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int workers = pool.maxWorkers();
        List<Future<Integer>> shares = new ArrayList<>(workers);
        try {
            for (int i = 0; i < workers; i++) {
                int share = (int) ((long) tasks * (i + 1) / workers - (long) tasks * i / workers);
                if (share > 0) {
                    shares.add(pool.submit(new Share(share, latency, timeout)));
                }
            }
            int finished = 0;
            for (Future<Integer> share : shares) {
                try {
                    finished += share.get(remaining(deadline), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    throw new TimeoutException("the worker JVMs did not all answer within " + timeout);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TimeoutException late) {
                        throw late;                                       // a worker's own tasks ran late
                    }
                    throw new IllegalStateException("a worker's share failed", e.getCause());
                }
            }
            return finished;
        } finally {
            shares.forEach(share -> share.cancel(false));                 // no-op for the finished ones
        }
    }

    /** One worker's share: {@code tasks} waits of {@code latency}, a virtual thread each, in the worker JVM. */
    record Share(int tasks, Duration latency, Duration timeout) implements SerializableCallable<Integer> {

        @Override
        public Integer call() throws InterruptedException, TimeoutException {
            return virtualThreads(tasks, latency, timeout);
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }
}
