package workbench.item60;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.testing.NoLeaks;

class FanOutTest {

    private static final Duration LATENCY = Duration.ofMillis(10);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    @Timeout(30)
    void tenThousandVirtualThreadTasksOfTenMillisecondsFinishFarBelowTheirSum() throws Throwable {
        NoLeaks.check(() -> {
            try (FanOut.Runner runner = FanOut.Strategy.VIRTUAL_THREADS.open(LATENCY, TIMEOUT)) {
                long start = System.nanoTime();
                assertEquals(10_000, runner.run(10_000));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 5_000, "10,000 x 10 ms took " + millis + " ms; one after another it is 100 s");
            }
        });
    }

    @Test
    @Timeout(60)
    void everyStrategyFinishesEveryTask() throws Throwable {
        NoLeaks.check(() -> {
            for (FanOut.Strategy strategy : FanOut.Strategy.values()) {
                int tasks = strategy == FanOut.Strategy.PLATFORM_THREADS ? FanOut.PLATFORM_CAP + 500 : 3_000;
                try (FanOut.Runner runner = strategy.open(LATENCY, TIMEOUT)) {
                    assertEquals(tasks, runner.run(tasks), strategy.name());
                    assertEquals(10, runner.run(10), strategy.name() + ", run again");
                }
            }
        });
    }

    @Test
    @Timeout(60)
    void theProcessPoolSplitsTheTasksOverItsWorkersAndFinishesEveryOneAsVirtualThreadsDo() throws Throwable {
        NoLeaks.check(() -> {
            try (FanOut.Runner processes = FanOut.Strategy.PROCESS_POOL.open(LATENCY, TIMEOUT);
                 FanOut.Runner virtual = FanOut.Strategy.VIRTUAL_THREADS.open(LATENCY, TIMEOUT)) {
                for (int tasks : new int[] {0, 1, 2, 1_001}) {           // no share, one share, even, uneven
                    int expected = virtual.run(tasks);
                    assertEquals(tasks, expected);
                    assertEquals(expected, processes.run(tasks), tasks + " tasks");
                }
            }
        });
    }

    @Test
    @Timeout(30)
    void virtualThreadsThatOutliveTheTimeoutAreInterruptedAndJoinedNotLeftBehind() throws Throwable {
        // Waits of 10 minutes against a timeout of 200 ms: the op fails with a TimeoutException and, started
        // without an executor, every thread it started is interrupted and joined before it returns.
        java.util.Queue<Thread> made = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.ThreadFactory virtual = Thread.ofVirtual().factory();
        java.util.concurrent.TimeoutException late = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.TimeoutException.class,
                () -> FanOut.virtualThreads(1_000, Duration.ofMinutes(10), Duration.ofMillis(200), task -> {
                    Thread thread = virtual.newThread(task);
                    made.add(thread);
                    return thread;
                }));
        assertTrue(late.getMessage().startsWith("1000 of 1000"), late.getMessage());
        assertEquals(1_000, made.size());
        assertTrue(made.stream().noneMatch(Thread::isAlive), "every thread ended before the op returned");
    }

    @Test
    @Timeout(30)
    void parkedThreadsAreMeasuredAndReleased() throws Throwable {
        NoLeaks.check(() -> {
            ThreadMemory.Footprint virtual = ThreadMemory.parked(true, 2_000, TIMEOUT);
            ThreadMemory.Footprint platform = ThreadMemory.parked(false, 200, TIMEOUT);
            assertEquals(2_000, virtual.threads());
            assertEquals(200, platform.threads());
            assertTrue(virtual.heapBytes() >= 0 && platform.heapBytes() >= 0);
            assertTrue(virtual.residentBytes() >= -1 && platform.residentBytes() >= -1);
        });
    }
}
