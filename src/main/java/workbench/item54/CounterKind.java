package workbench.item54;

import java.time.Duration;
import java.util.function.Supplier;

import workbench.examples.Way;
import workbench.gil.CheckPolicy;
import workbench.gil.Gil;

/**
 * Every counter of Item 54 with its verdict: the list the demo, the tests and the jcstress tables iterate. A kind
 * is {@linkplain #exact() exact} when no interleaving can lose an update; the others may lose some (and never gain
 * one). The GIL kinds run a counter under a model of CPython's GIL (a fresh {@link Gil} per counter) with the
 * {@link CheckPolicy} that decides whether a switch can fall inside the increment.
 */
public enum CounterKind implements Way {

    UNSAFE("UnsafeCounter", "count += offset, no lock (Example 1)", false, UnsafeCounter::new),
    VOLATILE("VolatileCounter", "a volatile field: visible, still not atomic", false, VolatileCounter::new),
    SYNCHRONIZED("SynchronizedCounter", "synchronized methods", true, SynchronizedCounter::new),
    LOCKING("LockingCounter", "ReentrantLock around the increment (Example 7)", true, LockingCounter::new),
    ATOMIC("AtomicCounter", "AtomicLong.addAndGet", true, AtomicCounter::new),
    ADDER("AdderCounter", "LongAdder.add", true, AdderCounter::new),
    GIL_UNSAFE_PRE_310("GilUnsafeCounter", "under the GIL model, switches at every instruction (CPython <= 3.9)",
            false, () -> new GilUnsafeCounter(model(CheckPolicy.EVERY_INSTRUCTION))),
    GIL_UNSAFE_310("GilUnsafeCounter", "under the GIL model, switches at calls and back edges (CPython 3.10+)",
            true, () -> new GilUnsafeCounter(model(CheckPolicy.CALLS_AND_BACK_EDGES))),
    GIL_CALL_UNSAFE_310("GilCallUnsafeCounter", "counter += get_offset(...) under the GIL model, CPython 3.10+",
            false, () -> new GilCallUnsafeCounter(model(CheckPolicy.CALLS_AND_BACK_EDGES))),
    GIL_LOCKING_PRE_310("GilLockingCounter", "with self.lock under the GIL model, every instruction", true,
            () -> new GilLockingCounter(model(CheckPolicy.EVERY_INSTRUCTION)));

    /**
     * The GIL kinds' switch interval. CPython's is 5 ms, but Java runs this loop one to two orders of magnitude
     * faster than CPython, so 500,000 increments would span only a handful of intervals; 50 µs gives about as many
     * switches per run as CPython gets (see the {@linkplain workbench.gil package documentation}'s limits).
     */
    public static final Duration GIL_SWITCH_INTERVAL = Duration.ofNanos(50_000);

    private final String className;
    private final String description;
    private final boolean exact;
    private final Supplier<Counter> factory;

    CounterKind(String className, String description, boolean exact, Supplier<Counter> factory) {
        this.className = className;
        this.description = description;
        this.exact = exact;
        this.factory = factory;
    }

    /** A fresh counter at zero (with its own GIL model, for the GIL kinds). */
    public Counter create() {
        return factory.get();
    }

    /** The counter's class name, which carries its verdict. */
    public String className() {
        return className;
    }

    public String description() {
        return description;
    }

    /** Whether every run counts exactly (no interleaving loses an update); otherwise only count <= expected. */
    public boolean exact() {
        return exact;
    }

    /** Whether it runs under the GIL model. */
    public boolean underGil() {
        return name().startsWith("GIL_");
    }

    static Gil model(CheckPolicy policy) {
        return Gil.builder().policy(policy).switchInterval(GIL_SWITCH_INTERVAL).build();
    }
}
