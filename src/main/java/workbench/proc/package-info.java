/**
 * Running child processes safely: both pipes drained, a timeout on every wait, descendants killed, the same JDK for
 * Java children ({@code Child}, {@code JavaLauncher}).
 *
 * <p>Floor: an engine below the items; it may import the bottom floor and nothing else of the workbench.
 */
package workbench.proc;
