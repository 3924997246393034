package workbench.item56;

import workbench.life.Grid;
import workbench.life.Life;
import workbench.life.Rules;
import workbench.life.Simulation;

/**
 * Item 56's {@code simulate}: one thread steps every cell in row-major order into a fresh {@link Grid}. With I/O
 * in the game logic, a generation takes cells x latency: the reason Items 57-60 look for concurrency.
 */
public final class Sequential implements Simulation {

    private final Rules rules;

    /** The book's pure game. */
    public Sequential() {
        this(Rules.BOOK);
    }

    public Sequential(Rules rules) {
        this.rules = rules;
    }

    @Override
    public Grid step(Grid grid) {
        Grid nextGrid = new Grid(grid.height(), grid.width());
        for (int y = 0; y < grid.height(); y++) {
            for (int x = 0; x < grid.width(); x++) {
                Life.stepCell(y, x, grid::get, nextGrid::set, rules);
            }
        }
        return nextGrid;
    }

    @Override
    public String name() {
        return "sequential";
    }
}
