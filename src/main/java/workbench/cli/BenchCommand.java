package workbench.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import workbench.Catalog;
import workbench.bench.BenchRunner;

/** {@code workbench bench <item|all> [--quick|--full] [--results <dir>]}: run JMH and record the results. */
@Command(name = "bench", description = "Run one item's JMH benchmark, or all of them, and record JSON results"
        + " with a machine sidecar under benchmarks/results/<machine>/.")
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

    @Override
    public Integer call() throws Exception {
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
            Path json = BenchRunner.run(item, chosen, folder.results, out);
            out.println("Recorded " + json + "; `workbench report` turns it into tables and charts.");
        }
        return ExitCode.OK;
    }
}
