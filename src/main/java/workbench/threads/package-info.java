/**
 * Parking many threads at once and reading the memory they cost, and simulated I/O (Items 57 and 60).
 *
 * <p>Floor: a shared block below the items; it may import the bottom floor and nothing else of the workbench.
 */
package workbench.threads;
