package workbench.item54;

import java.util.Objects;
import java.util.Optional;

import workbench.annotations.NotThreadSafe;
import workbench.gil.Gil;

/**
 * What {@link GilUnsafeCounter} and {@link GilCallUnsafeCounter} share: the GIL model their threads must hold, and
 * a count that holding it is all that guards. They differ only in their {@code increment}, that is in where a
 * check point falls between the read and the write.
 */
@NotThreadSafe
abstract sealed class GilUnguardedCounter implements Counter permits GilUnsafeCounter, GilCallUnsafeCounter {

    final Gil gil;
    /** Touched only by threads holding the GIL, and that is not enough: see the subclasses. */
    long count;

    GilUnguardedCounter(Gil gil) {
        this.gil = Objects.requireNonNull(gil, "gil");
    }

    @Override
    public final long count() {
        return count;
    }

    @Override
    public final Optional<Gil> gil() {
        return Optional.of(gil);
    }
}
