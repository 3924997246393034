package workbench.gil;

/**
 * Which {@link Site}s of the model actually check for a pending drop request: the interpreter version being
 * modelled.
 */
public enum CheckPolicy {

    /**
     * CPython up to 3.9: the eval breaker is checked between bytecodes, so a thread may lose the GIL between the
     * read and the write of {@code count += 1}, and unlocked counters lose updates (Effective Python, Item 54).
     */
    EVERY_INSTRUCTION(Site.INSTRUCTION, Site.CALL, Site.BACK_EDGE),

    /**
     * CPython 3.10 and later (commit 4958f5d, bpo-29988): the eval breaker is checked only on calls and backward
     * jumps, so a statement with no call inside, such as {@code self.count += offset}, is never split by a thread
     * switch. This is why Item 54's unlocked counter rarely loses an update on modern CPython.
     */
    CALLS_AND_BACK_EDGES(Site.CALL, Site.BACK_EDGE);

    /** The bits of the sites that check, for {@link Gil#check(Site)}'s fast path. */
    final int mask;

    CheckPolicy(Site... sites) {
        int m = 0;
        for (Site site : sites) {
            m |= site.bit;
        }
        this.mask = m;
    }

    /** Whether a check point at {@code site} can drop the GIL under this policy. */
    public boolean checks(Site site) {
        return (mask & site.bit) != 0;
    }
}
