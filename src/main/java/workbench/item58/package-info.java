/**
 * Item 58 of Effective Python, 2nd ed. (73 in the 3rd): Understand How Using Queue for Concurrency Requires
 * Refactoring. A fixed pool of queue-fed workers scales, at the price of a much more complex program. The demo
 * {@code Item58} runs the book's examples in order; the other classes are its variants.
 *
 * <p>Floor: the items, one band. It may import the bottom floor, the engines and shared blocks, and the earlier items
 * it names; never the tooling ({@code bench}, {@code notebook}, {@code timeline}, {@code strategies}, {@code cli}).
 * Its JMH benchmark {@code Item58Benchmark} shares the package under {@code benchmarks/} and is tooling: it may use
 * {@code bench}, and nothing imports it.
 */
package workbench.item58;
