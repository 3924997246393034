/**
 * Item 56 of Effective Python, 2nd ed. (71 in the 3rd): Know How to Recognize When Concurrency Is Necessary. When each
 * unit of work needs I/O, a program needs fan-out and fan-in. The demo {@code Item56} runs the book's examples in
 * order; the other classes are its variants.
 *
 * <p>Floor: the items, one band. It may import the bottom floor, the engines and shared blocks, and the earlier items
 * it names; never the tooling ({@code bench}, {@code notebook}, {@code timeline}, {@code strategies}, {@code cli}).
 * Its JMH benchmark {@code Item56Benchmark} shares the package under {@code benchmarks/} and is tooling: it may use
 * {@code bench}, and nothing imports it.
 */
package workbench.item56;
