package workbench.queue;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

import workbench.annotations.ThreadSafe;

/**
 * The book's {@code ClosableQueue} (Item 55, Examples 17-18): a {@link JoinableQueue} that can be closed by
 * putting a sentinel (the "poison pill"), and whose consumers loop until they read it.
 *
 * <p>{@link #forEachUntilClosed} is the book's {@code for item in queue}: it takes items one by one, hands each to
 * the handler, and returns when it takes the sentinel. Exactly as the book's generator does in its
 * {@code finally}, it calls {@link #taskDone} for <em>every</em> item it takes, the sentinel included and also when
 * the handler throws, so {@link #join} never waits for an item that was taken. One {@link #close} stops one
 * consumer: a queue read by N workers needs N sentinels ({@link StoppableWorker#stopAll}).
 *
 * <p>A sentinel that nobody reads stays in the queue: a consumer that stopped early (its handler threw) leaves
 * it behind for the next one, which then stops at once. That is the Item 58 bug of the book's errata #70, cured by
 * draining: {@code queue.forEachUntilClosed(item -> { })}.
 *
 * <p>Reused by Item 58 (the Game of Life's queue workers).
 *
 * @param <T> the item type
 */
@ThreadSafe
public final class ClosableQueue<T> {

    /** What one {@link #forEachUntilClosed} pass does with each item; may throw {@code X}. */
    @FunctionalInterface
    public interface Handler<T, X extends Exception> {
        void handle(T item) throws X;
    }

    private static final Object SENTINEL = new Object();

    private final JoinableQueue<Object> queue;

    /** An unbounded closable queue. */
    public ClosableQueue() {
        this(0);
    }

    /** A closable queue holding at most {@code capacity} items, the sentinel included ({@code 0}: unbounded). */
    public ClosableQueue(int capacity) {
        this.queue = new JoinableQueue<>(capacity);
    }

    /** Puts {@code item}, waiting at most {@code timeout} for room. */
    public void put(T item, Duration timeout) throws InterruptedException, TimeoutException {
        queue.put(item, timeout);
    }

    /** Puts one sentinel: one consumer stops when it reaches it, after every item put before it. */
    public void close(Duration timeout) throws InterruptedException, TimeoutException {
        queue.put(SENTINEL, timeout);
    }

    /**
     * Takes items and hands them to {@code handler} until it takes a sentinel, waiting untimed as Python's
     * {@code for item in queue} does: only for a {@link StoppableWorker}, whose owner ends it with a sentinel or an
     * interrupt. Each taken item, sentinel included, is marked done after the handler returns or throws.
     */
    <X extends Exception> void forEachUntilClosedUntimed(Handler<? super T, X> handler)
            throws X, InterruptedException {
        while (true) {
            Object item = queue.takeUntimed();
            if (handleOne(item, handler)) {
                return;
            }
        }
    }

    /**
     * Takes items and hands them to {@code handler} until it takes a sentinel, waiting at most {@code idleTimeout}
     * for each next item (an idle consumer, not a slow handler, times out). Each taken item, sentinel included, is
     * marked done after the handler returns or throws.
     */
    public <X extends Exception> void forEachUntilClosed(Handler<? super T, X> handler, Duration idleTimeout)
            throws X, InterruptedException, TimeoutException {
        while (true) {
            Object item = queue.get(idleTimeout);
            if (handleOne(item, handler)) {
                return;
            }
        }
    }

    /** Returns true when {@code item} was the sentinel. */
    private <X extends Exception> boolean handleOne(Object item, Handler<? super T, X> handler) throws X {
        try {
            if (item == SENTINEL) {
                return true;
            }
            @SuppressWarnings("unchecked")
            T value = (T) item;
            handler.handle(value);
            return false;
        } finally {
            queue.taskDone();
        }
    }

    /** Waits at most {@code timeout} until every item and sentinel put so far has been taken and marked done. */
    public void join(Duration timeout) throws InterruptedException, TimeoutException {
        queue.join(timeout);
    }

    /** Python's untimed {@code put(item)}: only for a {@link StoppableWorker}, whose owner may interrupt it. */
    void putUntimed(T item) throws InterruptedException {
        queue.putUntimed(item);
    }

    /** Items and sentinels waiting now; Python's {@code qsize()}. */
    public int qsize() {
        return queue.qsize();
    }

    /** Items and sentinels put and not yet marked done. */
    public long unfinishedTasks() {
        return queue.unfinishedTasks();
    }
}
