package workbench.life;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.item56.Item56Benchmark;
import workbench.item56.Sequential;
import workbench.item57.Item57Benchmark;
import workbench.item58.Item58Benchmark;
import workbench.item59.Item59Benchmark;
import workbench.item60.Item60Benchmark;
import workbench.strategies.LifeBench;
import workbench.testing.JmhParams;
import workbench.testing.NoLeaks;

/**
 * The Game of Life benchmarks of Items 56-60 build their strategies through {@link LifeBench}: Items 56-59's
 * generations have a sequential baseline in their own rows (Item 60's are measured against Item 56's, which the
 * report finds in item56.json) and a multi-process row, and that row, set up as
 * the benchmark sets it up, steps the same grids as sequential and leaves no JVM behind. Items 56 and 58 run with
 * their benchmark's worker count (2, 5); Item 57's 10 JVMs would cost this test 10 starts for nothing new, so it
 * runs on 3 (bands of uneven size; {@link StrategiesPropertyTest} covers band counts more widely).
 */
class LifeBenchTest {

    private static final int GENERATIONS = 3;

    @Test
    void everyLifeBenchmarkHasItsBaselineAndItems56To59TheirProcessRow() {
        List<Class<?>> withProcesses = List.of(Item56Benchmark.LifeState.class, Item57Benchmark.Generation.class,
                Item58Benchmark.LifeState.class, Item59Benchmark.Pools.class, Item59Benchmark.Sizes.class);
        for (Class<?> state : withProcesses) {
            assertTrue(JmhParams.of(state, "strategy").containsAll(List.of("sequential", "processPool")),
                    state.getName());
        }
        assertThrows(NoSuchFieldException.class, () -> Item60Benchmark.LifeState.class.getField("workers"),
                "Item 60's tasks per cell have no worker count: Item 56's sequential row is their baseline");
        assertEquals(List.of("2"), JmhParams.of(Item56Benchmark.LifeState.class, "workers"),
                "the CI machine's cores");
        assertEquals(List.of("10"), JmhParams.of(Item57Benchmark.Generation.class, "workers"), "Item 59's pool size");
        assertEquals(List.of("5"), JmhParams.of(Item58Benchmark.LifeState.class, "workers"),
                "the book's queue workers");
    }

    @Test
    void everyLifeBenchmarkRowNamesARegisteredStrategyAndEveryStrategyIsMeasured() {
        Set<LifeStrategy> measured = EnumSet.noneOf(LifeStrategy.class);
        for (Class<?> state : List.of(Item56Benchmark.LifeState.class, Item57Benchmark.Generation.class,
                Item58Benchmark.LifeState.class, Item59Benchmark.Pools.class, Item59Benchmark.Sizes.class,
                Item60Benchmark.LifeState.class)) {
            for (String name : JmhParams.of(state, "strategy")) {
                measured.add(LifeStrategy.named(name));
            }
        }
        assertEquals(EnumSet.allOf(LifeStrategy.class), measured);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> LifeStrategy.named("threadsPerCell"));
        assertTrue(unknown.getMessage().contains("threadPerCell"), "the message names the known strategies");
    }

    @Test
    @Timeout(90)
    void theProcessRowsOfItems56To58StepTheSameGridsAsSequential() throws Throwable {
        NoLeaks.check(() -> {
            var item56 = new Item56Benchmark.LifeState();
            item56.workers = 2;
            item56.strategy = "processPool";
            item56.size = "5x9";
            var item57 = new Item57Benchmark.Generation();
            item57.workers = 3;             // not its 10: the same code path, fewer JVM starts, uneven bands
            item57.strategy = "processPool";
            item57.size = "5x9";
            var item58 = new Item58Benchmark.LifeState();
            item58.workers = 5;
            item58.strategy = "processPool";
            item58.size = "5x9";
            List<LifeBench.Generation> states = List.of(item56, item57, item58);
            try {
                item56.setUp();
                item57.setUp();
                item58.setUp();
                for (LifeBench.Generation state : states) {
                    assertEquals(new Sequential().step(LifeBench.grid("5x9")), state.step(), "one op");
                    for (Grid start : List.of(LifeBench.grid("5x9"), LifeBench.grid("11x7"))) {
                        assertEquals(Generations.of(new Sequential(), start, GENERATIONS),
                                Generations.of(state.simulation(), start, GENERATIONS),
                                state.simulation().name() + " on " + start.height() + "x" + start.width());
                    }
                }
            } finally {
                for (LifeBench.Generation state : states) {
                    state.tearDown();
                }
            }
        });
    }
}
