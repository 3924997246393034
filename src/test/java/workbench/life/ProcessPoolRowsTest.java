package workbench.life;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.item56.Sequential;
import workbench.procpool.ProcessPool;
import workbench.testing.NoLeaks;

/** The process-pool strategy (Items 56-59's multi-process row) beyond what the all-strategies property test checks. */
class ProcessPoolRowsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    @Timeout(60)
    void rulesWithIoCrossToSharedWorkersAndACellsExceptionComesBack() throws Throwable {
        NoLeaks.check(() -> {
            Grid start = Life.random(7, 6, 0.4, 42);
            Rules slow = Rules.withIo(Duration.ofMillis(1));
            try (ProcessPool workers = ProcessPool.of(2).prestart()) {
                try (ProcessPoolRows pool = ProcessPoolRows.on(workers, slow, TIMEOUT)) {
                    assertEquals(new Sequential().step(start), pool.step(start));
                }
                try (ProcessPoolRows pool = ProcessPoolRows.on(workers, Rules.gameLogicFails("Problem with I/O"),
                        TIMEOUT)) {
                    UncheckedIOException error = assertThrows(UncheckedIOException.class,
                            () -> pool.step(Life.glider()));
                    assertTrue(error.getCause() instanceof IOException);
                    assertEquals("Problem with I/O", error.getCause().getMessage());
                }
                assertEquals(2, workers.workerProcesses().size(), "the borrowed pool stays up and unbroken");
            }
        });
    }

    @Test
    @Timeout(10)
    void rulesThatCannotCrossAreRejectedBeforeAnyWorkerStarts() throws Throwable {
        NoLeaks.check(() -> {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> new ProcessPoolRows(2, new SwitchableRules(Rules.BOOK), TIMEOUT));
            assertTrue(error.getMessage().contains("serialisable"), error.getMessage());
        });
    }
}
