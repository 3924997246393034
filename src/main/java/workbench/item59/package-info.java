/**
 * Item 59 of Effective Python, 2nd ed. (74 in the 3rd): Consider ThreadPoolExecutor When Threads Are Necessary for
 * Concurrency. A thread pool reuses threads and re-raises a worker's exception in the caller. The demo {@code Item59}
 * runs the book's examples in order; the other classes are its variants.
 *
 * <p>Floor: the items, one band. It may import the bottom floor, the engines and shared blocks, and the earlier items
 * it names; never the tooling ({@code bench}, {@code notebook}, {@code timeline}, {@code strategies}, {@code cli}). It
 * builds on Item 56 ({@code workbench.item56}), as its demo's header says. Its JMH benchmark {@code Item59Benchmark}
 * shares the package under {@code benchmarks/} and is tooling: it may use {@code bench}, and nothing imports it.
 */
package workbench.item59;
