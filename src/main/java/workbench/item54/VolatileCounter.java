package workbench.item54;

import workbench.annotations.NotThreadSafe;

/**
 * Beyond the book: {@code volatile} makes every read see the latest write, but {@code count += offset} is still a
 * read, an add and a write, and two threads can read the same value before either writes. Visibility is not
 * atomicity: this counter loses updates like {@link UnsafeCounter} ({@link Item54Stress.Volatile}).
 */
@NotThreadSafe
public final class VolatileCounter implements Counter {

    private volatile long count;

    @Override
    public void increment(int offset) {
        count += offset; // a volatile read, then a volatile write: another thread's write can fall in between
    }

    @Override
    public long count() {
        return count;
    }
}
