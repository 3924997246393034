package workbench.item55;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.testing.DemoRun;
import workbench.testing.NoLeaks;

class Item55Test {

    @Test
    @Timeout(60)
    void demoPrintsTheBooksLinesAndLeavesNothingBehind() throws Throwable {
        DemoRun.Captured run = DemoRun.run(new Item55());
        String output = run.text();
        Matcher polled = Pattern.compile("Processed 1000 items after polling (\\d+) times").matcher(output);
        assertTrue(polled.find(), output);
        assertTrue(Long.parseLong(polled.group(1)) >= 3003, "1000 gets and one exit poll per worker, at least");
        assertEquals(2, output.split("\n1000 items finished\n", -1).length - 1, output);

        String waiting = section(output, "11-12");
        assertBefore(waiting, "Consumer waiting", "Consumer done");
        assertBefore(waiting, "Producer putting", "Producer done");
        assertBefore(waiting, "Producer putting", "Consumer done");

        String backpressure = section(output, "13-14");
        assertBefore(backpressure, "Producer put 1", "Producer put 2", "Producer done");
        assertBefore(backpressure, "Consumer got 1", "Consumer got 2", "Consumer done");
        assertBefore(backpressure, "Producer put 1", "Consumer got 2");

        String joined = section(output, "15-16");
        assertBefore(joined, "Producer putting", "Producer waiting");
        assertBefore(joined, "Consumer working", "Consumer done", "Producer done");
        assertEquals(List.of(100, 100, 100), run.facts("latency-finished"), "1/1/1, 3/4/5, a virtual thread each");
        assertEquals(List.of(true), run.facts("process-pipeline-in-order"), "the process pipeline kept every item");
    }

    @Test
    @Timeout(30)
    void bothCoordinationsProcessEveryItem() throws Throwable {
        NoLeaks.check(() -> {
            for (Coordination coordination : Coordination.values()) {
                Coordination.Outcome outcome = coordination.run(300, Stages.IDENTITY, Duration.ofSeconds(20));
                assertEquals(300, outcome.finished(), coordination.name());
            }
            for (List<Integer> workers : List.of(List.of(1, 1, 1), List.of(3, 4, 5), List.of(2, 1, 7))) {
                assertEquals(500, Coordination.pipeline(500, workers, Stages.IDENTITY, Duration.ofSeconds(20))
                        .finished(), workers.toString());
            }
            assertEquals(20, Item55.virtualThreadPerItem(20, new Stages(Duration.ofMillis(1))));
        });
    }

    private static String section(String output, String example) {
        int start = output.indexOf("--- Example " + example + ":");
        int end = output.indexOf("--- Example", start + 1);
        assertTrue(start >= 0, output);
        return output.substring(start, end < 0 ? output.length() : end);
    }

    /** Asserts that the first appearance of each line in {@code text} comes before the next line's, pair by pair. */
    private static void assertBefore(String text, String... lines) {
        for (int i = 1; i < lines.length; i++) {
            String first = lines[i - 1];
            String second = lines[i];
            int a = text.indexOf(first + "\n");
            int b = text.indexOf(second + "\n");
            assertTrue(a >= 0 && b >= 0 && a < b, "expected '" + first + "' before '" + second + "' in:\n" + text);
        }
    }
}
