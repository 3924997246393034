package workbench.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every subcommand answers {@code -h}, {@code --help} and {@code help <command>} with its usage, and exits 0. */
class HelpTest {

    /** Every registered subcommand's name, read from the command line itself: a new one is tested too. */
    static Stream<String> subcommands() {
        var streams = new PrintStream(new ByteArrayOutputStream(), true, UTF_8);
        List<String> names = List.copyOf(WorkbenchCommand.commandLine(streams, streams).getSubcommands().keySet());
        assertTrue(names.containsAll(List.of("run", "bench", "load", "report", "timeline", "help")), names.toString());
        return names.stream();
    }

    /**
     * picocli formats the usage text with {@code String.format}; a stray {@code %} (such as "10 % of") makes it
     * print a warning to the process's stderr, outside the command's own streams, and show the raw text.
     */
    @ParameterizedTest
    @MethodSource("subcommands")
    void theUsageFormatsWithoutPicocliWarnings(String command) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        Outcome outcome;
        System.setErr(new PrintStream(captured, true, UTF_8));
        try {
            outcome = run(command, "--help");
        } finally {
            System.setErr(original);
        }
        assertUsage(command, outcome);
        assertEquals("", captured.toString(UTF_8), command + "'s usage made picocli warn");
    }

    private record Outcome(int exit, String out, String err) {
    }

    private static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = WorkbenchCommand.execute(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8),
                args);
        return new Outcome(exit, out.toString(UTF_8), err.toString(UTF_8));
    }

    private static void assertUsage(String command, Outcome outcome) {
        assertEquals(ExitCode.OK, outcome.exit(), outcome.err());
        assertTrue(outcome.out().contains("Usage: workbench " + command), outcome.out());
        assertTrue(outcome.out().contains("--help"), outcome.out());
        assertEquals("", outcome.err());
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void dashHAndDashDashHelpPrintTheUsage(String command) {
        assertUsage(command, run(command, "-h"));
        assertUsage(command, run(command, "--help"));
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void helpCommandPrintsTheUsage(String command) {
        assertUsage(command, run("help", command));
    }

    @ParameterizedTest
    @MethodSource("subcommands")
    void helpAfterArgumentsStillPrintsTheUsage(String command) {
        // `load 61 --help` said "Unknown option" before the help options were given to every subcommand.
        assertUsage(command, run(command, "61", "--help"));
    }

    /** The subcommands but {@code help}, which takes any word as the name of a command to explain. */
    static Stream<String> commandsWithOptions() {
        return subcommands().filter(name -> !name.equals("help"));
    }

    @ParameterizedTest
    @MethodSource("commandsWithOptions")
    void aBadOptionIsStillUsageNotHelp(String command) {
        Outcome outcome = run(command, "--no-such-option");
        assertEquals(ExitCode.USAGE, outcome.exit(), outcome.out());
        assertFalse(outcome.err().isEmpty());
    }
}
