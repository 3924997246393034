package workbench.item53;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import workbench.demo.Narrator;
import workbench.gil.Gil;
import workbench.parallel.Checkpoint;
import workbench.testing.DemoRun;
import workbench.testing.NoLeaks;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Item53Test {

    /** The factor lists book-items.md gives for the book's numbers. */
    static final List<List<Integer>> BOOK_FACTORS = List.of(
            List.of(1, 101, 21179, 2139079),
            List.of(1, 7, 13, 49, 91, 637, 1907, 13349, 24791, 93443, 173537, 1214759),
            List.of(1, 19, 79823, 1516637),
            List.of(1, 5, 271, 1355, 1367, 6835, 370457, 1852285));

    @Test
    void factorizeFindsTheBooksFactors() {
        for (int i = 0; i < Item53.NUMBERS.size(); i++) {
            assertEquals(BOOK_FACTORS.get(i), Item53.factorize(Item53.NUMBERS.get(i), Checkpoint.NONE));
        }
    }

    @Test
    void factorizeThreadsWithAndWithoutTheGilAgreeWithTheBook() throws Throwable {
        assertEquals(BOOK_FACTORS, NoLeaks.check(() -> Item53.factorizeOnThreads(Item53.NUMBERS, null)));
        assertEquals(BOOK_FACTORS, NoLeaks.check(() -> Item53.factorizeOnThreads(Item53.NUMBERS, Gil.create())));
    }

    @Test
    void theSlowSystemcallReallyBlocks() throws Exception {
        long start = System.nanoTime();
        Item53.slowSystemcall(Duration.ofMillis(100));
        assertTrue(Narrator.seconds(start) >= 0.099, "select blocked for its timeout");
    }

    /** Five 100 ms calls on five threads overlap, with or without the GIL model: far less than 0.5 s. */
    @ParameterizedTest
    @EnumSource(value = BlockingCalls.class, names = {"THREADS", "GIL_THREADS"})
    void blockingCallsOverlapOnThreads(BlockingCalls strategy) throws Throwable {
        long start = System.nanoTime();
        NoLeaks.check(() -> strategy.run(5, 5, Duration.ofMillis(100)));
        double seconds = Narrator.seconds(start);
        assertTrue(seconds >= 0.099 && seconds < 0.4, strategy + " took " + seconds + " s; sequential takes 0.5 s");
    }

    @Test
    void demoRunsEveryExampleInOrder() throws Throwable {
        List<String> lines = DemoRun.lines(new Item53());
        DemoRun.assertInOrder(lines, "--- Example 1-2:", "Took ", "--- Example 3-5:", "Took ",
                "--- Beyond the book: the same four threads under the GIL model", "Took ",
                "--- Beyond the book: the 3rd edition's sixteen larger numbers", "Took ", "Took ", "Took ",
                "--- Beyond the book: one worker JVM per number", "Took ",
                "--- Example 6-7:", "Took ", "--- Example 8-9:", "Took ",
                "--- Beyond the book: the same five threads under the GIL model", "Took ",
                "--- Beyond the book: the convoy effect", "Took ", "Took ", "Took ", "Took ", "Took ");
        assertTrue(lines.stream().filter(l -> l.startsWith("Took ")).allMatch(l -> l.matches("Took \\d+\\.\\d{3} seconds")),
                "the book's format: Took {delta:.3f} seconds");
    }
}
