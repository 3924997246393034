package workbench.item60;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.life.GliderBlock;

class Item60Test {

    @Test
    @Timeout(60)
    void demoPrintsTheGliderBlockPerStyleTheExceptionsAndTheFanOut() throws Throwable {
        String output = GliderBlock.runDemo(new Item60());
        assertEquals(6, GliderBlock.occurrences(output), output);
        assertEquals(3, count(output, "ERROR:root:Expected\njava.io.UncheckedIOException: java.io.IOException:"
                + " Problem with I/O\nCaused by: java.io.IOException: Problem with I/O\n"), output);
        assertEquals(3, count(output, "step() threw java.io.UncheckedIOException: java.io.IOException: Problem"
                + " with I/O"), output);
        assertEquals(4, count(output, "100,000 finished in"), output);
        assertTrue(output.matches("(?s).*2 worker JVMs, virtual threads in each: +100,000 finished in.*"), output);
        assertTrue(output.contains("2,000 finished in"), output);
        assertTrue(output.contains("10,000 finished in"), output);
        assertEquals(4, count(output, "100 bodies in"), output);
        assertEquals(4, count(output, "(correct: true)"), output);
        assertTrue(output.contains("parked: heap +"), output);
        assertTrue(output.contains("new loop per generation (asyncio.run each time; its issue #132 calls that an"
                + " anti-pattern): same block true"), output);
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
