package workbench.life;

/** Writes a cell: the book passes {@code next_grid.set} as a function, Java passes {@code nextGrid::set}. */
@FunctionalInterface
public interface CellSetter {
    void set(int y, int x, char state);
}
