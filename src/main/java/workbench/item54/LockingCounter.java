package workbench.item54;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;

/**
 * Example 7, {@code class LockingCounter}: a lock object held around the increment. {@code lock()} then
 * {@code try}/{@code finally unlock()} is Java's spelling of {@code with self.lock:} ({@link Item54Stress.Locking}).
 */
@ThreadSafe
public final class LockingCounter implements Counter {

    private final Lock lock = new ReentrantLock();
    @GuardedBy("lock")
    private long count;

    @Override
    public void increment(int offset) {
        lock.lock();
        try {
            count += offset;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long count() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }
}
