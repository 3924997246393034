package workbench.life;

import java.util.SplittableRandom;
import java.util.concurrent.TimeoutException;

import workbench.recording.WorkUnitEvent;

/**
 * The Game of Life of Items 56-60, the book's functions ported one for one: {@link #countNeighbors},
 * {@link #gameLogic}, {@link #stepCell}, plus the glider the book starts from and the book's five-generation driver
 * ({@link #run}). Every strategy ({@link Simulation}) is built from these, so they all compute the same generations.
 */
public final class Life {

    public static final char ALIVE = '*';
    public static final char EMPTY = '-';
    /** The book's driver prints generations 0-4 (and steps five times). */
    public static final int GENERATIONS = 5;

    private Life() {
    }

    /**
     * How many of the 8 neighbours of ({@code y}, {@code x}) are alive, queried in the book's order: N, NE, E, SE,
     * S, SW, W, NW. {@code get} does any wrapping.
     */
    public static int countNeighbors(int y, int x, CellGetter get) {
        char northern = get.get(y - 1, x + 0);
        char northEast = get.get(y - 1, x + 1);
        char east = get.get(y + 0, x + 1);
        char southEast = get.get(y + 1, x + 1);
        char southern = get.get(y + 1, x + 0);
        char southWest = get.get(y + 1, x - 1);
        char west = get.get(y + 0, x - 1);
        char northWest = get.get(y - 1, x - 1);
        int count = 0;
        for (char state : new char[] {northern, northEast, east, southEast, southern, southWest, west, northWest}) {
            if (state == ALIVE) {
                count++;
            }
        }
        return count;
    }

    /** The rules: a live cell with fewer than 2 or more than 3 live neighbours dies; a dead one with 3 lives. */
    public static char gameLogic(char state, int neighbors) {
        if (state == ALIVE) {
            if (neighbors < 2) {
                return EMPTY;      // die: too few
            } else if (neighbors > 3) {
                return EMPTY;      // die: too many
            }
        } else if (neighbors == 3) {
            return ALIVE;          // regenerate
        }
        return state;
    }

    /** One cell's step with the book's pure functions. */
    public static void stepCell(int y, int x, CellGetter get, CellSetter set) {
        stepCell(y, x, get, set, Rules.BOOK);
    }

    /** One cell's step: read its state, count its neighbours, apply the game logic, write the next state. */
    public static void stepCell(int y, int x, CellGetter get, CellSetter set, Rules rules) {
        WorkUnitEvent unit = new WorkUnitEvent(); // a timeline draws each cell's step as a unit of work
        unit.begin();
        char state = get.get(y, x);
        int neighbors = rules.countNeighbors(y, x, get);
        char nextState = rules.gameLogic(state, neighbors);
        set.set(y, x, nextState);
        unit.end(CELL, cellLabel(y, x));
    }

    /** The {@link WorkUnitEvent#kind} of a cell's step. */
    public static final String CELL = "cell";

    /** A cell's name in a timeline: {@code y,x}. */
    public static String cellLabel(int y, int x) {
        return y + "," + x;
    }

    /** The book's starting grid: a 5x9 grid with a glider at (0,3), (1,4), (2,2), (2,3), (2,4). */
    public static Grid glider() {
        return glider(new Grid(5, 9));
    }

    /** Draws the book's glider on {@code grid} (at least 3x5) and returns it. */
    public static <G extends Grid> G glider(G grid) {
        grid.set(0, 3, ALIVE);
        grid.set(1, 4, ALIVE);
        grid.set(2, 2, ALIVE);
        grid.set(2, 3, ALIVE);
        grid.set(2, 4, ALIVE);
        return grid;
    }

    /** A {@code height} x {@code width} grid with about {@code density} of its cells alive, the same for a seed. */
    public static Grid random(int height, int width, double density, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Grid grid = new Grid(height, width);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (random.nextDouble() < density) {
                    grid.set(y, x, ALIVE);
                }
            }
        }
        return grid;
    }

    /**
     * The book's driver: {@code generations} times, print the grid into a column, then step it. Returns the
     * columns; {@code System.out.println(columns)} prints the block every Game of Life item prints.
     */
    public static ColumnPrinter run(Simulation simulation, Grid grid, int generations)
            throws SimulationError, InterruptedException, TimeoutException {
        ColumnPrinter columns = new ColumnPrinter();
        for (int i = 0; i < generations; i++) {
            columns.append(grid.toString());
            grid = simulation.step(grid);
        }
        return columns;
    }
}
