package workbench.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.item53.Item53;
import workbench.item64.Item64;
import workbench.testing.NoLeaks;

/** Every strategy computes exactly what sequential code computes, and leaves nothing running. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StrategyTest {

    private static final List<Integer> SMALL_NUMBERS = List.of(360, 97, 1000, 1, 2310, 4096, 7, 999);
    private static final List<Item64.Pair> SMALL_PAIRS = List.of(new Item64.Pair(1071, 462),
            new Item64.Pair(270, 192), new Item64.Pair(17, 5), new Item64.Pair(100000, 75000),
            new Item64.Pair(1, 1), new Item64.Pair(48, 180));

    @Test
    void everyStrategyComputesWhatSequentialComputes() throws Throwable {
        List<List<Integer>> factors = Strategy.SEQUENTIAL.map(Item53::factorize, SMALL_NUMBERS, 1);
        List<Integer> gcds = Strategy.SEQUENTIAL.map(Item64::gcd, SMALL_PAIRS, 1);
        assertEquals(List.of(21, 6, 1, 25000, 1, 12), gcds);
        for (Strategy strategy : Strategy.values()) {
            for (int workers : strategy == Strategy.PROCESSES ? new int[] {2} : new int[] {1, 3}) {
                NoLeaks.check(() -> {
                    try (Strategy.Mapper mapper = strategy.start(workers)) {
                        assertEquals(factors, mapper.map(Item53::factorize, SMALL_NUMBERS), strategy + " x" + workers);
                        assertEquals(gcds, mapper.map(Item64::gcd, SMALL_PAIRS), strategy + " x" + workers);
                    }
                });
            }
        }
    }

    @Test
    void gilThreadsReallyCheckForSwitches() throws Exception {
        // Under the GIL model a task must see the checkpoint; elsewhere the checkpoint is a no-op.
        List<Integer> seen = Strategy.GIL_THREADS.map((Integer n, Checkpoint c) -> c == Checkpoint.NONE ? 0 : 1,
                List.of(1, 2), 2);
        assertEquals(List.of(1, 1), seen);
        assertEquals(List.of(0, 0), Strategy.THREADS.map((Integer n, Checkpoint c) -> c == Checkpoint.NONE ? 0 : 1,
                List.of(1, 2), 2));
    }

    @Test
    void aBenchmarkParamNamesItsStrategy() {
        for (Strategy strategy : Strategy.values()) {
            assertEquals(strategy, Strategy.named(strategy.param()));
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Strategy.named("threads"));
        assertTrue(unknown.getMessage().contains("THREADS"), "the message names the known strategies");
    }
}
