package workbench.item54;

import workbench.annotations.NotThreadSafe;
import workbench.gil.Gil;
import workbench.gil.Site;

/**
 * Example 1 as CPython runs it: {@code self.count += offset} is {@code LOAD_ATTR}, {@code BINARY_OP +=},
 * {@code STORE_ATTR}, and the only place another Python thread can run is a check point of the eval loop. Before
 * CPython 3.10 ({@link workbench.gil.CheckPolicy#EVERY_INSTRUCTION}) there is one between the read and the write,
 * so the GIL does not protect the counter; from 3.10 ({@link workbench.gil.CheckPolicy#CALLS_AND_BACK_EDGES}) the
 * statement holds no call and no backward jump, so no switch can split it, which is why the book's run on CPython
 * 3.11 printed 500000. {@link GilCallUnsafeCounter} is the 3rd edition's answer.
 *
 * <p>Call {@link #increment} only from a thread that holds {@link #gil()}.
 */
@NotThreadSafe
public final class GilUnsafeCounter extends GilUnguardedCounter {

    public GilUnsafeCounter(Gil gil) {
        super(gil);
    }

    @Override
    public void increment(int offset) {
        long value = count;            // LOAD_ATTR count
        gil.check(Site.INSTRUCTION);   // CPython < 3.10 may switch threads between any two bytecodes
        count = value + offset;        // BINARY_OP +=, STORE_ATTR count
    }
}
