package workbench.item54;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;

import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;
import workbench.gil.Gil;
import workbench.gil.Site;

/**
 * Example 7 as CPython runs it: {@code with self.lock: self.count += offset}. A switch may still fall between the
 * read and the write, but the thread that gets the GIL then blocks on the lock, and a blocking acquire releases
 * the GIL (as CPython's {@code lock.acquire()} does) until the lock's holder has finished its increment.
 *
 * <p>Call {@link #increment} only from a thread that holds {@link #gil()}.
 */
@ThreadSafe
public final class GilLockingCounter implements Counter {

    private final Gil gil;
    private final ReentrantLock lock = new ReentrantLock();
    @GuardedBy("lock")
    private long count;

    public GilLockingCounter(Gil gil) {
        this.gil = Objects.requireNonNull(gil, "gil");
    }

    @Override
    public void increment(int offset) {
        acquire();
        try {
            long value = count;            // LOAD_ATTR count
            gil.check(Site.INSTRUCTION);   // a switch here is harmless: the next thread waits for the lock
            count = value + offset;        // STORE_ATTR count
        } finally {
            lock.unlock();
        }
    }

    /** {@code lock.acquire()}: free, it is taken at once; held, the GIL is released while this thread waits. */
    private void acquire() {
        if (lock.tryLock()) {
            return;
        }
        try {
            gil.releaseAround(lock::lockInterruptibly);
        } catch (InterruptedException e) {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock(); // got the lock but not the GIL back: give the lock up, the increment is cancelled
            }
            Thread.currentThread().interrupt();
            CancellationException cancelled = new CancellationException("interrupted waiting for the counter's lock");
            cancelled.initCause(e);
            throw cancelled;
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

    @Override
    public Optional<Gil> gil() {
        return Optional.of(gil);
    }
}
