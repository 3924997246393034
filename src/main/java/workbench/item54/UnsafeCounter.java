package workbench.item54;

import workbench.annotations.NotThreadSafe;

/**
 * Example 1: {@code count += offset} with no lock. In Java the statement compiles to {@code getfield},
 * {@code ladd}, {@code putfield}: a read, an add and a write that another thread can come between, so concurrent
 * increments are lost. The outcome table is {@link Item54Stress.Unsafe}.
 */
@NotThreadSafe
public final class UnsafeCounter implements Counter {

    private long count;

    @Override
    public void increment(int offset) {
        count += offset;
    }

    @Override
    public long count() {
        return count;
    }
}
