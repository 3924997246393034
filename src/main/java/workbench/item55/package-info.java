/**
 * Item 55 of Effective Python, 2nd ed. (70 in the 3rd): Use Queue to Coordinate Work Between Threads. Blocking,
 * bounded queues give pipelines backpressure, completion and clean shutdown. The demo {@code Item55} runs the book's
 * examples in order; the other classes are its variants.
 *
 * <p>Floor: the items, one band. It may import the bottom floor, the engines and shared blocks, and the earlier items
 * it names; never the tooling ({@code bench}, {@code notebook}, {@code timeline}, {@code strategies}, {@code cli}).
 * Its JMH benchmark {@code Item55Benchmark} shares the package under {@code benchmarks/} and is tooling: it may use
 * {@code bench}, and nothing imports it.
 */
package workbench.item55;
