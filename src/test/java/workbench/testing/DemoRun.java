package workbench.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import workbench.Demo;
import workbench.demo.Narrator;

/** Runs a demo the way a test should: output captured, facts readable, and nothing left running afterwards. */
public final class DemoRun {

    /** What a demo printed, and the narrator that recorded its {@link Narrator#fact facts}. */
    public record Captured(String text, Narrator out) {

        public List<String> lines() {
            return text.lines().toList();
        }

        /** Every value the demo recorded under {@code key}. */
        public List<Object> facts(String key) {
            return out.facts(key);
        }

        /** How often {@code part} appears in what the demo printed (overlapping appearances count). */
        public int count(String part) {
            int count = 0;
            for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
                count++;
            }
            return count;
        }

        /** Asserts that the demo printed {@code expected}, verbatim; a failure shows the whole output. */
        public void assertPrinted(String expected) {
            assertTrue(text.contains(expected), text);
        }
    }

    private DemoRun() {
    }

    /** Runs {@code demo} under {@link NoLeaks#check} with its output captured. */
    public static Captured run(Demo demo) throws Throwable {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Narrator out = new Narrator(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        NoLeaks.check(() -> demo.run(out));
        return new Captured(bytes.toString(StandardCharsets.UTF_8), out);
    }

    /** Runs {@code demo} under {@link NoLeaks#check} and returns the lines it printed. */
    public static List<String> lines(Demo demo) throws Throwable {
        return run(demo).lines();
    }

    /** Asserts that lines starting with each prefix appear, in this order (other lines may come between). */
    public static void assertInOrder(List<String> lines, String... prefixes) {
        int at = 0;
        for (String prefix : prefixes) {
            while (at < lines.size() && !lines.get(at).startsWith(prefix)) {
                at++;
            }
            assertTrue(at < lines.size(),
                    "missing, or out of order: '" + prefix + "' in\n" + String.join("\n", lines));
            at++;
        }
    }
}
