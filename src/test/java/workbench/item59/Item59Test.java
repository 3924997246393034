package workbench.item59;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.life.CellGetter;
import workbench.life.GliderBlock;
import workbench.life.Life;
import workbench.life.Rules;
import workbench.testing.DemoRun;
import workbench.testing.NoLeaks;

class Item59Test {

    @Test
    @Timeout(60)
    void demoPrintsTheGliderBlockAndTheReRaisedException() throws Throwable {
        DemoRun.Captured run = GliderBlock.runDemo(new Item59(), 1);
        run.assertPrinted("ERROR:root:Expected\njava.io.UncheckedIOException: java.io.IOException: Problem"
                + " with I/O\nCaused by: java.io.IOException: Problem with I/O\n");
        assertEquals(List.of(true, true, true, true), run.facts("same-cells"),
                "fixed pool, virtual threads, worker JVMs, worker JVMs with I/O: each computed the book's cells");
    }

    @Test
    @Timeout(30)
    void aWorkersExceptionReachesTheCallerUnwrapped() throws Throwable {
        NoLeaks.check(() -> {
            Rules broken = Rules.gameLogicFails("Problem with I/O");
            try (ThreadPool pool = new ThreadPool(10, broken, Duration.ofSeconds(20))) {
                UncheckedIOException error = assertThrows(UncheckedIOException.class, () -> pool.step(Life.glider()));
                assertTrue(error.getCause() instanceof IOException);
                assertEquals("Problem with I/O", error.getCause().getMessage());
            }
        });
    }

    /** A task that outlives the timeout is interrupted, and close returns only once it has ended. */
    @Test
    @Timeout(30)
    void closeStopsSlowTasksBeforeItReturns() throws Throwable {
        CountDownLatch running = new CountDownLatch(1);
        AtomicInteger entered = new AtomicInteger();
        AtomicInteger left = new AtomicInteger();
        Rules slowToStop = new Rules() {
            @Override
            public int countNeighbors(int y, int x, CellGetter get) {
                return Rules.BOOK.countNeighbors(y, x, get);
            }

            @Override
            public char gameLogic(char state, int neighbors) {
                entered.incrementAndGet();
                running.countDown();
                long end = System.nanoTime() + Duration.ofMillis(300).toNanos();
                boolean interrupted = false;
                while (System.nanoTime() - end < 0) {                     // ignores interrupts for 300 ms
                    try {
                        Thread.sleep(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                left.incrementAndGet();
                return Rules.BOOK.gameLogic(state, neighbors);
            }
        };
        NoLeaks.check(() -> {
            ThreadPool pool = new ThreadPool(2, slowToStop, Duration.ofMillis(50));
            assertThrows(TimeoutException.class, () -> pool.step(Life.glider()));
            assertTrue(running.await(10, TimeUnit.SECONDS));
            assertThrows(TimeoutException.class, pool::close, "the tasks needed the interrupt");
            assertEquals(entered.get(), left.get(), "a task was still running when close returned");
        });
    }
}
