/**
 * The Game of Life of Items 56-60: the grid, the rules with simulated I/O, one generation's step, and the strategies
 * that several items share (sequential cells, bands of rows on a process pool).
 *
 * <p>Floor: an engine below the items; it may import the bottom floor and the other engines and shared blocks
 * ({@code procpool}, {@code threads}, {@code futures}, {@code demo}), never an item or the tooling: an item's own
 * strategy lives in the item.
 */
package workbench.life;
