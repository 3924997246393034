/**
 * Python's {@code future.result()} for Java's futures: a bounded wait that hands back the value or raises what the
 * task itself raised.
 *
 * <p>Floor: a small shared block just above the bottom; it imports nothing of the workbench, and the engines and items
 * may import it.
 */
package workbench.futures;
