package workbench;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;
import workbench.bench.BenchRunner;
import workbench.demo.Narrator;
import workbench.proc.Child;
import workbench.proc.ChildTimeoutException;
import workbench.proc.JavaLauncher;

/**
 * The workbench's command line. With no arguments it runs the tour: every built demo, one after another.
 *
 * <pre>
 *   java -jar target/workbench.jar                 the tour
 *   java -jar target/workbench.jar list            the items, built or not
 *   java -jar target/workbench.jar run 52          one demo (52-64, or the 3rd edition's 67-79)
 *   java -jar target/workbench.jar run all         every built demo
 *   java -jar target/workbench.jar bench 52 --quick
 *   java -jar target/workbench.jar stress 54 --quick   an item's jcstress outcome tables
 *   java -jar target/workbench.jar timeline 53       lanes of who ran when: PNG, Trace Event JSON, .jfr
 * </pre>
 *
 * Exit codes: 0 done; 1 a demo or benchmark failed, or the item is not built yet; 2 bad usage.
 */
@Command(name = "workbench", mixinStandardHelpOptions = true, version = "concurrency workbench 0.1",
        description = "Effective Python's concurrency chapter (2nd ed. Items 52-64, 3rd ed. 67-79) in Java."
                + " With no command: the tour of every built demo.",
        subcommands = {Workbench.ListItems.class, Workbench.Run.class, Workbench.Bench.class,
                Workbench.Index.class, Workbench.ReportCommand.class, Workbench.Stress.class,
                workbench.notebook.NotebooksCommand.class, workbench.cli.TimelineCommand.class})
public final class Workbench implements Callable<Integer> {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    private final PrintStream out;
    private final PrintStream err;

    private Workbench(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, System.err, args));
    }

    /** Runs the CLI with the given streams and returns its exit code (what {@code main} exits with). */
    public static int execute(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new Workbench(out, err));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, args1) -> {
            // Always the message, any "did you mean" suggestions, and the usage: never a suggestion alone.
            CommandLine commandLine = e.getCommandLine();
            PrintWriter errors = commandLine.getErr();
            errors.println(e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, errors);
            commandLine.usage(errors);
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("workbench: " + e);
            e.printStackTrace(commandLine.getErr());
            return FAILED;
        });
        return cli.execute(args);
    }

    /** The tour. */
    @Override
    public Integer call() {
        return runDemos(Catalog.items(), out, err);
    }

    /** A subcommand: it prints through the top command's streams. */
    abstract static class Subcommand implements Callable<Integer> {
        @CommandLine.ParentCommand
        Workbench parent;
    }

    /** The {@code <item|all>} argument of {@code run} and {@code bench}. */
    static final class ItemsArgument {
        @Parameters(index = "0", arity = "1", paramLabel = "<item|all>", converter = ItemsConverter.class,
                description = "An item number, 52-64 (2nd edition) or 67-79 (3rd edition), or 'all'.")
        Selection selection;

        List<Catalog.Item> items() {
            return selection.items();
        }
    }

    @Command(name = "list", description = "List the book's items: numbers, titles, claims and what is built.")
    static final class ListItems extends Subcommand {
        @Override
        public Integer call() {
            PrintStream out = parent.out;
            out.println("Item 3rd  Built  Title");
            for (Catalog.Item item : Catalog.items()) {
                out.printf("%4d %3d  %-5s  %s%n", item.number(), item.thirdEdition(),
                        item.built() ? "yes" : "no", item.title());
                out.printf("                 %s%n", item.claim());
            }
            return OK;
        }
    }

    @Command(name = "run", description = "Run one item's demo, or all built demos.")
    static final class Run extends Subcommand {
        @CommandLine.Mixin
        ItemsArgument selection;

        @Override
        public Integer call() {
            return runDemos(selection.items(), parent.out, parent.err);
        }
    }

    @Command(name = "bench", description = "Run one item's JMH benchmark, or all of them, and record JSON results"
            + " with a machine sidecar under benchmarks/results/<machine>/.")
    static final class Bench extends Subcommand {
        @CommandLine.Mixin
        ItemsArgument selection;

        @CommandLine.Mixin
        ResultsFolder folder;

        @CommandLine.ArgGroup(exclusive = true)
        ProfileChoice profile;

        static final class ProfileChoice {
            @Option(names = "--quick", required = true, description = "One fork and short iterations: a look in"
                    + " minutes, not a result to publish.")
            boolean quick;

            @Option(names = "--full", required = true, description = "The benchmark's own forks, warm-up and"
                    + " measurement: a result to record (the default).")
            boolean full;
        }

        @Override
        public Integer call() throws Exception {
            PrintStream out = parent.out;
            List<Catalog.Item> items = selection.items();
            List<Catalog.Item> runnable = items.stream().filter(i -> i.benchmarkClass().isPresent()).toList();
            if (runnable.isEmpty()) {
                parent.err.println("workbench: no benchmark is built yet for " + describe(items));
                return FAILED;
            }
            boolean quick = profile != null && profile.quick;
            long start = System.nanoTime();
            int done = 0;
            for (Catalog.Item item : items) {
                if (item.benchmarkClass().isEmpty()) {
                    out.println(item.label() + " has no benchmark yet; skipped.");
                    continue;
                }
                out.printf("[%d/%d] %s, %s elapsed%n", ++done, runnable.size(), item.benchmarkClassName(),
                            java.time.Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
                Path json = BenchRunner.run(item, quick ? BenchRunner.Profile.QUICK : BenchRunner.Profile.FULL,
                        folder.results, out);
                out.println("Recorded " + json + "; `workbench report` turns it into tables and charts.");
            }
            return OK;
        }
    }

    @Command(name = "index", description = "Print the README's item index (Markdown), generated from the catalogue.")
    static final class Index extends Subcommand {
        @Option(names = "--write", description = "Rewrite the index section of ./README.md instead of printing it.")
        boolean write;

        @Override
        public Integer call() throws java.io.IOException {
            if (write) {
                ReadmeSections.INDEX.write(Path.of("README.md"), Catalog.markdownIndex());
                parent.out.println("Rewrote the item index in README.md");
            } else {
                parent.out.print(Catalog.markdownIndex());
            }
            return OK;
        }
    }

    /** The {@code --results} option that {@code bench} writes to and {@code report} reads from. */
    static final class ResultsFolder {
        @Option(names = "--results", paramLabel = "<dir>", defaultValue = "benchmarks/results",
                description = "The folder of recorded results, one subfolder per machine (default: ${DEFAULT-VALUE}).")
        Path results;
    }

    /** The items a command line names: one, or all. */
    record Selection(List<Catalog.Item> items) {
    }

    @Command(name = "report", description = "Turn recorded results into tables and charts: writes REPORT.md and"
            + " PNG charts in every machine folder under the results folder.")
    static final class ReportCommand extends Subcommand {
        @CommandLine.Mixin
        ResultsFolder folder;

        @Override
        public Integer call() throws Exception {
            Path results = folder.results;
            List<Path> reports = workbench.bench.Report.writeAll(results);
            reports.forEach(report -> parent.out.println("Wrote " + report));
            Path readme = Path.of("README.md");
            if (results.equals(BenchRunner.DEFAULT_RESULTS) && java.nio.file.Files.exists(readme)) {
                ReadmeSections.RESULTS.write(readme, workbench.bench.Report.readmeSection(results));
                parent.out.println("Rewrote the results section of README.md");
            }
            if (reports.isEmpty()) {
                parent.err.println("workbench: no recorded results under " + results
                        + ": run `workbench bench <item>` first.");
                return FAILED;
            }
            return OK;
        }
    }

    @Command(name = "stress", description = "Run one item's jcstress outcome tables (workbench.itemNN.ItemNNStress)"
            + " in a child JVM; reports go to target/jcstress/itemNN/. Exit 1 if any test failed.")
    static final class Stress extends Subcommand {
        @Parameters(index = "0", arity = "1", paramLabel = "<item>", converter = ItemConverter.class,
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

        @Override
        public Integer call() throws Exception {
            String tests = item.demoClassName() + "Stress";
            if (Catalog.class.getClassLoader().getResource(tests.replace('.', '/') + ".class") == null) {
                parent.err.println("workbench: " + item.label() + " has no jcstress tests (" + tests + ")");
                return FAILED;
            }
            Path dir = Path.of("target", "jcstress", "item" + item.number()).toAbsolutePath();
            java.nio.file.Files.createDirectories(dir);
            List<String> options = new ArrayList<>(List.of(
                    "-t", java.util.regex.Pattern.quote(tests + ".") + ".*", "-r", dir.toString()));
            if (quick) {
                // Any -jvmArgs runs one JVM configuration instead of jcstress's many flag combinations;
                // -sc false compiles both actors alike instead of trying each actor in each compiler.
                options.addAll(List.of("-jvmArgs", NATIVE_ACCESS, "-sc", "false", "-f", "1", "-iters", "1",
                        "-time", "300"));
            } else {
                options.addAll(List.of("-jvmArgsPrepend", NATIVE_ACCESS));
            }
            parent.out.println("jcstress " + String.join(" ", options));
            // The child runs in the report folder: jcstress writes its result blob to its working directory.
            ProcessBuilder jcstress = new ProcessBuilder(JavaLauncher.command(List.of(NATIVE_ACCESS),
                    org.openjdk.jcstress.Main.class, options.toArray(String[]::new)))
                    .directory(dir.toFile()).redirectErrorStream(true);
            Duration timeout = Duration.ofMinutes(timeoutMinutes);
            SummaryLines output = new SummaryLines(parent.out);
            int exit;
            try (Child child = Child.start(jcstress, output)) {  // close() ends it and its forks in any case
                exit = child.communicate(timeout).exitCode();
            } catch (ChildTimeoutException e) {
                parent.err.println("workbench: jcstress ran longer than " + timeout.toMinutes() + " minutes and was"
                        + " ended; see " + dir.resolve("index.html"));
                return FAILED;
            } finally {
                output.finish();
            }
            if (exit != 0 || output.failures) {
                parent.err.println("workbench: jcstress " + (output.failures ? "found failing tests" : "exited " + exit)
                        + "; see " + dir.resolve("index.html"));
                return FAILED;
            }
            return OK;
        }

        /**
         * jcstress's output, printed line by line as it comes, noting a summary line that names failed or erring
         * tests: jcstress exits 0 either way.
         */
        @ThreadSafe
        static final class SummaryLines extends java.io.OutputStream {
            private final PrintStream out;
            @GuardedBy("this")
            private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
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
                String text = line.toString(java.nio.charset.StandardCharsets.UTF_8);
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

    /** Turns "52" or "67" into one catalogue item; anything else, "all" included, is a usage error (exit 2). */
    static final class ItemConverter implements CommandLine.ITypeConverter<Catalog.Item> {
        @Override
        public Catalog.Item convert(String value) {
            List<Catalog.Item> items = new ItemsConverter().convert(value).items();
            if (items.size() != 1) {
                throw new CommandLine.TypeConversionException("'" + value + "': give one item, 52-64 or 67-79");
            }
            return items.get(0);
        }
    }

    /** Turns "52", "67" or "all" into catalogue items; anything else is a usage error (exit 2). */
    static final class ItemsConverter implements CommandLine.ITypeConverter<Selection> {
        @Override
        public Selection convert(String value) {
            if (value.equalsIgnoreCase("all")) {
                return new Selection(Catalog.items());
            }
            try {
                return new Selection(List.of(Catalog.require(Integer.parseInt(value.strip()))));
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not an item: give a number, 52-64 or 67-79, or 'all'");
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Runs demos in order; an unbuilt item is reported, a failing demo does not stop the others. */
    static int runDemos(List<Catalog.Item> items, PrintStream out, PrintStream err) {
        List<String> failed = new ArrayList<>();
        List<Integer> notBuilt = new ArrayList<>();
        for (Catalog.Item item : items) {
            Optional<Demo> demo = item.demo();
            if (demo.isEmpty()) {
                notBuilt.add(item.number());
                continue;
            }
            out.println();
            out.println("=".repeat(100));
            out.println(item.label() + ": " + item.title());
            out.println(item.claim());
            out.println("=".repeat(100));
            try {
                demo.get().run(new Narrator(out));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("workbench: interrupted during " + item.label());
                return FAILED;
            } catch (Exception | AssertionError e) {
                failed.add(item.label());
                err.println("workbench: " + item.label() + " failed: " + e);
                e.printStackTrace(err);
            }
        }
        if (!notBuilt.isEmpty()) {
            String which = describeNumbers(notBuilt);
            if (items.size() == 1) {
                err.println("workbench: " + items.get(0).label() + " (" + items.get(0).title()
                        + ") is not built yet.");
                return FAILED;
            }
            out.println();
            out.println("Not built yet: " + which + ".");
        }
        if (!failed.isEmpty()) {
            err.println("workbench: failed: " + String.join(", ", failed));
            return FAILED;
        }
        return OK;
    }

    private static String describe(List<Catalog.Item> items) {
        return describeNumbers(items.stream().map(Catalog.Item::number).toList());
    }

    private static String describeNumbers(List<Integer> numbers) {
        return numbers.size() == 1 ? "Item " + numbers.get(0)
                : "Items " + String.join(", ", numbers.stream().map(String::valueOf).toList());
    }
}
