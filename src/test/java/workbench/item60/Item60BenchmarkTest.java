package workbench.item60;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.item56.Sequential;
import workbench.strategies.LifeBench;
import workbench.testing.JmhParams;
import workbench.testing.NoLeaks;

/** The benchmark's states set up, run one small op and tear down cleanly; its params cover every strategy. */
@Timeout(30)
class Item60BenchmarkTest {

    @Test
    void theFanOutParamsCoverEveryStrategyAndPlatformThreadsStayBounded() throws Exception {
        List<String> strategies = new ArrayList<>(JmhParams.of(Item60Benchmark.FanOutState.class, "strategy"));
        strategies.addAll(JmhParams.of(Item60Benchmark.PlatformState.class, "strategy"));
        assertEquals(Arrays.stream(FanOut.Strategy.values()).map(Enum::name).sorted().toList(),
                strategies.stream().sorted().toList());
        for (String tasks : JmhParams.of(Item60Benchmark.PlatformState.class, "tasks")) {
            assertEquals(true, Integer.parseInt(tasks) <= FanOut.PLATFORM_CAP, tasks);
        }
        Item60Benchmark.PlatformState tooMany = new Item60Benchmark.PlatformState();
        tooMany.strategy = "PLATFORM_THREADS";
        tooMany.tasks = 100_000;
        tooMany.latencyMillis = 10;
        assertThrows(IllegalArgumentException.class, tooMany::setUp);
    }

    @Test
    void oneSmallOpOfEveryStateRunsAndCleansUp() throws Throwable {
        Item60Benchmark benchmark = new Item60Benchmark();
        NoLeaks.check(() -> {
            for (String strategy : JmhParams.of(Item60Benchmark.FanOutState.class, "strategy")) {
                Item60Benchmark.FanOutState state = new Item60Benchmark.FanOutState();
                state.strategy = strategy;
                state.tasks = 10;
                state.latencyMillis = 1;
                state.setUp();
                try {
                    assertEquals(10, benchmark.fanOut(state), strategy);
                } finally {
                    state.tearDown();
                }
            }
            Item60Benchmark.PlatformState platform = new Item60Benchmark.PlatformState();
            platform.strategy = "PLATFORM_THREADS";
            platform.tasks = 10;
            platform.latencyMillis = 1;
            platform.setUp();
            try {
                assertEquals(10, benchmark.platformThreadPerTask(platform));
            } finally {
                platform.tearDown();
            }
            for (String strategy : JmhParams.of(Item60Benchmark.LifeState.class, "strategy")) {
                for (String ioMillis : List.of("0", "1")) {
                    Item60Benchmark.LifeState state = new Item60Benchmark.LifeState();
                    state.strategy = strategy;
                    state.size = "20x20";
                    state.ioMillis = Integer.parseInt(ioMillis);
                    state.setUp();
                    try {
                        assertEquals(new Sequential().step(LifeBench.grid("20x20")), benchmark.generation(state),
                                strategy + ", " + ioMillis + " ms");
                    } finally {
                        state.tearDown();
                    }
                }
            }
        });
    }
}
