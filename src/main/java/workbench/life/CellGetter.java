package workbench.life;

/** Reads a cell: the book passes {@code grid.get} as a function, Java passes {@code grid::get}. */
@FunctionalInterface
public interface CellGetter {
    char get(int y, int x);
}
