/**
 * Item 54 of Effective Python, 2nd ed. (69 in the 3rd): Use Lock to Prevent Data Races in Threads. A read-modify-write
 * shared by threads loses updates unless a lock guards it. The demo {@code Item54} runs the book's examples in order;
 * the other classes are its variants.
 *
 * <p>Floor: the items, one band. It may import the bottom floor, the engines and shared blocks, and the earlier items
 * it names; never the tooling ({@code bench}, {@code notebook}, {@code timeline}, {@code strategies}, {@code cli}).
 * Its JMH benchmark {@code Item54Benchmark} shares the package under {@code benchmarks/} and is tooling: it may use
 * {@code bench}, and nothing imports it.
 */
package workbench.item54;
