package workbench.item60;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.item56.Sequential;
import workbench.life.Generations;
import workbench.life.GliderBlock;
import workbench.life.Grid;
import workbench.life.Life;
import workbench.life.Rules;
import workbench.life.Simulation;
import workbench.testing.NoLeaks;

/**
 * The three coroutine styles against Item 56's sequential strategy: the glider block, identical generations on
 * seeded random grids (the life package's property-test approach), Example 6's awaited count_neighbors, and
 * exceptions reaching the caller with their own type and message.
 */
class CoroutineStrategiesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int[][] SIZES = {{5, 9}, {1, 1}, {1, 7}, {6, 1}, {3, 3}, {8, 13}, {17, 11}, {24, 24}};
    private static final int GENERATIONS = 4;

    /** Every style, both step_cell versions for the async ones, over {@code rules} without I/O. */
    static List<Simulation> allStyles(Rules rules) throws IOException {
        List<Simulation> styles = new ArrayList<>();
        styles.add(new VirtualThreadPerCell(rules, TIMEOUT));
        for (AsyncLife.StepCell stepCell
                : List.of(AsyncLife.StepCell.AWAIT_GAME_LOGIC, AsyncLife.StepCell.AWAIT_BOTH)) {
            styles.add(new FuturePerCell(rules, stepCell, TIMEOUT));
            styles.add(new EventLoopCells(rules, Duration.ZERO, Duration.ZERO, stepCell, TIMEOUT));
        }
        return styles;
    }

    @Test
    @Timeout(30)
    void everyStylePrintsTheGliderBlock() throws Throwable {
        NoLeaks.check(() -> {
            for (Simulation style : allStyles(Rules.BOOK)) {
                try (style) {
                    assertEquals(GliderBlock.TEXT, Life.run(style, Life.glider(), Life.GENERATIONS).toString(),
                            style.name());
                }
            }
        });
    }

    @Test
    @Timeout(60)
    void everyStyleComputesTheSequentialGenerationsOnRandomGrids() throws Throwable {
        NoLeaks.check(() -> {
            List<Simulation> styles = allStyles(Rules.BOOK);
            try {
                SplittableRandom seeds = new SplittableRandom(6075);
                for (int[] size : SIZES) {
                    for (int trial = 0; trial < 2; trial++) {
                        long seed = seeds.nextLong();
                        double density = 0.2 + 0.4 * seeds.nextDouble();
                        Grid start = Life.random(size[0], size[1], density, seed);
                        List<Grid> expected = Generations.of(new Sequential(), start, GENERATIONS);
                        for (Simulation style : styles) {
                            assertEquals(expected, Generations.of(style, start, GENERATIONS), style.name() + " on "
                                    + size[0] + "x" + size[1] + ", seed " + seed + ", density " + density);
                        }
                    }
                }
            } finally {
                for (Simulation style : styles) {
                    style.close();
                }
            }
        });
    }

    @Test
    @Timeout(30)
    void awaitingCountNeighborsWithIoComputesTheSameGenerations() throws Throwable {
        Duration io = Duration.ofMillis(1);
        NoLeaks.check(() -> {
            Grid start = Life.random(12, 10, 0.4, 56);
            List<Grid> expected = Generations.of(new Sequential(), start, GENERATIONS);
            List<Simulation> styles = List.of(
                    new VirtualThreadPerCell(Rules.withIo(io, io), TIMEOUT),
                    new FuturePerCell(Rules.withIo(io, io), AsyncLife.StepCell.AWAIT_BOTH, TIMEOUT),
                    new EventLoopCells(Rules.BOOK, io, io, AsyncLife.StepCell.AWAIT_BOTH, TIMEOUT));
            for (Simulation style : styles) {
                try (style) {
                    assertEquals(expected, Generations.of(style, start, GENERATIONS), style.name());
                }
            }
        });
    }

    @Test
    @Timeout(30)
    void aFailingGameLogicReachesTheCallerWithItsTypeAndMessage() throws Throwable {
        NoLeaks.check(() -> {
            for (Simulation style : allStyles(Rules.gameLogicFails("Problem with I/O"))) {
                try (style) {
                    UncheckedIOException error = assertThrows(UncheckedIOException.class,
                            () -> style.step(Life.glider()), style.name());
                    assertInstanceOf(IOException.class, error.getCause());
                    assertEquals("Problem with I/O", error.getCause().getMessage(), style.name());
                }
            }
        });
    }

    @Test
    @Timeout(30)
    void aFailingCountNeighborsFailsOnlyWhereItIsCalled() throws Throwable {
        NoLeaks.check(() -> {
            Rules broken = Rules.countNeighborsFails("Problem with I/O in count_neighbors");
            for (Simulation style : List.of(new VirtualThreadPerCell(broken, TIMEOUT),
                    new FuturePerCell(broken, AsyncLife.StepCell.AWAIT_BOTH, TIMEOUT),
                    new EventLoopCells(broken, Duration.ZERO, Duration.ZERO, AsyncLife.StepCell.AWAIT_BOTH, TIMEOUT))) {
                try (style) {
                    UncheckedIOException error = assertThrows(UncheckedIOException.class,
                            () -> style.step(Life.glider()), style.name());
                    assertEquals("Problem with I/O in count_neighbors", error.getCause().getMessage());
                }
            }
            // Example 2's step_cell calls the book's plain count_neighbors, not the rules' one.
            for (Simulation style : List.of(new FuturePerCell(broken, AsyncLife.StepCell.AWAIT_GAME_LOGIC, TIMEOUT),
                    new EventLoopCells(broken, Duration.ZERO, Duration.ZERO, AsyncLife.StepCell.AWAIT_GAME_LOGIC,
                            TIMEOUT))) {
                try (style) {
                    assertEquals(new Sequential().step(Life.glider()), style.step(Life.glider()), style.name());
                }
            }
        });
    }

    @Test
    @Timeout(10)
    void gatherFailsWithTheFirstFailureInOrderAndAwaitUnwrapsIt() throws Exception {
        CompletableFuture<String> late = new CompletableFuture<>();
        List<CompletableFuture<?>> tasks = List.of(CompletableFuture.completedFuture("ok"),
                CompletableFuture.failedFuture(new IllegalArgumentException("first")), late,
                CompletableFuture.failedFuture(new IllegalStateException("second")));
        CompletableFuture<Void> gathered = AsyncLife.gather(tasks);
        late.complete("done");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> AsyncLife.await(gathered, TIMEOUT));
        assertEquals("first", error.getMessage());

        IllegalStateException checked = assertThrows(IllegalStateException.class, () -> AsyncLife.await(
                CompletableFuture.failedFuture(new IOException("checked")), TIMEOUT));
        assertInstanceOf(IOException.class, checked.getCause());

        CompletableFuture<Void> never = new CompletableFuture<>();
        assertThrows(TimeoutException.class, () -> AsyncLife.await(never, Duration.ofMillis(10)));
        assertTrue(never.isCancelled(), "await cancels what it gave up on");
    }

    @Test
    @Timeout(10)
    void closingTheEventLoopStrategyEndsItsThread() throws Exception {
        EventLoopCells style = new EventLoopCells(AsyncLife.StepCell.AWAIT_GAME_LOGIC, TIMEOUT);
        style.step(Life.glider());
        style.close();
        assertTrue(style.loop().isTerminated());
        style.close();                                                  // twice is fine
    }
}
