package workbench.queue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import workbench.annotations.ThreadSafe;

/**
 * The book's {@code StoppableWorker} (Item 55, Example 19): a thread that applies {@code func} to every item of
 * its in-queue and puts the result on its out-queue, until it reads the in-queue's sentinel
 * ({@link ClosableQueue#close}). No polling, no magic exit: it blocks in {@code get} while there is no work.
 *
 * <p>If {@code func} throws, the exception escapes {@link #run} like any uncaught exception (the item is still
 * marked done, so a {@code join} on the in-queue does not hang, but the worker is gone); Item 58 therefore makes
 * its functions return their exceptions as values. An interrupt ends the worker too (the flag is kept), which is
 * how {@link #stopAll} cleans up after a timeout. The worker records the CPU time it used, for Item 55's
 * busy-wait-versus-blocking comparison.
 *
 * <p>Reused by Item 58, which also makes some of these workers daemons, as the book's {@code **kwargs} do.
 *
 * @param <I> what the worker takes
 * @param <O> what it puts
 */
@ThreadSafe
public final class StoppableWorker<I, O> extends Thread {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Function<? super I, ? extends O> func;
    private final ClosableQueue<I> inQueue;
    private final ClosableQueue<O> outQueue;
    private volatile long cpuNanos = -1;

    public StoppableWorker(String name, Function<? super I, ? extends O> func, ClosableQueue<I> inQueue,
            ClosableQueue<O> outQueue) {
        super(name);
        this.func = func;
        this.inQueue = inQueue;
        this.outQueue = outQueue;
    }

    @Override
    public void run() {
        long cpuStart = cpuTimeOfThisThread();
        try {
            inQueue.forEachUntilClosedUntimed(item -> outQueue.putUntimed(func.apply(item)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            long cpuEnd = cpuTimeOfThisThread();
            cpuNanos = cpuStart < 0 || cpuEnd < 0 ? -1 : cpuEnd - cpuStart;
        }
    }

    /** CPU time this worker's {@link #run} used, in ns; {@code -1} while it runs or where the JVM cannot tell. */
    public long cpuNanos() {
        return cpuNanos;
    }

    /** The book's {@code start_threads}: starts {@code count} workers, {@code name-1..count}, on the same queues. */
    public static <I, O> List<StoppableWorker<I, O>> startAll(int count, String name,
            Function<? super I, ? extends O> func, ClosableQueue<I> inQueue, ClosableQueue<O> outQueue) {
        List<StoppableWorker<I, O>> workers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            StoppableWorker<I, O> worker = new StoppableWorker<>(name + "-" + i, func, inQueue, outQueue);
            worker.start();
            workers.add(worker);
        }
        return workers;
    }

    /**
     * The book's {@code stop_threads}: one sentinel per worker (one sentinel stops one worker), then waits for the
     * queue to be fully processed and for every worker to end, all within {@code timeout}. Workers still alive
     * after it are interrupted and a {@link TimeoutException} is thrown.
     */
    public static void stopAll(ClosableQueue<?> queue, List<? extends Thread> workers, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (int i = 0; i < workers.size(); i++) {
                queue.close(remaining(deadline));
            }
            queue.join(remaining(deadline));
            joinAll(workers, deadline);
        } catch (TimeoutException | InterruptedException e) {
            workers.forEach(Thread::interrupt);
            throw e;
        }
    }

    /** Joins every thread by the deadline ({@link System#nanoTime} based); throws if one is still alive. */
    public static void joinAll(List<? extends Thread> threads, long deadlineNanos)
            throws InterruptedException, TimeoutException {
        for (Thread thread : threads) {
            if (!thread.join(remaining(deadlineNanos))) {
                throw new TimeoutException(thread.getName() + " still running at the deadline");
            }
        }
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    static long cpuTimeOfThisThread() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
    }
}
