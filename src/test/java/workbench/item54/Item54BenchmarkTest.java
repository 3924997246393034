package workbench.item54;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import workbench.bench.BenchRunner;
import workbench.testing.NoLeaks;

/** The benchmark is listed for JMH, and one op of each strategy counts what it should (its team included). */
class Item54BenchmarkTest {

    @Test
    void benchmarkIsInJmhsBenchmarkList() throws Exception {
        assertTrue(BenchRunner.listedBenchmarkClasses().contains(Item54Benchmark.class.getName()),
                "Item54Benchmark is not in META-INF/BenchmarkList: " + BenchRunner.listedBenchmarkClasses());
    }

    @ParameterizedTest
    @EnumSource(Item54Benchmark.Strategy.class)
    @Timeout(60)
    void oneOpCountsEveryIncrementOrLosesSomeWhereUnsafe(Item54Benchmark.Strategy strategy) throws Throwable {
        NoLeaks.check(() -> {
            Item54Benchmark bench = new Item54Benchmark();
            Item54Benchmark.Counting counting = new Item54Benchmark.Counting();
            counting.strategy = strategy;
            counting.threads = 4;
            counting.startTeam();
            try {
                for (int op = 0; op < 3; op++) {
                    long count = bench.increment(counting);
                    if (strategy == Item54Benchmark.Strategy.UNSAFE) {
                        assertTrue(count <= Item54Benchmark.INCREMENTS, "invented updates: " + count);
                    } else {
                        // The GIL strategy's counter is the unsafe one, but under CPython 3.10+'s check policy
                        // no switch can fall between its read and its write.
                        assertEquals(Item54Benchmark.INCREMENTS, count, strategy + " op " + op);
                    }
                }
            } finally {
                counting.stopTeam();
            }
        });
    }
}
