package workbench.item55;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.NoSuchElementException;
import java.util.function.Function;

import workbench.annotations.NotThreadSafe;

/**
 * Item 55, Examples 5-6: the book's busy-waiting {@code Worker}. It loops forever, counting every pass: an empty
 * queue means "sleep 10 ms and poll again".
 *
 * <p>Stopping it uses the book's "magic exit signal": the main thread sets the worker's in-queue to {@code null}
 * ({@link #magicExit}), so the next {@code inQueue.get()} throws, here a {@link NullPointerException} where Python
 * raises {@code AttributeError}, and the worker returns. An exception as a control signal is a hack; the
 * {@link workbench.queue.StoppableWorker} with a sentinel replaces it.
 *
 * <p>Not thread-safe beyond the magic exit: its counters are read by the main thread only after {@code join}.
 */
@NotThreadSafe
final class PollingWorker<I, O> extends Thread {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static final long POLL_SLEEP_MILLIS = 10;

    private final Function<? super I, ? extends O> func;
    /** Volatile so that the magic exit (a write by the main thread) is seen by this worker. */
    private volatile MyQueue<I> inQueue;
    private final MyQueue<O> outQueue;
    // Written by this worker only; read by the main thread after join(), which orders the reads.
    private long polledCount;
    private long workDone;
    private long emptyPolls;
    private long cpuNanos = -1;

    PollingWorker(String name, Function<? super I, ? extends O> func, MyQueue<I> inQueue, MyQueue<O> outQueue) {
        super(name);
        this.func = func;
        this.inQueue = inQueue;
        this.outQueue = outQueue;
    }

    @Override
    public void run() {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        try {
            while (true) {
                polledCount++;
                I item;
                try {
                    item = inQueue.get();
                } catch (NoSuchElementException empty) {
                    emptyPolls++;
                    Thread.sleep(POLL_SLEEP_MILLIS);
                    continue;
                } catch (NullPointerException magicExit) {
                    return;
                }
                outQueue.put(func.apply(item));
                workDone++;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuStart;
        }
    }

    /** The magic exit: the next {@code inQueue.get()} in {@link #run} throws NullPointerException. */
    void magicExit() {
        inQueue = null;
    }

    long polledCount() {
        return polledCount;
    }

    long workDone() {
        return workDone;
    }

    long emptyPolls() {
        return emptyPolls;
    }

    long cpuNanos() {
        return cpuNanos;
    }
}
