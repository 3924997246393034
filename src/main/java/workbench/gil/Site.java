package workbench.gil;

/**
 * Where in CPython's evaluation loop a thread switch could happen: the kinds of check point that code written for
 * the model marks with {@link Gil#check(Site)}. Which kinds actually check is the {@link CheckPolicy}'s choice.
 *
 * <p>Mark them where the Python code would have them: {@link #INSTRUCTION} between the bytecodes of one source
 * statement (the load and the store of {@code count += 1}), {@link #CALL} where Python calls a function, and
 * {@link #BACK_EDGE} at the end of each loop iteration.
 */
public enum Site {

    /**
     * Between any two bytecodes. Before CPython 3.10 the eval breaker could fire here, for example between the
     * {@code LOAD_ATTR} and the {@code STORE_ATTR} of {@code self.count += offset}.
     */
    INSTRUCTION,

    /** A function call (CPython 3.10+ checks the eval breaker on calls, as older versions also did). */
    CALL,

    /** A backward jump: the end of one iteration of a {@code for} or {@code while} loop. */
    BACK_EDGE;

    /** This site's bit in {@link CheckPolicy}'s mask. */
    final int bit = 1 << ordinal();
}
