package workbench.gil;

/**
 * Thrown by {@link Gil#check(Site)} when the thread dropped the GIL at a check point and was interrupted while
 * waiting to take it back. The thread no longer holds the GIL, and its interrupt status is set again (never
 * swallowed). {@link Gil#runAsPythonThread} turns it into an {@link InterruptedException}; threads from
 * {@link Gil#startThread} simply end. It is unchecked because check points sit in code (loops, counters) that
 * should not have to declare {@code InterruptedException}.
 */
public final class GilInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    GilInterruptedException(InterruptedException cause) {
        super("interrupted while waiting to take the GIL back at a check point", cause);
    }
}
