package workbench.item54;

import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;

/**
 * Example 7 with Java's built-in monitor: {@code synchronized} is {@code with self.lock:} without a lock object to
 * name. The read, the add and the write happen with no other thread inside ({@link Item54Stress.Synchronized}).
 */
@ThreadSafe
public final class SynchronizedCounter implements Counter {

    @GuardedBy("this")
    private long count;

    @Override
    public synchronized void increment(int offset) {
        count += offset;
    }

    @Override
    public synchronized long count() {
        return count;
    }
}
