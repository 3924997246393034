package workbench.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import org.junit.jupiter.api.Test;

class LoadCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int load(String... args) {
        String[] line = new String[args.length + 1];
        line[0] = "load";
        System.arraycopy(args, 0, line, 1, args.length);
        return WorkbenchCommand.execute(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8), line);
    }

    @Test
    void anItemWithoutAHarnessFailsInOneLine() {
        assertEquals(ExitCode.FAILED, load("62"));
        assertEquals(1, err.toString(UTF_8).strip().lines().count(), err.toString(UTF_8));
    }

    @Test
    void aMissingItemOrABadOptionIsUsage() {
        assertEquals(ExitCode.USAGE, load());
        assertTrue(err.toString(UTF_8).contains("Usage: workbench load"), err.toString(UTF_8));
        err.reset();
        assertEquals(ExitCode.USAGE, load("61", "--styles", "FIBERS"));
        assertEquals(1, err.toString(UTF_8).strip().lines().count(), err.toString(UTF_8));
        assertTrue(err.toString(UTF_8).contains("'FIBERS'"), err.toString(UTF_8));
        err.reset();
        assertEquals(ExitCode.USAGE, load("61", "--clients", "0"));
        assertTrue(err.toString(UTF_8).contains("'0'"), err.toString(UTF_8));
        assertEquals(ExitCode.USAGE, load("61", "--clients"));
        assertEquals(ExitCode.USAGE, load("61", "--clients", "1,many"));
    }

    @Test
    void eachRegisteredHarnessIsFoundByItsItem() {
        for (var harness : LoadCommand.HARNESSES) {
            assertEquals(harness, LoadCommand.harness(harness.item()).orElseThrow());
        }
        assertTrue(LoadCommand.harness(61).isPresent());
        assertTrue(LoadCommand.harness(62).isEmpty());
    }
}
