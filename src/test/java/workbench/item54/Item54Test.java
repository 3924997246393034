package workbench.item54;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.demo.Narrator;
import workbench.testing.NoLeaks;

class Item54Test {

    private static final Pattern COUNTER_LINE = Pattern.compile("Counter should be (\\d+), got (\\d+)");

    static String runDemo() throws Throwable {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NoLeaks.check(() -> new Item54().run(new Narrator(new PrintStream(bytes, true, UTF_8))));
        return bytes.toString(UTF_8);
    }

    @Test
    @Timeout(120)
    void demoPrintsEveryExampleInOrderAndTheFixesNeverLoseAnUpdate() throws Throwable {
        String output = runDemo();
        List<String> lines = output.lines().toList();

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
                "[Java] SynchronizedCounter:",
                "Counter should be 500000, got 500000",
                "[Java] LockingCounter:",
                "Counter should be 500000, got 500000",
                "--- Example 1-3 + GIL:",
                "[Java] GilUnsafeCounter, under the GIL model, switches at every instruction",
                "Counter should be 500000, got ",
                "[Java] GilUnsafeCounter, under the GIL model, switches at calls and back edges",
                "Counter should be 500000, got 500000",
                "--- Example 3rd ed. 69:",
                "Counter should be 4000000, got ",
                "--- Example 7-8 + GIL:",
                "Counter should be 500000, got 500000",
                "--- Example Java:",
                "[Java] AtomicCounter:",
                "Counter should be 500000, got 500000",
                "[Java] AdderCounter:",
                "Counter should be 500000, got 500000",
                "[Java] VolatileCounter:",
                "Counter should be 500000, got ",
                "--- Beyond the book: 5 worker JVMs x 100,000: no shared counter, a sum",
                "Counter should be 500000, got 500000",
                "[Java] Exact by summing, not by locking");

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
