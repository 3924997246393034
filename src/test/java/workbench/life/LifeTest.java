package workbench.life;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.item56.Sequential;

@Timeout(10)
class LifeTest {

    @Test
    void theBooksCountNeighborsCheckQueriesTheEightNeighboursInOrder() {
        assertEquals(List.of(List.of(9, 5), List.of(9, 6), List.of(10, 6), List.of(11, 6), List.of(11, 5),
                List.of(11, 4), List.of(10, 4), List.of(9, 4)), BookChecks.countNeighbors());
    }

    @Test
    void theBooksGameLogicCases() {
        BookChecks.gameLogic();
        assertEquals(Life.EMPTY, Life.gameLogic(Life.ALIVE, 1));
        assertEquals(Life.ALIVE, Life.gameLogic(Life.ALIVE, 2));
        assertEquals(Life.ALIVE, Life.gameLogic(Life.EMPTY, 3));
        assertEquals(Life.EMPTY, Life.gameLogic(Life.ALIVE, 4));
    }

    @Test
    void theBooksStepCellScenarios() {
        BookChecks.stepCell();
    }

    @Test
    void theGridIsATorus() {
        Grid grid = new Grid(5, 9);
        grid.set(-1, -1, Life.ALIVE);
        assertEquals(Life.ALIVE, grid.get(4, 8));
        assertEquals(Life.ALIVE, grid.get(9, 17));
        assertEquals(Life.EMPTY, grid.get(0, 0));
        Grid corner = new Grid(5, 9);
        corner.set(4, 8, Life.ALIVE);
        corner.set(0, 8, Life.ALIVE);
        corner.set(4, 0, Life.ALIVE);
        assertEquals(3, Life.countNeighbors(0, 0, corner::get), "neighbours across both edges");
    }

    @Test
    void gridTextEndsEveryRowWithANewline() {
        assertEquals("---*-----\n----*----\n--***----\n---------\n---------\n", Life.glider().toString());
        assertEquals(Life.glider(), LockingGrid.copyOf(Life.glider()));
        assertThrows(IllegalArgumentException.class, () -> new Grid(1, 1).set(0, 0, 'x'));
    }

    @Test
    void columnPrinterPadsTheHeaderByHalfTheWidth() {
        ColumnPrinter columns = new ColumnPrinter();
        columns.append("abc\ndef\n");
        columns.append("ghi\njkl\n");
        assertEquals(" 0  |  1 \nabc | ghi\ndef | jkl", columns.toString());
    }

    @Test
    void theGliderBlock() throws Exception {
        Simulation sequential = new Sequential();
        assertEquals(GliderBlock.TEXT, Life.run(sequential, Life.glider(), Life.GENERATIONS).toString());
    }

    @Test
    void rulesWithIoComputeTheSameAndFailingRulesThrowTheBooksError() {
        Rules slow = Rules.withIo(Duration.ofMillis(1), Duration.ofMillis(1));
        assertEquals(Life.gameLogic(Life.ALIVE, 2), slow.gameLogic(Life.ALIVE, 2));
        UncheckedIOException error = assertThrows(UncheckedIOException.class,
                () -> Rules.gameLogicFails("Problem with I/O").gameLogic(Life.ALIVE, 3));
        assertEquals("Problem with I/O", error.getCause().getMessage());
        SwitchableRules rules = new SwitchableRules(Rules.BOOK);
        assertEquals(Life.ALIVE, rules.gameLogic(Life.EMPTY, 3));
        rules.set(Rules.gameLogicFails("broken"));
        assertThrows(UncheckedIOException.class, () -> rules.gameLogic(Life.EMPTY, 3));
    }

    @Test
    void randomGridsDependOnlyOnTheSeed() {
        assertEquals(Life.random(20, 30, 0.3, 7), Life.random(20, 30, 0.3, 7));
        assertNotEquals(Life.random(20, 30, 0.3, 7), Life.random(20, 30, 0.3, 8));
    }
}
