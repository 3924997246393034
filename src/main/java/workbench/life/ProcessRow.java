package workbench.life;

import java.time.Duration;

import workbench.demo.Narrator;

/**
 * The multi-process row in the demos of Items 56 and 58: the book's glider generations on a {@link ProcessPoolRows}
 * of worker JVMs beside the item's own strategy, checked to be the identical grids, both timed warm.
 */
public final class ProcessRow {

    private ProcessRow() {
    }

    /**
     * Starts {@code workers} worker JVMs, runs the glider's {@link Life#GENERATIONS} generations on them and on
     * {@code theItems} (each once to warm up, then timed), and tells whether every generation was the same grid and
     * what each took. The worker JVMs are ended before it returns; {@code theItems} stays open for its owner.
     */
    public static void tell(Narrator out, int workers, Simulation theItems, String label, Duration timeout)
            throws Exception {
        out.beyond("the same " + Life.GENERATIONS + " generations on " + workers
                + " worker JVMs (ProcessPoolRows, a band of rows each)");
        var started = Narrator.time(() -> new ProcessPoolRows(workers, Rules.BOOK, timeout));
        try (ProcessPoolRows processes = started.value()) {
            String expected = Life.run(theItems, Life.glider(), Life.GENERATIONS).toString();          // warm-up
            String onWorkers = Life.run(processes, Life.glider(), Life.GENERATIONS).toString();        // warm-up
            double itemsSeconds = timeGlider(theItems);
            double processSeconds = timeGlider(processes);
            out.fact("process-row-identical", expected.equals(onWorkers));
            out.javaf("%.2f s to start them; the identical grids as %s: %b; they took %.4f s, %s %.4f s.",
                    started.seconds(), label, expected.equals(onWorkers), processSeconds, label, itemsSeconds);
            out.java("Each generation ships the grid out and back: worker JVMs pay off only for CPU-bound work on"
                    + " big grids (Item59Benchmark's crossover).");
        }
    }

    private static double timeGlider(Simulation simulation) throws Exception {
        return Narrator.time(() -> Life.run(simulation, Life.glider(), Life.GENERATIONS)).seconds();
    }
}
