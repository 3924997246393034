package workbench.life;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.strategies.LifeStrategies;
import workbench.testing.NoLeaks;

/**
 * Every strategy of Items 56-60 ({@link LifeStrategy}, the benchmarks' list) computes the same generations as the
 * sequential one, on seeded random grids of several sizes (non-square, 1-wide and 1-high included, where the torus
 * wraps onto the cell itself). The process pool's bands see the torus only through the border rows they are sent,
 * which the 1-high grid (one band bordered by its own row) and the uneven bands of 3 workers put to the test.
 */
class StrategiesPropertyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int[][] SIZES = {{5, 9}, {1, 1}, {1, 7}, {6, 1}, {3, 3}, {8, 13}, {17, 11}, {24, 24}};
    private static final int GENERATIONS = 4;
    private static final int WORKERS = 3;

    /** Every strategy, sequential first, with no I/O; pools of 3 (3 worker JVMs: uneven bands on 5 or 8 rows). */
    static List<Simulation> allStrategies() throws Exception {
        List<Simulation> strategies = new ArrayList<>();
        try {
            for (LifeStrategy strategy : LifeStrategy.values()) {
                strategies.add(LifeStrategies.open(strategy, new LifeStrategy.Setup(WORKERS, 0, TIMEOUT, List.of())));
            }
            return strategies;
        } catch (Exception | Error e) {
            for (Simulation opened : strategies) {
                opened.close();
            }
            throw e;
        }
    }

    @Test
    @Timeout(60)
    void everyStrategyComputesIdenticalGenerations() throws Throwable {
        NoLeaks.check(() -> {
            List<Simulation> strategies = allStrategies();
            try {
                SplittableRandom seeds = new SplittableRandom(1234);
                for (int[] size : SIZES) {
                    for (int trial = 0; trial < 2; trial++) {
                        long seed = seeds.nextLong();
                        double density = 0.2 + 0.4 * seeds.nextDouble();
                        Grid start = Life.random(size[0], size[1], density, seed);
                        List<Grid> expected = Generations.of(strategies.get(0), start, GENERATIONS);
                        for (Simulation strategy : strategies.subList(1, strategies.size())) {
                            assertEquals(expected, Generations.of(strategy, start, GENERATIONS),
                                    strategy.name() + " on " + size[0] + "x" + size[1] + ", seed " + seed + ", density "
                                            + density);
                        }
                    }
                }
            } finally {
                for (Simulation strategy : strategies) {
                    strategy.close();
                }
            }
        });
    }

    @Test
    @Timeout(30)
    void everyStrategyPrintsTheGliderBlock() throws Throwable {
        NoLeaks.check(() -> {
            for (Simulation strategy : allStrategies()) {
                try (strategy) {
                    assertEquals(GliderBlock.TEXT, Life.run(strategy, Life.glider(), Life.GENERATIONS).toString(),
                            strategy.name());
                }
            }
        });
    }
}
