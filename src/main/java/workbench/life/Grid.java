package workbench.life;

import java.util.Arrays;

import workbench.annotations.NotThreadSafe;

/**
 * The Game of Life grid of Items 56-60: {@code height} rows of {@code width} cells, each {@link Life#ALIVE} or
 * {@link Life#EMPTY}. {@link #get} and {@link #set} wrap their coordinates, so the grid is a torus: row -1 is the
 * last row. {@link #toString} is the book's: each row's cells, then a newline after every row, the last included.
 *
 * <p>Not thread-safe: Item 56 uses it from one thread; Items 57-59 share {@link LockingGrid} instead.
 */
@NotThreadSafe
public class Grid {

    private final int height;
    private final int width;
    private final char[][] rows;

    /** An all-{@link Life#EMPTY} grid. */
    public Grid(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("a grid needs at least one cell, got " + height + "x" + width);
        }
        this.height = height;
        this.width = width;
        this.rows = new char[height][width];
        for (char[] row : rows) {
            Arrays.fill(row, Life.EMPTY);
        }
    }

    public final int height() {
        return height;
    }

    public final int width() {
        return width;
    }

    /** The state at ({@code y}, {@code x}), both wrapped around the torus. */
    public char get(int y, int x) {
        return rows[Math.floorMod(y, height)][Math.floorMod(x, width)];
    }

    /** Sets the state at ({@code y}, {@code x}), both wrapped around the torus. */
    public void set(int y, int x, char state) {
        if (state != Life.ALIVE && state != Life.EMPTY) {
            throw new IllegalArgumentException("a cell is '" + Life.ALIVE + "' or '" + Life.EMPTY + "', got '"
                    + state + "'");
        }
        rows[Math.floorMod(y, height)][Math.floorMod(x, width)] = state;
    }

    /** A new, empty grid of this grid's size and kind (a {@link LockingGrid} makes a {@link LockingGrid}). */
    public Grid emptyLike() {
        return new Grid(height, width);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(height * (width + 1));
        for (char[] row : rows) {
            text.append(row).append('\n');
        }
        return text.toString();
    }

    /** Two grids are equal when they have the same size and the same cells, whatever their kind. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Grid grid && grid.height == height && grid.width == width
                && grid.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
