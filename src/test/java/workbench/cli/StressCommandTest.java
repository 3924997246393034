package workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class StressCommandTest {

    @Test
    void stressSummaryLinesPrintJcstressOutputAndNoticeFailedTests() throws Exception {
        for (String summary : List.of("  Failed tests: 1 matching test results.", "Error tests: 2 matching")) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            StressCommand.SummaryLines lines = new StressCommand.SummaryLines(
                    new PrintStream(printed, true, StandardCharsets.UTF_8));
            lines.write(("Interesting tests: No matches.\r\n" + summary + "\nlast, unfinished").getBytes(
                    StandardCharsets.UTF_8));
            lines.finish();
            assertTrue(lines.failures, summary);
            assertEquals(List.of("Interesting tests: No matches.", summary, "last, unfinished"),
                    printed.toString(StandardCharsets.UTF_8).lines().toList());
        }
        StressCommand.SummaryLines clean = new StressCommand.SummaryLines(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        clean.write("Failed tests: No matches.\nError tests: No matches.\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(!clean.failures, "No matches. is not a failure");
    }
}
