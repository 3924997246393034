package workbench.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import workbench.Catalog;
import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;
import workbench.proc.Child;
import workbench.proc.ChildTimeoutException;
import workbench.proc.JavaLauncher;

/** {@code workbench stress <item> [--quick]}: an item's jcstress outcome tables, run in a child JVM. */
@Command(name = "stress", description = "Run one item's jcstress outcome tables (workbench.itemNN.ItemNNStress)"
        + " in a child JVM; its reports go to <reports>/itemNN/. Exit 1 if any test failed.")
final class StressCommand extends Subcommand {

    @Parameters(index = "0", arity = "1", paramLabel = "<item>", converter = ItemsArgument.OneItemConverter.class,
            description = "An item number, 52-64 or 67-79.")
    Catalog.Item item;

    /** jcstress loads JNA (CPU affinity): allow it, so JDK 22+ prints no warning. */
    private static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    @Option(names = "--quick", description = "One JVM configuration, one fork, one 300 ms iteration per test"
            + " (1 to 2 minutes for a few tests); without it, jcstress's default preset (much longer).")
    boolean quick;

    @Option(names = "--timeout", paramLabel = "<minutes>", defaultValue = "60",
            description = "End jcstress if it runs longer (default: ${DEFAULT-VALUE}).")
    long timeoutMinutes;

    @Option(names = "--reports", paramLabel = "<dir>", defaultValue = "target/jcstress",
            description = "Where jcstress's reports go, one folder per item (default: ${DEFAULT-VALUE}).")
    Path reports;

    @Override
    public Integer call() throws Exception {
        String tests = item.demoClassName() + "Stress";
        if (Catalog.class.getClassLoader().getResource(tests.replace('.', '/') + ".class") == null) {
            err().println("workbench: " + item.label() + " has no jcstress tests (" + tests + ")");
            return ExitCode.FAILED;
        }
        Path dir = reports.resolve("item" + item.number()).toAbsolutePath();
        Files.createDirectories(dir);
        List<String> options = new ArrayList<>(List.of(
                "-t", Pattern.quote(tests + ".") + ".*", "-r", dir.toString()));
        if (quick) {
            // Any -jvmArgs runs one JVM configuration instead of jcstress's many flag combinations;
            // -sc false compiles both actors alike instead of trying each actor in each compiler.
            options.addAll(List.of("-jvmArgs", NATIVE_ACCESS, "-sc", "false", "-f", "1", "-iters", "1",
                    "-time", "300"));
        } else {
            options.addAll(List.of("-jvmArgsPrepend", NATIVE_ACCESS));
        }
        out().println("jcstress " + String.join(" ", options));
        // The child runs in the report folder: jcstress writes its result blob to its working directory.
        ProcessBuilder jcstress = new ProcessBuilder(JavaLauncher.command(List.of(NATIVE_ACCESS),
                org.openjdk.jcstress.Main.class, options.toArray(String[]::new)))
                .directory(dir.toFile()).redirectErrorStream(true);
        Duration timeout = Duration.ofMinutes(timeoutMinutes);
        SummaryLines output = new SummaryLines(out());
        int exit;
        try (Child child = Child.start(jcstress, output)) {  // close() ends it and its forks in any case
            exit = child.communicate(timeout).exitCode();
        } catch (ChildTimeoutException e) {
            err().println("workbench: jcstress ran longer than " + timeout.toMinutes() + " minutes and was"
                    + " ended; see " + dir.resolve("index.html"));
            return ExitCode.FAILED;
        } finally {
            output.finish();
        }
        if (exit != 0 || output.failures) {
            err().println("workbench: jcstress " + (output.failures ? "found failing tests" : "exited " + exit)
                    + "; see " + dir.resolve("index.html"));
            return ExitCode.FAILED;
        }
        return ExitCode.OK;
    }

    /**
     * jcstress's output, printed line by line as it comes, noting a summary line that names failed or erring
     * tests: jcstress exits 0 either way.
     */
    @ThreadSafe
    static final class SummaryLines extends OutputStream {
        private final PrintStream out;
        @GuardedBy("this")
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        volatile boolean failures;

        SummaryLines(PrintStream out) {
            this.out = out;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                endLine();
            } else {
                line.write(b);
            }
        }

        /** Prints what is left of an unfinished last line. */
        synchronized void finish() {
            if (line.size() > 0) {
                endLine();
            }
        }

        @GuardedBy("this")
        private void endLine() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            out.println(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
            String summary = text.strip();
            if ((summary.startsWith("Failed tests:") || summary.startsWith("Error tests:"))
                    && !summary.endsWith("No matches.")) {
                failures = true;
            }
        }
    }
}
