/**
 * Item 62 of Effective Python, 2nd ed. (77 in the 3rd): Mix Threads and Coroutines to Ease the Transition to asyncio.
 * Threads and an event loop interoperate, so a program can migrate one step at a time. The demo {@code Item62} runs
 * the book's examples in order; the other classes are its variants.
 *
 * <p>Floor: the items, one band. It may import the bottom floor, the engines and shared blocks, and the earlier items
 * it names; never the tooling ({@code bench}, {@code notebook}, {@code timeline}, {@code strategies}, {@code cli}).
 * Its JMH benchmark {@code Item62Benchmark} shares the package under {@code benchmarks/} and is tooling: it may use
 * {@code bench}, and nothing imports it.
 */
package workbench.item62;
