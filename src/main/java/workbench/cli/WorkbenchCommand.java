package workbench.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import workbench.Catalog;

/**
 * The top command, {@code workbench}: with no subcommand it runs the tour (every built demo, one after another).
 * Its {@code subcommands} list is the one place a subcommand is registered. A command's failure prints one line
 * on stderr and exits 1 ({@link ErrorLine}); {@code --debug}, before or after the subcommand, adds the stack trace.
 * Every subcommand answers {@code -h}/{@code --help}, and {@code help <command>} prints its usage: both exit 0.
 */
@Command(name = "workbench", mixinStandardHelpOptions = true, version = "concurrency workbench 0.1",
        description = "Effective Python's concurrency chapter (2nd ed. Items 52-64, 3rd ed. 67-79) in Java."
                + " With no command: the tour of every built demo.",
        subcommands = {
                ListCommand.class,
                RunCommand.class,
                BenchCommand.class,
                IndexCommand.class,
                ReportCommand.class,
                StressCommand.class,
                LoadCommand.class,
                NotebooksCommand.class,
                TimelineCommand.class,
                CommandLine.HelpCommand.class,
                CheckFiguresCommand.class,
        })
public final class WorkbenchCommand implements Callable<Integer> {

    final PrintStream out;
    final PrintStream err;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "On a failure, print the stack trace after the one-line message.")
    boolean debug;

    private WorkbenchCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs the command line {@code args} with the given streams and returns its exit code. */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        return commandLine(out, err).execute(args);
    }

    /** The command line with its streams and handlers set, ready to {@code execute}. */
    static CommandLine commandLine(PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new WorkbenchCommand(out, err));
        withHelpOptions(cli);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, ignored) -> {
            // Always the message, any "did you mean" suggestions, and the usage: never a suggestion alone.
            CommandLine commandLine = e.getCommandLine();
            PrintWriter errors = commandLine.getErr();
            errors.println(e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, errors);
            commandLine.usage(errors);
            return ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            PrintWriter errors = commandLine.getErr();
            errors.println(ErrorLine.of(e));
            if (debug(parseResult)) {
                e.printStackTrace(errors);
            }
            return ExitCode.FAILED;
        });
        return cli;
    }

    /**
     * Gives every subcommand, at any depth, {@code -h}/{@code --help} (and {@code -V}), here rather than on each
     * command's annotation, so that a command added later has them too; one that declares its own is left as is.
     */
    private static void withHelpOptions(CommandLine command) {
        for (CommandLine sub : command.getSubcommands().values()) {
            CommandLine.Model.CommandSpec spec = sub.getCommandSpec();
            if (spec.optionsMap().get("--help") == null) {
                spec.mixinStandardHelpOptions(true);
                spec.version(command.getCommandSpec().version());
            }
            withHelpOptions(sub);
        }
    }

    /** Whether {@code --debug} was given anywhere on the command line. */
    private static boolean debug(CommandLine.ParseResult parseResult) {
        for (CommandLine.ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }

    /** The tour. */
    @Override
    public Integer call() {
        return RunCommand.runDemos(Catalog.items(), out, err, debug);
    }
}
