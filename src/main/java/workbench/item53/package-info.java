/**
 * Item 53 of Effective Python, 2nd ed. (68 in the 3rd): Use Threads for Blocking I/O, Avoid for Parallelism. Python's
 * threads overlap blocking calls but not CPU work (the GIL); Java's threads do both. The demo {@code Item53} runs the
 * book's examples in order; the other classes are its variants.
 *
 * <p>Floor: the items, one band. It may import the bottom floor, the engines and shared blocks, and the earlier items
 * it names; never the tooling ({@code bench}, {@code notebook}, {@code timeline}, {@code strategies}, {@code cli}).
 * Its JMH benchmark {@code Item53Benchmark} shares the package under {@code benchmarks/} and is tooling: it may use
 * {@code bench}, and nothing imports it.
 */
package workbench.item53;
