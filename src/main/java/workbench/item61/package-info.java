/**
 * Item 61 of Effective Python, 2nd ed. (76 in the 3rd): Know How to Port Threaded I/O to asyncio. Threaded blocking
 * I/O ports to an event loop almost line by line. The demo {@code Item61} runs the book's examples in order; the other
 * classes are its variants. Beside its benchmark under {@code benchmarks/}, the load harness {@code Item61Load} and
 * its parts drive the servers from one load generator for {@code workbench load 61}.
 *
 * <p>Floor: the items, one band. It may import the bottom floor, the engines and shared blocks, and the earlier items
 * it names; never the tooling ({@code bench}, {@code notebook}, {@code timeline}, {@code strategies}, {@code cli}).
 * Its JMH benchmark {@code Item61Benchmark} shares the package under {@code benchmarks/} and is tooling: it may use
 * {@code bench}, and nothing imports it.
 */
package workbench.item61;
