/**
 * The CPU strategies of Items 53 and 64 behind one interface ({@code Strategy}): sequential, Java threads, threads
 * under the GIL model, a process pool, a parallel stream.
 *
 * <p>Floor: an engine below the items; it may import the bottom floor and the other engines ({@code gil},
 * {@code procpool}), never an item or the tooling. Its benchmark helper under {@code benchmarks/} is tooling.
 */
package workbench.parallel;
