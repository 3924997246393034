/**
 * The thread-safety annotations {@code @ThreadSafe}, {@code @NotThreadSafe} and {@code @GuardedBy}, after JCIP's,
 * stating each class's contract where it is declared.
 *
 * <p>Floor: the bottom; it imports nothing of the workbench, and every package may import it.
 */
package workbench.annotations;
