package workbench;

import java.io.PrintStream;

import workbench.cli.ExitCode;
import workbench.cli.WorkbenchCommand;

/**
 * The workbench's entry point; the commands live in {@link workbench.cli}. With no arguments it runs the tour:
 * every built demo, one after another.
 *
 * <pre>
 *   java -jar target/workbench.jar                 the tour
 *   java -jar target/workbench.jar list            the items, built or not
 *   java -jar target/workbench.jar run 52          one demo (52-64, or the 3rd edition's 67-79)
 *   java -jar target/workbench.jar run all         every built demo
 *   java -jar target/workbench.jar bench 52 --quick
 *   java -jar target/workbench.jar stress 54 --quick   an item's jcstress outcome tables
 *   java -jar target/workbench.jar load 61             Item 61's servers under 1 to 10,000 clients
 *   java -jar target/workbench.jar timeline 53       who ran when: PNG, Trace Event JSON and .jfr per strategy
 *   java -jar target/workbench.jar --debug report      a failure's stack trace after its one-line message
 * </pre>
 *
 * The jar's Main-Class is {@code workbench.launcher.Launcher}, which checks the Java version and then calls
 * {@link #main}.
 */
public final class Workbench {

    /** Done. */
    public static final int OK = ExitCode.OK;
    /** A demo, benchmark or file failed, or the item is not built yet. */
    public static final int FAILED = ExitCode.FAILED;
    /** Bad usage: an unknown command, item or flag. */
    public static final int USAGE = ExitCode.USAGE;

    private Workbench() {
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs the CLI with the given streams and returns its exit code (what {@code main} exits with). */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        return WorkbenchCommand.execute(out, err, args);
    }
}
