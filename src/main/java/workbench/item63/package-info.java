/**
 * Item 63 of Effective Python, 2nd ed. (78 in the 3rd): Avoid Blocking the asyncio Event Loop to Maximize
 * Responsiveness. Blocking calls on an event loop stall every task; move them to a dedicated thread. The demo
 * {@code Item63} runs the book's examples in order; the other classes are its variants.
 *
 * <p>Floor: the items, one band. It may import the bottom floor, the engines and shared blocks, and the earlier items
 * it names; never the tooling ({@code bench}, {@code notebook}, {@code timeline}, {@code strategies}, {@code cli}). It
 * builds on Item 62 ({@code workbench.item62}), as its demo's header says. Its JMH benchmark {@code Item63Benchmark}
 * shares the package under {@code benchmarks/} and is tooling: it may use {@code bench}, and nothing imports it.
 */
package workbench.item63;
