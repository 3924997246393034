package workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
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

    // Clear errors: a missing, unreadable or unwritable path, or a corrupt results file, is one line on stderr that
    // names the file, and exit 1; --debug (before or after the command) adds the stack trace.

    @Test
    void reportOfAMissingOrNonFolderResultsPathFailsInOneLine(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("nonexistent");
        failsInOneLineNaming(missing, "report", "--results", missing.toString());
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        failsInOneLineNaming(file, "report", "--results", file.toString());
    }

    @Test
    void reportOfACorruptResultsFileNamesIt(@TempDir Path dir) throws IOException {
        Path machine = Files.createDirectories(dir.resolve("some-machine"));
        Path json = Files.writeString(machine.resolve("item52.json"), "[{\"benchmark\": ");
        failsInOneLineNaming(json, "report", "--results", dir.toString());

        Files.writeString(json, "[]");
        Path sidecar = Files.writeString(machine.resolve("item52.machine.json"), "{\"cores\": 2,,}");
        failsInOneLineNaming(sidecar, "report", "--results", dir.toString());
    }

    @Test
    void benchIntoAResultsFolderThatCannotBeMadeFailsBeforeAnyFork(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        failsInOneLineNaming(file, "bench", "52", "--quick", "--results", file.resolve("sub").toString());
        failsInOneLineNaming(file, "bench", "52", "--quick", "--results", file.toString());
    }

    @Test
    void indexWriteToAMissingOrUnmarkedReadmeFailsInOneLine(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("no-such-folder").resolve("README.md");
        failsInOneLineNaming(missing, "index", "--write", "--readme", missing.toString());
        Path unmarked = Files.writeString(dir.resolve("README.md"), "# A README without the index markers\n");
        failsInOneLineNaming(unmarked, "index", "--write", "--readme", unmarked.toString());
        assertEquals("# A README without the index markers\n", Files.readString(unmarked), "left as it was");
    }

    @Test
    void notebooksWithAMissingRootOrABadNotebookFailInOneLine(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("no-such-project");
        failsInOneLineNaming(missing, "notebooks", "--root", missing.toString());

        Path corrupt = Files.writeString(dir.resolve("corrupt.ipynb"), "{\"cells\": [");
        failsInOneLineNaming(corrupt, "notebooks", "--execute", corrupt.toString());
        assertEquals("{\"cells\": [", Files.readString(corrupt), "a corrupt notebook is not overwritten");

        Path absent = dir.resolve("absent.ipynb");
        Outcome outcome = cli("notebooks", "--execute", absent.toString());
        assertOneLineNaming(absent, outcome);
        assertFalse(Files.exists(absent));
    }

    @Test
    void stressWithAReportsFolderThatCannotBeMadeFailsBeforeStartingJcstress(@TempDir Path dir) throws Throwable {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        NoLeaks.check(() -> failsInOneLineNaming(file, "stress", "54", "--quick", "--reports", file.toString()));
    }

    @Test
    void debugIsAcceptedBeforeAndAfterTheCommandAndChangesNothingElse() {
        for (List<String> args : List.of(List.of("--debug", "list"), List.of("list", "--debug"))) {
            Outcome outcome = cli(args.toArray(String[]::new));
            assertEquals(Workbench.OK, outcome.exitCode(), outcome.err());
            assertEquals(cli("list").out(), outcome.out());
        }
    }

    /** Exit 1 and one line naming {@code path}; then the same with --debug before and after the command: a stack. */
    private static void failsInOneLineNaming(Path path, String... args) {
        assertOneLineNaming(path, cli(args));
        List<String> after = new ArrayList<>(List.of(args));
        after.add("--debug");
        List<String> before = new ArrayList<>(List.of(args));
        before.add(0, "--debug");
        for (List<String> debugArgs : List.of(before, after)) {
            Outcome debug = cli(debugArgs.toArray(String[]::new));
            assertEquals(Workbench.FAILED, debug.exitCode(), debug.err());
            assertTrue(debug.err().contains(path.toString()), debug.err());
            assertTrue(debug.err().contains("\tat "), "--debug shows the stack: " + debug.err());
        }
    }

    private static void assertOneLineNaming(Path path, Outcome outcome) {
        assertEquals(Workbench.FAILED, outcome.exitCode(), outcome.err());
        assertEquals(1, outcome.err().lines().count(), outcome.err());
        assertTrue(outcome.err().contains(path.toString()), outcome.err());
        assertFalse(outcome.err().contains("\tat "), outcome.err());
    }
}
