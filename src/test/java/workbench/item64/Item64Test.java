package workbench.item64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.parallel.Checkpoint;
import workbench.procpool.ProcessPool;
import workbench.testing.DemoRun;
import workbench.testing.NoLeaks;

@Timeout(value = 180, unit = TimeUnit.SECONDS)
class Item64Test {

    @Test
    void gcdGivesTheBooksResults() {
        assertEquals(Item64.EXPECTED, Item64.NUMBERS.stream().map(p -> Item64.gcd(p, Checkpoint.NONE)).toList());
    }

    @Test
    void theWorkBoundIsTotalOverLargest() {
        // 20,620,754 iterations in all; the largest pair takes 3,823,804 of them.
        assertEquals(20_620_754L, Item64.NUMBERS.stream().mapToLong(Item64.Pair::work).sum());
        assertEquals(20_620_754.0 / 3_823_804, Item64.workBound(Item64.NUMBERS), 1e-9);
        assertEquals(Item64.workBound(Item64.NUMBERS), Item64.workBound(Item64.NUMBERS_3RD_EDITION), 1e-3);
    }

    /** The book's point: the thread pool and the process pool run the very same code; only the executor differs. */
    @Test
    void theOneChangeIsTheExecutor() throws Throwable {
        List<Item64.Pair> small = List.of(new Item64.Pair(1071, 462), new Item64.Pair(48, 180));
        List<Integer> threads;
        List<Integer> processes;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            threads = Item64.runWith(pool, small);
        }
        processes = NoLeaks.check(() -> {
            try (ExecutorService pool = ProcessPool.of(2)) {
                return Item64.runWith(pool, small);
            }
        });
        assertEquals(List.of(21, 12), threads);
        assertEquals(threads, processes);
    }

    @Test
    void demoRunsEveryExampleInOrder() throws Throwable {
        DemoRun.Captured run = DemoRun.run(new Item64());
        List<String> lines = run.lines();
        DemoRun.assertInOrder(lines, "--- Example 1:", "--- Example 2:", "Took ", "--- Example 3:", "Took ",
                "--- Example 4:", "Took ", "--- Beyond the book: the same two threads under the GIL model", "Took ",
                "--- Beyond the book: a parallel stream", "Took ", "--- Beyond the book: the 3rd edition", "Took ",
                "Took ", "Took ", "Took ", "--- Beyond the book: speedups over serial");
        assertEquals(List.of(Item64.workBound(Item64.NUMBERS)), run.facts("work-bound"));
        assertTrue(lines.stream().filter(l -> l.startsWith("Took "))
                .allMatch(l -> l.matches("Took \\d+\\.\\d{3} seconds")), "the book's format: Took {delta:.3f} seconds");
    }
}
