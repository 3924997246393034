package workbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import workbench.Catalog;
import workbench.Demo;
import workbench.Workbench;

class RunCommandTest {

    private static final Catalog.Item UNBUILT = new Catalog.Item(99, 114, "A title", "A claim", "nothing-here");

    @Test
    void anItemNotBuiltYetSaysSoAndFails() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RunCommand.runDemos(List.of(UNBUILT), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        assertEquals(Workbench.FAILED, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Item 99 (3rd ed. 114) (A title) is not built yet"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theTourNamesWhatIsNotBuiltAndRunsTheRest() {
        Catalog.Item unbuilt2 = new Catalog.Item(98, 113, "Another", "A claim", "nothing-here");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = RunCommand.runDemos(List.of(UNBUILT, unbuilt2), new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err, false);
        assertEquals(Workbench.OK, code);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Not built yet: Items 99, 98."));
    }

    @Test
    void aFailingDemoIsOneLineNamingItsFileAndTheStackOnlyUnderDebug() {
        String path = "/no/such/input.txt";
        Demo failing = narrator -> {
            throw new NoSuchFileException(path);
        };
        for (boolean debug : List.of(false, true)) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = RunCommand.runDemos(List.of(UNBUILT), item -> Optional.of(failing),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), debug);
            String printed = err.toString(StandardCharsets.UTF_8);
            assertEquals(Workbench.FAILED, code);
            assertTrue(printed.contains(path) && printed.contains("Item 99"), printed);
            if (debug) {
                assertTrue(printed.contains("\tat "), printed);
            } else {
                assertEquals(1, printed.lines().count(), printed);
                assertFalse(printed.contains("\tat "), printed);
            }
        }
    }

    @Test
    void aDefectInADemoIsOneLineToo() {
        Demo failing = narrator -> {
            throw new IllegalStateException("a bug");
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = RunCommand.runDemos(List.of(UNBUILT), item -> Optional.of(failing),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        String printed = err.toString(StandardCharsets.UTF_8);
        assertEquals(Workbench.FAILED, code);
        assertEquals(1, printed.lines().count(), printed);
        assertTrue(printed.contains("a bug") && printed.contains("IllegalStateException"), printed);
    }
}
