package workbench.item58;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.item56.Sequential;
import workbench.life.GliderBlock;
import workbench.life.Grid;
import workbench.life.Life;
import workbench.life.Rules;
import workbench.life.SimulationError;
import workbench.life.SwitchableRules;
import workbench.testing.DemoRun;
import workbench.testing.NoLeaks;

class Item58Test {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    @Timeout(30)
    void demoPrintsTheGliderBlockTwiceTheErrataBlockAndBothErrors() throws Throwable {
        DemoRun.Captured run = GliderBlock.runDemo(new Item58(), 2);
        String output = run.text();
        assertTrue(output.contains("\n----*---- | --------- | --*-*---- | --------- | ----*----\n"),
                "errata #70: generations 1 and 3 dead without the drain\n" + output);
        run.assertPrinted("ERROR:root:Expected\nworkbench.life.SimulationError: (0, 0)\nCaused by:"
                + " java.io.UncheckedIOException: java.io.IOException: Problem with I/O in game_logic\n");
        assertEquals(1, output.split("ERROR:root:Expected", -1).length - 1, "Example 4 logs; Example 11 is silent");
        SimulationError ex11 = assertInstanceOf(SimulationError.class, run.facts("example-11-error").get(0));
        assertEquals("Problem with I/O in count_neighbors", ex11.getCause().getCause().getMessage());
        assertEquals(List.of(0), run.facts("sentinels-left"), "exactly one sentinel per worker, 5 + 5");
        assertEquals(List.of(true), run.facts("process-row-identical"), "the worker JVMs' generations");
    }

    @Test
    @Timeout(30)
    void simulationErrorCarriesTheCellAndTheCauseAndTheNextGenerationIsWhole() throws Throwable {
        NoLeaks.check(() -> {
            SwitchableRules rules = new SwitchableRules(Rules.gameLogicFails("Problem with I/O in game_logic"));
            try (QueueWorkers workers = new QueueWorkers(5, rules, TIMEOUT)) {
                Grid single = new Grid(3, 4);
                SimulationError error = assertThrows(SimulationError.class, () -> workers.step(single));
                assertTrue(error.y() >= 0 && error.y() < 3 && error.x() >= 0 && error.x() < 4);
                assertEquals("(" + error.y() + ", " + error.x() + ")", error.getMessage());
                UncheckedIOException cause = assertInstanceOf(UncheckedIOException.class, error.getCause());
                assertEquals("Problem with I/O in game_logic", cause.getCause().getMessage());
                rules.set(Rules.BOOK);
                Grid glider = Life.glider();
                for (int i = 0; i < 4; i++) {       // no leftover sentinel: every generation complete (errata #70)
                    Grid expected = new Sequential().step(glider);
                    glider = workers.step(glider);
                    assertEquals(expected, glider, "generation " + (i + 1));
                }
            }
        });
    }

    @Test
    @Timeout(30)
    void thePhasedPipelineCarriesACountFailureAndStopsWithOneSentinelPerWorker() throws Throwable {
        NoLeaks.check(() -> {
            SwitchableRules rules =
                    new SwitchableRules(Rules.countNeighborsFails("Problem with I/O in count_neighbors"));
            PhasedQueueWorkers phased = new PhasedQueueWorkers(5, 5, rules, TIMEOUT);
            try {
                SimulationError error = assertThrows(SimulationError.class, () -> phased.step(Life.glider()));
                assertInstanceOf(IOException.class, error.getCause().getCause());
                assertEquals("Problem with I/O in count_neighbors", error.getCause().getCause().getMessage());
                rules.set(Rules.BOOK);
                assertEquals(new Sequential().step(Life.glider()), phased.step(Life.glider()));
            } finally {
                phased.close();
            }
            assertEquals(0, phased.leftInWorkerQueues(), "exactly one sentinel per worker, 5 + 5");
        });
    }
}
