package workbench.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import workbench.Catalog;
import workbench.bench.BenchRunner;
import workbench.bench.OtherProcesses;
import workbench.bench.QuietStart;

/**
 * {@code workbench bench <item|all> [--quick|--full] [--results <dir>] [--require-quiet [--allow-busy]]}: run JMH
 * and record the results. By default every row is watched and a busy one warned about and marked; with
 * {@code --require-quiet} each item waits for quiet first and is refused if none comes; {@code --allow-busy} turns
 * that refusal into a warning.
 */
@Command(name = "bench", description = {"Run one item's JMH benchmark, or all of them, and record JSON results"
        + " with a machine sidecar under benchmarks/results/<machine>/.",
        "Each row records what other processes took of the CPU while it ran (the machine's busy time in /proc/stat"
                + " less the benchmark's own JVMs and CPython's) and warns above 5 %% of a core; `report` marks"
                + " such a row. Where /proc is absent it says 'not measured' and goes on."})
final class BenchCommand extends Subcommand {

    @Mixin
    ItemsArgument selection;

    @Mixin
    ResultsFolder folder;

    @ArgGroup(exclusive = true)
    ProfileChoice profile;

    static final class ProfileChoice {
        @Option(names = "--quick", required = true, description = "One fork and short iterations: a look in"
                + " minutes, not a result to publish.")
        boolean quick;

        @Option(names = "--full", required = true, description = "The benchmark's own forks, warm-up and"
                + " measurement: a result to record (the default).")
        boolean full;
    }

    @Option(names = "--require-quiet", description = "Before each item, wait for a 5 s window in which other"
            + " processes take at most 5 %% of a core; if none comes within --quiet-wait, refuse: record nothing"
            + " more and exit 1.")
    boolean requireQuiet;

    @Option(names = "--quiet-wait", paramLabel = "<seconds>", defaultValue = "120",
            description = "How long --require-quiet waits for quiet before each item (default: ${DEFAULT-VALUE}).")
    int quietWait;

    @Option(names = "--allow-busy", description = "With --require-quiet: when the wait ends busy, warn and record"
            + " anyway instead of refusing (the busy rows are marked in the report).")
    boolean allowBusy;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (allowBusy && !requireQuiet) {
            throw new ParameterException(spec.commandLine(), "--allow-busy overrides --require-quiet's refusal:"
                    + " give both, or neither");
        }
        if (quietWait < 0) {
            throw new ParameterException(spec.commandLine(), "--quiet-wait must be 0 or more seconds");
        }
        PrintStream out = out();
        List<Catalog.Item> items = selection.items();
        List<Catalog.Item> runnable = items.stream().filter(i -> i.benchmarkClass().isPresent()).toList();
        if (runnable.isEmpty()) {
            err().println("workbench: no benchmark is built yet for "
                    + RunCommand.describeNumbers(items.stream().map(Catalog.Item::number).toList()));
            return ExitCode.FAILED;
        }
        // Before the first fork: a results folder that cannot be made fails now, not after a benchmark's minutes.
        BenchRunner.machineFolder(folder.results);
        BenchRunner.Profile chosen = profile != null && profile.quick ? BenchRunner.Profile.QUICK
                : BenchRunner.Profile.FULL;
        long start = System.nanoTime();
        int done = 0;
        for (Catalog.Item item : items) {
            if (item.benchmarkClass().isEmpty()) {
                out.println(item.label() + " has no benchmark yet; skipped.");
                continue;
            }
            out.printf("[%d/%d] %s, %s s elapsed%n", ++done, runnable.size(), item.benchmarkClassName(),
                    Duration.ofNanos(System.nanoTime() - start).toSeconds());
            if (requireQuiet && QuietStart.await(Duration.ofSeconds(quietWait), out) == QuietStart.Outcome.BUSY) {
                if (!allowBusy) {
                    err().println("workbench: refused to record " + item.label() + ": other processes took more"
                            + " than " + OtherProcesses.describe(OtherProcesses.THRESHOLD_PERCENT_OF_CORE) + " for "
                            + quietWait + " s. Stop them, or give --allow-busy to"
                            + " record anyway.");
                    return ExitCode.FAILED;
                }
                out.println("The machine is still busy after " + quietWait + " s; recording anyway (--allow-busy).");
            }
            Path json = BenchRunner.run(item, chosen, folder.results, out);
            out.println("Recorded " + json + "; `workbench report` turns it into tables and charts.");
        }
        return ExitCode.OK;
    }
}
