package workbench.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import workbench.Catalog;
import workbench.Demo;
import workbench.bench.FigureCheck;
import workbench.demo.Narrator;
import workbench.demo.Verdict;

/**
 * {@code workbench check-figures [--runs N]}: runs each demo that prints a verdict a few times and compares each
 * verdict with the recorded benchmark's ratio for the same comparison ({@link FigureCheck}).
 */
@Command(name = "check-figures", mixinStandardHelpOptions = true, description = "Run each demo that prints a timed"
        + " comparison a few times, its output hidden, and compare every ratio it printed with the recorded"
        + " benchmark's ratio for the same comparison: they agree when on the same side of 1 (within 10 %% of 1 is"
        + " 'about the same') and within a factor of 2. Prints per item what agreed and what did not; exit 1 if"
        + " any printed figure contradicts its benchmark or could not be checked. Run it on a quiet machine.")
final class CheckFiguresCommand extends Subcommand {

    @Option(names = "--runs", paramLabel = "<n>", defaultValue = "3",
            description = "How many times to run each demo (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--machine", paramLabel = "<id>",
            description = "Compare with this machine folder's benchmarks (default: this machine's, else the first"
                    + " folder that recorded them).")
    String machine;

    @Mixin
    ResultsFolder folder;

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            err().println("workbench: --runs must be at least 1, got " + runs);
            return ExitCode.USAGE;
        }
        boolean contradiction = false;
        for (int number : FigureCheck.items()) {
            Catalog.Item item = Catalog.require(number);
            Optional<Demo> demo = item.demo();
            if (demo.isEmpty()) {
                err().println("workbench: " + item.label() + " has no demo to check");
                contradiction = true;
                continue;
            }
            List<List<Verdict>> verdicts = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                Narrator hidden = new Narrator(new PrintStream(OutputStream.nullOutputStream(), true,
                        StandardCharsets.UTF_8));
                demo.get().run(hidden);
                verdicts.add(hidden.verdicts());
            }
            out().println(item.label() + ", " + runs + " run" + (runs == 1 ? "" : "s") + ":");
            Path results = folder.results;
            for (FigureCheck.Outcome outcome : FigureCheck.judge(number, verdicts, name -> {
                try {
                    return FigureCheck.benchmarked(results, FigureCheck.comparison(number, name).orElseThrow(),
                            Optional.ofNullable(machine));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            })) {
                out().println(outcome.line());
                contradiction |= outcome.contradicts();
            }
        }
        out().println(contradiction ? "Some printed figures contradict their benchmarks, or could not be checked."
                : "Every printed figure agrees with its benchmark.");
        return contradiction ? ExitCode.FAILED : ExitCode.OK;
    }
}
