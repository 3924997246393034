package workbench.item53;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
    void theWorkBoundIsTotalOverLargest() {
        assertEquals(6_722_760.0 / 2_139_079, Item53.workBound(Item53.NUMBERS), 1e-12);
    }

    @Test
    void factorizeThreadsWithAndWithoutTheGilAgreeWithTheBook() throws Throwable {
        assertEquals(BOOK_FACTORS, NoLeaks.check(() -> Item53.factorizeOnThreads(Item53.NUMBERS, null)));
        assertEquals(BOOK_FACTORS, NoLeaks.check(() -> Item53.factorizeOnThreads(Item53.NUMBERS, Gil.create())));
    }

    @Test
    void theSlowSystemcallReallyBlocks() throws Exception {
        double seconds = Narrator.time(() -> Item53.slowSystemcall(Duration.ofMillis(100)));
        assertTrue(seconds >= 0.099, "select blocked for its timeout, not " + seconds + " s");
    }

    /**
     * Five 100 ms calls on five threads overlap, with or without the GIL model: they take less time than the same
     * five calls one after another, measured in the same run (at least 0.5 s, since each call really blocks).
     */
    @ParameterizedTest
    @EnumSource(value = BlockingCalls.class, names = {"THREADS", "GIL_THREADS"})
    void blockingCallsOverlapOnThreads(BlockingCalls strategy) throws Throwable {
        double sequential = Narrator.time(() -> BlockingCalls.SEQUENTIAL.run(5, 1, Duration.ofMillis(100)));
        double threaded = NoLeaks.check(() -> Narrator.time(() -> strategy.run(5, 5, Duration.ofMillis(100))));
        assertTrue(threaded >= 0.099, strategy + " made its calls");
        assertTrue(threaded < sequential, strategy + " took " + threaded + " s; sequential " + sequential + " s");
    }

    /** An interrupt while a FactorizeThread waits for the GIL is reported by factors(), not as missing factors. */
    @Test
    void anInterruptedFactorizeThreadSaysSoInsteadOfReturningNothing() throws Throwable {
        Gil gil = Gil.create();
        Item53.FactorizeThread thread = new Item53.FactorizeThread(2139079, gil);
        NoLeaks.check(() -> {
            try (Gil.Attached held = gil.enter()) {          // the test holds the GIL: the thread waits for it
                thread.start();
                thread.interrupt();
                assertTrue(thread.join(Duration.ofSeconds(20)), "the interrupted thread ended");
            }
        });
        InterruptedException e = assertThrows(InterruptedException.class, thread::factors);
        assertTrue(e.getMessage().contains(thread.getName()), e.getMessage());
    }

    @Test
    void demoRunsEveryExampleInOrder() throws Throwable {
        DemoRun.Captured run = DemoRun.run(new Item53());
        List<String> lines = run.lines();
        DemoRun.assertInOrder(lines, "--- Example 1-2:", "Took ", "--- Example 3-5:", "Took ",
                "--- Beyond the book: the same four threads under the GIL model", "Took ",
                "--- Beyond the book: the 3rd edition's sixteen larger numbers", "Took ", "Took ", "Took ",
                "--- Beyond the book: one worker JVM per number", "Took ",
                "--- Example 6-7:", "Took ", "--- Example 8-9:", "Took ",
                "--- Beyond the book: the same five threads under the GIL model", "Took ",
                "--- Beyond the book: the convoy effect", "Took ", "Took ", "Took ", "Took ", "Took ");
        assertTrue(lines.stream().filter(l -> l.startsWith("Took "))
                .allMatch(l -> l.matches("Took \\d+\\.\\d{3} seconds")), "the book's format: Took {delta:.3f} seconds");
        assertEquals(List.of(true, true, true, true, true), run.facts("factors-agree"),
                "threads, GIL threads, 3rd edition threads and GIL threads, processes: each found the serial factors");
    }
}
