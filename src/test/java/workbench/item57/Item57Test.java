package workbench.item57;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.life.Grid;
import workbench.life.GliderBlock;
import workbench.life.Life;
import workbench.life.Rules;
import workbench.testing.DemoRun;
import workbench.testing.NoLeaks;

class Item57Test {

    @Test
    @Timeout(60)
    void demoPrintsTheGliderBlockAndTheCapturedThreadException() throws Throwable {
        DemoRun.Captured run = GliderBlock.runDemo(new Item57(), 1);
        assertEquals(List.of(225), run.facts("threads-created"), "45 cells x 5 generations");
        run.assertPrinted("Exception in thread \"Thread-226 (game_logic)\" java.io.UncheckedIOException:"
                + " java.io.IOException: Problem with I/O\n");
        assertEquals(List.of(true), run.facts("join-returned-normally"));
        assertEquals(List.of(3), run.facts("jvm-starts"));
    }

    @Test
    @Timeout(30)
    void aFailingCellThreadNeverReachesTheCallerAndItsCellStaysEmpty() throws Throwable {
        NoLeaks.check(() -> {
            Grid empty = new Grid(3, 3);
            empty.set(0, 0, Life.ALIVE);
            empty.set(0, 1, Life.ALIVE);
            empty.set(0, 2, Life.ALIVE);
            ThreadPerCell broken = new ThreadPerCell(Rules.gameLogicFails("Problem with I/O"), Duration.ofSeconds(20));
            Grid[] next = new Grid[1];
            String stderr = Item57.runWithStderrCaptured(() -> next[0] = broken.step(empty));
            assertEquals(new Grid(3, 3), next[0], "every cell's thread died: the caller got an all-EMPTY grid");
            assertEquals(9, stderr.split("Exception in thread \"Thread-", -1).length - 1, stderr);
        });
    }

    @Test
    @Timeout(60)
    void threadCostStartsAndReleasesEveryThread() throws Throwable {
        NoLeaks.check(() -> {
            for (ThreadCost.Kind kind : ThreadCost.Kind.values()) {
                ThreadCost.Cost cost = ThreadCost.measure(kind, 50, Duration.ofSeconds(20));
                assertEquals(50, cost.started(), kind.name());
                assertTrue(cost.broke().isEmpty());
            }
        });
    }
}
