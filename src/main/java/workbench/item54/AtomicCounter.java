package workbench.item54;

import java.util.concurrent.atomic.AtomicLong;

import workbench.annotations.ThreadSafe;

/**
 * Beyond the book: no lock at all. {@link AtomicLong#addAndGet} is one atomic read-modify-write (a
 * {@code lock xadd} on x86), so nothing can come between the read and the write ({@link Item54Stress.Atomic}).
 * Every thread still updates the same cache line, so it does not scale with threads.
 */
@ThreadSafe
public final class AtomicCounter implements Counter {

    private final AtomicLong count = new AtomicLong();

    @Override
    public void increment(int offset) {
        count.addAndGet(offset);
    }

    @Override
    public long count() {
        return count.get();
    }
}
