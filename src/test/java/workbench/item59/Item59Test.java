package workbench.item59;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.life.GliderBlock;
import workbench.life.Life;
import workbench.life.Rules;
import workbench.testing.NoLeaks;

class Item59Test {

    @Test
    @Timeout(60)
    void demoPrintsTheGliderBlockAndTheReRaisedException() throws Throwable {
        String output = GliderBlock.runDemo(new Item59());
        assertEquals(1, GliderBlock.occurrences(output), output);
        assertTrue(output.contains("ERROR:root:Expected\njava.io.UncheckedIOException: java.io.IOException: Problem"
                + " with I/O\nCaused by: java.io.IOException: Problem with I/O\n"), output);
        assertTrue(output.contains("same cells: true"), output);
        assertTrue(output.contains("worker JVMs (a band of rows each;"), output);
        assertTrue(output.contains("the same block: true;"), output);
        assertTrue(!output.contains("same cells: false"), output);
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
}
