package workbench.item56;

import java.time.Duration;
import java.util.List;

import workbench.Demo;
import workbench.demo.Narrator;
import workbench.life.BookChecks;
import workbench.life.ColumnPrinter;
import workbench.life.Grid;
import workbench.life.Life;
import workbench.life.ProcessRow;
import workbench.life.Rules;

/**
 * Item 56 (3rd ed. 71): Know How to Recognize When Concurrency Is Necessary.
 *
 * <p><b>Book claim.</b> Programs grow: a single-threaded Game of Life is fine until each cell's step needs I/O,
 * and then it must fan out (one unit of concurrency per cell) and fan in (wait for all before the next
 * generation). Items 57-60 compare the ways to do that; this item builds the shared model and the sequential
 * baseline.
 *
 * <p><b>In Java.</b> The model lives once in {@code workbench.life} ({@link Grid} on a torus,
 * {@link Life#countNeighbors}, {@link Life#gameLogic}, {@link Life#stepCell}, {@link ColumnPrinter}), and every
 * strategy of Items 56-59 implements {@link workbench.life.Simulation}; this item's is {@link Sequential}. The book
 * only marks where blocking I/O would go (a never-run {@code my_socket.recv(100)}); beyond the book,
 * {@link Rules#withIo} adds a simulated latency per cell so the strategies' differences become measurable.
 *
 * <p><b>You should see</b> the glider grid, the book's checks passing, the five-generation block that Items 57,
 * 58 and 59 print identically, and one generation with 1 ms of I/O per cell taking about 45 ms: 45 cells, one
 * after another. Beyond the book, the same five generations on 2 worker JVMs ({@link workbench.life.ProcessPoolRows},
 * the multi-process row of Items 56-59): the identical grids, in milliseconds where sequentially they take
 * microseconds.
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
        out.java("game_logic's ten cases and step_cell's stay alive / stay dead / regenerate all hold.");

        out.example("7-8", "simulate five generations and print them side by side");
        ColumnPrinter columns = Life.run(new Sequential(), grid, Life.GENERATIONS);
        out.println(columns);

        out.example("9", "where blocking I/O would go (the book never runs it)");
        out.java("The book's game_logic would call my_socket.recv(100); here Rules.withIo waits a simulated "
                + IO_PER_CELL.toMillis() + " ms per cell instead.");
        Sequential slow = new Sequential(Rules.withIo(IO_PER_CELL));
        long start = System.nanoTime();
        Grid next = slow.step(grid);
        double seconds = Narrator.seconds(start);
        out.javaf("One generation of %d cells with %d ms of I/O each took %.3f s sequentially: the waits add up"
                + " (%s as without I/O: %b).", grid.height() * grid.width(), IO_PER_CELL.toMillis(), seconds,
                "same cells", next.equals(new Sequential().step(grid)));
        out.java("That is the fan-out / fan-in problem Items 57 (a thread per cell), 58 (queues), 59 (a thread"
                + " pool) and 60 (coroutines) solve.");
        ProcessRow.tell(out, PROCESS_WORKERS, new Sequential(), "sequential", TIMEOUT);
    }
}
