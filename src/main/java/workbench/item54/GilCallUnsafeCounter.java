package workbench.item54;

import workbench.annotations.NotThreadSafe;
import workbench.gil.Gil;
import workbench.gil.Site;

/**
 * The 3rd edition's version of Example 1 (Item 69): {@code counter += get_offset(value)}. The left operand is
 * loaded first, then {@code get_offset} is called, then the sum is stored: a call between the read and the write.
 * CPython 3.10+ checks for thread switches at calls, so this statement can be split and loses updates even under
 * {@link workbench.gil.CheckPolicy#CALLS_AND_BACK_EDGES}, where {@link GilUnsafeCounter} cannot.
 *
 * <p>Call {@link #increment} only from a thread that holds {@link #gil()}.
 */
@NotThreadSafe
public final class GilCallUnsafeCounter extends GilUnguardedCounter {

    public GilCallUnsafeCounter(Gil gil) {
        super(gil);
    }

    @Override
    public void increment(int offset) {
        long value = count;                 // LOAD_GLOBAL counter
        long added = getOffset(offset);     // CALL get_offset(...): a check point on every CPython version
        count = value + added;              // BINARY_OP +=, STORE_GLOBAL counter
    }

    /** The book's {@code get_offset(data)}: the reading a sensor produced; here simply {@code offset}. */
    private int getOffset(int offset) {
        gil.check(Site.CALL);
        return offset;
    }
}
