/**
 * The floor above the items: what needs every Game of Life strategy of Items 56-60 at once. The strategies are the
 * items' own code ({@code ThreadPerCell} is Item 57's), so the one registry of them ({@link
 * workbench.strategies.LifeStrategy}) cannot live in {@code workbench.life}, which the items build on; it lives
 * here, above them, and only the benchmarks and tests use it (no item and no shared package imports this
 * package). The CPU strategies of Items 53 and 64 need no item, so they are an engine below the items
 * ({@link workbench.parallel.Strategy}), selected by name the same way.
 */
package workbench.strategies;
