/**
 * Item 60 of Effective Python, 2nd ed. (75 in the 3rd): Achieve Highly Concurrent I/O with Coroutines. Coroutines
 * (Java: virtual threads) make huge fan-out of blocking I/O cheap. The demo {@code Item60} runs the book's examples in
 * order; the other classes are its variants.
 *
 * <p>Floor: the items, one band. It may import the bottom floor, the engines and shared blocks, and the earlier items
 * it names; never the tooling ({@code bench}, {@code notebook}, {@code timeline}, {@code strategies}, {@code cli}).
 * Its JMH benchmark {@code Item60Benchmark} shares the package under {@code benchmarks/} and is tooling: it may use
 * {@code bench}, and nothing imports it.
 */
package workbench.item60;
