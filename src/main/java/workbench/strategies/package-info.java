/**
 * The floor above the items: what needs every Game of Life strategy of Items 56-60 at once. The strategies are
 * named in {@link workbench.life.LifeStrategy} (below the items) and implemented by the items that introduce them
 * ({@code ThreadPerCell} is Item 57's, opened by {@code Item57Examples.open}); {@link
 * workbench.strategies.LifeStrategies} opens any of them, here, above the items. Only the benchmarks and tests use
 * this package (no item and no shared package imports it). The CPU strategies of Items 53 and 64 need no item, so
 * they are an engine below the items ({@link workbench.parallel.Strategy}).
 */
package workbench.strategies;
