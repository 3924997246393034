package workbench.item54;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.testing.DemoRun;

class Item54Test {

    private static final Pattern COUNTER_LINE = Pattern.compile("Counter should be (\\d+), got (\\d+)");

    @Test
    @Timeout(120)
    void demoPrintsEveryExampleInOrderAndTheFixesNeverLoseAnUpdate() throws Throwable {
        DemoRun.Captured run = DemoRun.run(new Item54());
        String output = run.text();
        List<String> lines = run.lines();

        assertInOrder(lines,
                "--- Example 1-3: five sensor threads",
                "Counter should be 500000, got ",
                "--- Example 4-6:",
                "value = getattr(counter, 'count')",
                "# Running in Thread A",
                "# Context switch to Thread B",
                "# Context switch back to Thread A",
                "# Two increments, count is 1",
                "--- Example 7-8:",
                "Counter should be 500000, got 500000",
                "Counter should be 500000, got 500000",
                "--- Example 1-3 + GIL:",
                "Counter should be 500000, got ",
                "Counter should be 500000, got 500000",
                "--- Example 3rd ed. 69:",
                "Counter should be 4000000, got ",
                "--- Example 7-8 + GIL:",
                "Counter should be 500000, got 500000",
                "--- Example Java:",
                "Counter should be 500000, got 500000",
                "Counter should be 500000, got 500000",
                "Counter should be 500000, got ",
                "--- Beyond the book: 5 worker JVMs x 100,000: no shared counter, a sum",
                "Counter should be 500000, got 500000");

        for (CounterKind exact : List.of(CounterKind.SYNCHRONIZED, CounterKind.LOCKING, CounterKind.GIL_UNSAFE_310,
                CounterKind.GIL_LOCKING_PRE_310, CounterKind.ATOMIC, CounterKind.ADDER)) {
            assertEquals(List.of(500_000L), run.facts("count:" + exact), exact + " never loses an update");
        }
        assertEquals(List.of(500_000L), run.facts("count:processes"), "five workers' shares add up");
        for (CounterKind racy : List.of(CounterKind.UNSAFE, CounterKind.GIL_UNSAFE_PRE_310,
                CounterKind.GIL_CALL_UNSAFE_310, CounterKind.VOLATILE)) {
            assertEquals(1, run.facts("count:" + racy).size(), racy + " ran once");
        }

        Matcher m = COUNTER_LINE.matcher(output);
        int counted = 0;
        while (m.find()) {
            counted++;
            assertTrue(Long.parseLong(m.group(2)) <= Long.parseLong(m.group(1)), "an update was invented: "
                    + m.group());
        }
        assertTrue(counted >= 10, "one line per counter run, got " + counted);
    }

    /** Each needle must be the start (after trimming) of a line after the previous needle's line. */
    static void assertInOrder(List<String> lines, String... needles) {
        int at = 0;
        for (String needle : needles) {
            int found = -1;
            for (int i = at; i < lines.size(); i++) {
                if (lines.get(i).strip().startsWith(needle)) {
                    found = i;
                    break;
                }
            }
            assertTrue(found >= 0, "missing, or out of order: \"" + needle + "\" after line " + at + " in:\n"
                    + String.join("\n", lines));
            at = found + 1;
        }
    }
}
