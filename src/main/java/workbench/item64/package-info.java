/**
 * Item 64 of Effective Python, 2nd ed. (79 in the 3rd): Consider concurrent.futures for True Parallelism. A process
 * pool runs CPU work in parallel past the GIL; Java's threads already do. The demo {@code Item64} runs the book's
 * examples in order; the other classes are its variants.
 *
 * <p>Floor: the items, one band. It may import the bottom floor, the engines and shared blocks, and the earlier items
 * it names; never the tooling ({@code bench}, {@code notebook}, {@code timeline}, {@code strategies}, {@code cli}).
 * Its JMH benchmark {@code Item64Benchmark} shares the package under {@code benchmarks/} and is tooling: it may use
 * {@code bench}, and nothing imports it.
 */
package workbench.item64;
