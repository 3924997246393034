package workbench.queue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;

/**
 * Python's {@code queue.Queue}: a FIFO with a blocking {@link #get}, an optional capacity that makes
 * {@link #put} block (backpressure), and the {@link #taskDone} / {@link #join} pair that Java's
 * {@link java.util.concurrent.BlockingQueue}s lack.
 *
 * <p>Every {@code put} adds one unfinished task; every {@code taskDone} removes one; {@code join} returns when
 * the count is zero, that is when every item ever put has been <em>processed</em>, not merely taken (Item 55,
 * Examples 15-16). Like Python's, it is one lock with three conditions (not empty, not full, all tasks done).
 * Every public blocking call is timed and throws {@link TimeoutException}; a {@code null} item is refused.
 * Python's untimed {@code put}/{@code get} exist only package-private, for {@link StoppableWorker}'s loop, whose
 * owner ends it with a sentinel or an interrupt ({@link StoppableWorker#stopAll}).
 *
 * <p>Used by Item 55 and, through {@link ClosableQueue} and {@link StoppableWorker}, by Item 58.
 *
 * @param <T> the item type
 */
@ThreadSafe
public class JoinableQueue<T> {

    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final Condition allTasksDone = lock.newCondition();
    @GuardedBy("lock")
    private final ArrayDeque<T> items = new ArrayDeque<>();
    @GuardedBy("lock")
    private long unfinishedTasks;

    /** An unbounded queue, Python's {@code Queue()}. */
    public JoinableQueue() {
        this(0);
    }

    /** A queue holding at most {@code capacity} items ({@code 0}: unbounded), Python's {@code Queue(maxsize)}. */
    public JoinableQueue(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0 (0 = unbounded), got " + capacity);
        }
        this.capacity = capacity;
    }

    /** Python's untimed {@code put(item)}: only for a {@link StoppableWorker}, whose owner may interrupt it. */
    void putUntimed(T item) throws InterruptedException {
        Objects.requireNonNull(item, "item");
        lock.lockInterruptibly();
        try {
            while (isFull()) {
                notFull.await();
            }
            enqueue(item);
        } finally {
            lock.unlock();
        }
    }

    /** Adds {@code item}, waiting at most {@code timeout} for room; Python's {@code put(item, timeout=...)}. */
    public void put(T item, Duration timeout) throws InterruptedException, TimeoutException {
        Objects.requireNonNull(item, "item");
        lock.lockInterruptibly();
        try {
            awaitWhile(this::isFull, notFull, timeout, () -> "queue still full");
            enqueue(item);
        } finally {
            lock.unlock();
        }
    }

    /** Python's untimed {@code get()}: only for a {@link StoppableWorker}, whose owner may interrupt it. */
    T takeUntimed() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (items.isEmpty()) {
                notEmpty.await();
            }
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns the oldest item, waiting at most {@code timeout}; Python's {@code get(timeout=...)}. */
    public T get(Duration timeout) throws InterruptedException, TimeoutException {
        lock.lockInterruptibly();
        try {
            awaitWhile(items::isEmpty, notEmpty, timeout, () -> "queue still empty");
            return dequeue();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Marks one earlier-taken item as processed. Consumers call it once per {@code get}.
     *
     * @throws IllegalStateException if called more often than items were put (Python raises ValueError)
     */
    public void taskDone() {
        lock.lock();
        try {
            if (unfinishedTasks <= 0) {
                throw new IllegalStateException("taskDone() called too many times");
            }
            if (--unfinishedTasks == 0) {
                allTasksDone.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits at most {@code timeout} until every item put so far has been marked done by {@link #taskDone}. */
    public void join(Duration timeout) throws InterruptedException, TimeoutException {
        lock.lockInterruptibly();
        try {
            awaitWhile(() -> unfinishedTasks > 0, allTasksDone, timeout,
                    () -> unfinishedTasks + " task(s) still unfinished");
        } finally {
            lock.unlock();
        }
    }

    /** How many items wait in the queue now; Python's {@code qsize()} (a snapshot, stale at once). */
    public int qsize() {
        lock.lock();
        try {
            return items.size();
        } finally {
            lock.unlock();
        }
    }

    /** Items put and not yet marked done (waiting or being processed). */
    public long unfinishedTasks() {
        lock.lock();
        try {
            return unfinishedTasks;
        } finally {
            lock.unlock();
        }
    }

    /** {@code 0} for an unbounded queue. */
    public int capacity() {
        return capacity;
    }

    /**
     * The one timed wait of {@link #put}, {@link #get} and {@link #join}: waits on {@code condition} while
     * {@code blocked} holds, at most {@code timeout} in all, then throws with {@code state} (read at that moment).
     */
    @GuardedBy("lock")
    private void awaitWhile(BooleanSupplier blocked, Condition condition, Duration timeout, Supplier<String> state)
            throws InterruptedException, TimeoutException {
        long nanos = timeout.toNanos();
        while (blocked.getAsBoolean()) {
            if (nanos <= 0) {
                throw new TimeoutException(state.get() + " after " + timeout);
            }
            nanos = condition.awaitNanos(nanos);
        }
    }

    @GuardedBy("lock")
    private boolean isFull() {
        return capacity > 0 && items.size() >= capacity;
    }

    @GuardedBy("lock")
    private void enqueue(T item) {
        items.addLast(item);
        unfinishedTasks++;
        notEmpty.signal();
    }

    @GuardedBy("lock")
    private T dequeue() {
        T item = items.removeFirst();
        notFull.signal();
        return item;
    }
}
