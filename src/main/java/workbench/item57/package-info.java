/**
 * Item 57 of Effective Python, 2nd ed. (72 in the 3rd): Avoid Creating New Thread Instances for On-demand Fan-out. A
 * thread per unit of work costs memory and start-up, and its exceptions never reach join. The demo {@code Item57} runs
 * the book's examples in order; the other classes are its variants.
 *
 * <p>Floor: the items, one band. It may import the bottom floor, the engines and shared blocks, and the earlier items
 * it names; never the tooling ({@code bench}, {@code notebook}, {@code timeline}, {@code strategies}, {@code cli}).
 * Its JMH benchmark {@code Item57Benchmark} shares the package under {@code benchmarks/} and is tooling: it may use
 * {@code bench}, and nothing imports it.
 */
package workbench.item57;
