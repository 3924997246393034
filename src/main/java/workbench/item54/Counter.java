package workbench.item54;

import java.util.Optional;

import workbench.gil.Gil;

/**
 * Item 54's counter (Example 1): something sensor threads add to. Every way of counting in this item implements
 * it, its verdict in its name, so the demo, {@code Item54Benchmark}, the tests and the jcstress tables in
 * {@link Item54Stress} all run the same classes and a diff between two of them shows only the fix.
 */
public interface Counter {

    /** Adds {@code offset}: Python's {@code self.count += offset}. */
    void increment(int offset);

    /** The count so far; read it after the incrementing threads have been joined. */
    long count();

    /**
     * The GIL model whose threads must call {@link #increment} (holding the GIL, as Python threads do), or empty
     * for a plain Java counter that any thread may call.
     */
    default Optional<Gil> gil() {
        return Optional.empty();
    }
}
