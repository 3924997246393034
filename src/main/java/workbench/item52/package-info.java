/**
 * Item 52 of Effective Python, 2nd ed. (67 in the 3rd): Use subprocess to Manage Child Processes. Child processes run
 * in parallel with the parent; manage them with timeouts and pipes. The demo {@code Item52} runs the book's examples
 * in order; the other classes are its variants.
 *
 * <p>Floor: the items, one band. It may import the bottom floor, the engines and shared blocks, and the earlier items
 * it names; never the tooling ({@code bench}, {@code notebook}, {@code timeline}, {@code strategies}, {@code cli}).
 * Its JMH benchmark {@code Item52Benchmark} shares the package under {@code benchmarks/} and is tooling: it may use
 * {@code bench}, and nothing imports it.
 */
package workbench.item52;
