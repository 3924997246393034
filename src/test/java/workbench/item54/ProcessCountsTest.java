package workbench.item54;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.procpool.ProcessPool;
import workbench.testing.NoLeaks;

/** Item 54's multi-process count: the parent's sum of the workers' own counts is exact, and nothing is left. */
class ProcessCountsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    @Timeout(60)
    void theSumOfTheWorkersCountsIsExactWithMoreSharesThanWorkersAndWithTheBenchmarksFlags() throws Throwable {
        NoLeaks.check(() -> {
            try (ProcessPool pool = ProcessPool.builder().workers(2).allow("workbench.**")
                    .addJvmFlags(ProcessCounts.NO_INLINE_FLAGS).build().prestart()) {
                assertEquals(2 * 100_000L, ProcessCounts.run(pool, 2, 100_000, TIMEOUT));
                assertEquals(5 * 100_000L, ProcessCounts.run(pool, 5, 100_000, TIMEOUT), "5 shares on 2 workers");
                assertEquals(0L, ProcessCounts.run(pool, 3, 0, TIMEOUT));
                assertEquals(2, pool.workerProcesses().size(), "the pool is unbroken");
            }
        });
    }

    @Test
    void aShareCountsExactlyInThisJvmToo() {
        assertEquals(123_456L, new ProcessCounts.Share(123_456).call());
    }
}
