package workbench.item56;

import java.time.Duration;
import java.util.List;

import workbench.Demo;
import workbench.demo.Narrator;
import workbench.life.BookChecks;
import workbench.life.ColumnPrinter;
import workbench.life.Grid;
import workbench.life.Life;
import workbench.life.ProcessPoolRows;
import workbench.life.ProcessRow;
import workbench.life.Rules;
import workbench.life.Simulation;

/**
 * Item 56 (3rd ed. 71): Know How to Recognize When Concurrency Is Necessary.
 *
 * <p><b>Book claim.</b> A single-threaded Game of Life is fine until each cell's step needs I/O; then it must fan
 * out (one unit of concurrency per cell) and fan in. Items 57-60 compare the ways; this item builds the model.
 *
 * <p><b>In Java.</b> The model lives once in {@code workbench.life} ({@link Grid} on a torus, {@link Life},
 * {@link ColumnPrinter}); every strategy of Items 56-60 is a {@link Simulation}, this item's {@link Sequential}.
 * {@link Rules#withIo} adds the I/O that the book only marks.
 *
 * <p><b>You should see</b> the glider, the book's checks passing, the five-generation block Items 57-60 print
 * identically, one generation with 1 ms of I/O per cell taking about 45 ms, and the same generations on 2 worker
 * JVMs ({@link ProcessPoolRows}), in ms instead of µs.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar run 56}, or this class's {@code main} from an IDE.
 */
public final class Item56 implements Demo {

    /** Beyond the book: the simulated I/O per cell in the last example. */
    static final Duration IO_PER_CELL = Duration.ofMillis(1);
    /** Beyond the book: the worker JVMs of the multi-process row (Item56Benchmark's {@code workers}). */
    static final int PROCESS_WORKERS = 2;
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    public static void main(String[] args) throws Exception {
        new Item56().run(Narrator.stdout());
    }

    @Override
    public void run(Narrator out) throws Exception {
        out.example("1-3", "a 5x9 grid on a torus with a glider");
        Grid grid = Life.glider();
        out.println(grid);

        out.example("4-6", "the book's checks of count_neighbors, game_logic and step_cell");
        List<List<Integer>> seen = BookChecks.countNeighbors();
        BookChecks.gameLogic();
        BookChecks.stepCell();
        out.java("count_neighbors(10, 5) = 2, querying N, NE, E, SE, S, SW, W, NW: " + seen);
        out.java("game_logic's ten cases and step_cell's three all hold.");

        out.example("7-8", "simulate five generations and print them side by side");
        ColumnPrinter columns = Life.run(new Sequential(), grid, Life.GENERATIONS);
        out.println(columns);

        out.example("9", "where blocking I/O would go (the book never runs it)");
        out.java("Rules.withIo waits " + IO_PER_CELL.toMillis() + " ms where the book's game_logic calls recv(100).");
        Sequential slow = new Sequential(Rules.withIo(IO_PER_CELL));
        var next = Narrator.time(() -> slow.step(grid));
        out.fact("io-same-cells", next.value().equals(new Sequential().step(grid)));
        out.javaf("One generation of %d cells with %d ms of I/O each: %.3f s, the waits add up (same cells: %b).",
                grid.height() * grid.width(), IO_PER_CELL.toMillis(), next.seconds(),
                next.value().equals(new Sequential().step(grid)));
        ProcessRow.tell(out, PROCESS_WORKERS, new Sequential(), "sequential", TIMEOUT);

        out.seeTimeline(56);
    }
}
