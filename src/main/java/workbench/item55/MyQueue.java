package workbench.item55;

import java.util.ArrayDeque;
import java.util.NoSuchElementException;

import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;

/**
 * Item 55, Examples 2-4: the hand-made queue, a deque behind a lock. {@link #get} never waits: on an empty queue
 * it throws {@link NoSuchElementException} (Python's {@code IndexError} from {@code popleft}), which leaves the
 * consumer to poll. Compare {@link workbench.queue.JoinableQueue}, which blocks instead.
 */
@ThreadSafe
final class MyQueue<T> {

    private final Object lock = new Object();
    @GuardedBy("lock")
    private final ArrayDeque<T> items = new ArrayDeque<>();

    void put(T item) {
        synchronized (lock) {
            items.addLast(item);
        }
    }

    /** @throws NoSuchElementException when empty: the caller must come back later (poll) */
    T get() {
        synchronized (lock) {
            return items.removeFirst();
        }
    }

    /** Python's {@code len(queue.items)}, which the book's main thread polls. */
    int size() {
        synchronized (lock) {
            return items.size();
        }
    }
}
