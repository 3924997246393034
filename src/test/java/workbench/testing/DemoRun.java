package workbench.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import workbench.Demo;
import workbench.demo.Narrator;

/** Runs a demo the way a test should: output captured, and nothing left running afterwards. */
public final class DemoRun {

    private DemoRun() {
    }

    /** Runs {@code demo} under {@link NoLeaks#check} and returns the lines it printed. */
    public static List<String> lines(Demo demo) throws Throwable {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NoLeaks.check(() -> demo.run(new Narrator(new PrintStream(bytes, true, StandardCharsets.UTF_8))));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
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
