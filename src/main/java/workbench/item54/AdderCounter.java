package workbench.item54;

import java.util.concurrent.atomic.LongAdder;

import workbench.annotations.ThreadSafe;

/**
 * Beyond the book: {@link LongAdder} spreads contended increments over per-thread cells and adds them up when
 * asked, so writers rarely touch the same cache line and throughput grows with threads. {@link #count()} is exact
 * once the writers are joined (while they run it is a moving sum). See {@link Item54Stress.Adder}.
 */
@ThreadSafe
public final class AdderCounter implements Counter {

    private final LongAdder count = new LongAdder();

    @Override
    public void increment(int offset) {
        count.add(offset);
    }

    @Override
    public long count() {
        return count.sum();
    }
}
