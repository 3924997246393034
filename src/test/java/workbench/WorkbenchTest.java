package workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import workbench.testing.NoLeaks;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkbenchTest {

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Workbench.execute(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listShowsEveryItemWithBothNumbers() {
        Outcome list = cli("list");
        assertEquals(0, list.exitCode(), list.err());
        for (Catalog.Item item : Catalog.items()) {
            assertTrue(list.out().contains(item.title()), item.title());
            assertTrue(list.out().matches("(?s).*\\b" + item.number() + "\\s+" + item.thirdEdition() + "\\b.*"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"99", "51", "80", "abc", "5 2"})
    void unknownItemIsAUsageErrorWithExitCode2(String item) {
        for (String command : List.of("run", "bench")) {
            Outcome outcome = cli(command, item);
            assertEquals(2, outcome.exitCode(), command + " " + item);
            assertTrue(outcome.err().contains("Usage: workbench " + command), outcome.err());
            assertTrue(outcome.err().contains("52-64") && outcome.err().contains("67-79"), outcome.err());
            assertEquals("", outcome.out());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "xyzzy", "run", "bench 52 --slow"})
    void badCommandOrFlagIsAUsageErrorWithExitCode2(String args) {
        Outcome outcome = cli(args.split(" "));
        assertEquals(2, outcome.exitCode(), args);
        assertTrue(outcome.err().contains("Usage:"), outcome.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"stress all", "stress 99", "stress abc", "stress", "stress 54 --timeout soon"})
    void stressTakesExactlyOneItemElseUsageErrorWithExitCode2(String args) {
        Outcome outcome = cli(args.split(" "));
        assertEquals(2, outcome.exitCode(), args);
        assertTrue(outcome.err().contains("Usage: workbench stress"), outcome.err());
        assertEquals("", outcome.out());
    }

    @Test
    void stressSummaryLinesPrintJcstressOutputAndNoticeFailedTests() throws Exception {
        for (String summary : List.of("  Failed tests: 1 matching test results.", "Error tests: 2 matching")) {
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            Workbench.Stress.SummaryLines lines = new Workbench.Stress.SummaryLines(
                    new PrintStream(printed, true, StandardCharsets.UTF_8));
            lines.write(("Interesting tests: No matches.\r\n" + summary + "\nlast, unfinished").getBytes(
                    StandardCharsets.UTF_8));
            lines.finish();
            assertTrue(lines.failures, summary);
            assertEquals(List.of("Interesting tests: No matches.", summary, "last, unfinished"),
                    printed.toString(StandardCharsets.UTF_8).lines().toList());
        }
        Workbench.Stress.SummaryLines clean = new Workbench.Stress.SummaryLines(
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        clean.write("Failed tests: No matches.\nError tests: No matches.\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(!clean.failures, "No matches. is not a failure");
    }

    @Test
    void helpExitsZero() {
        Outcome help = cli("--help");
        assertEquals(0, help.exitCode());
        for (String command : List.of("list", "run", "bench", "index")) {
            assertTrue(help.out().contains(command), command);
        }
    }

    @Test
    void runAcceptsTheThirdEditionNumber() throws Throwable {
        Outcome run = NoLeaks.check(() -> cli("run", "67"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Item 52 (3rd ed. 67): Use subprocess to Manage Child Processes"));
        assertTrue(run.out().contains("Hello from the child!"));
    }

    @Test
    void anItemNotBuiltYetSaysSoAndFails() {
        Catalog.Item unbuilt = new Catalog.Item(99, 114, "A title", "A claim", "nothing-here");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Workbench.runDemos(List.of(unbuilt), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(Workbench.FAILED, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Item 99 (3rd ed. 114) (A title) is not built yet"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theTourNamesWhatIsNotBuiltAndRunsTheRest() {
        Catalog.Item unbuilt = new Catalog.Item(99, 114, "A title", "A claim", "nothing-here");
        Catalog.Item unbuilt2 = new Catalog.Item(98, 113, "Another", "A claim", "nothing-here");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Workbench.runDemos(List.of(unbuilt, unbuilt2), new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err);
        assertEquals(Workbench.OK, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Not built yet: Items 99, 98."));
    }
}
