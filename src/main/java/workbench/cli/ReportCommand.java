package workbench.cli;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import workbench.ReadmeSections;
import workbench.bench.BenchRunner;
import workbench.bench.ReadmeResults;
import workbench.bench.Report;

/** {@code workbench report [--results <dir>]}: tables and charts from the recorded results. */
@Command(name = "report", description = "Turn recorded results into tables and charts: writes REPORT.md and"
        + " PNG charts in every machine folder under the results folder.")
final class ReportCommand extends Subcommand {

    @Mixin
    ResultsFolder folder;

    @Override
    public Integer call() throws Exception {
        Path results = folder.results;
        if (!Files.exists(results)) {
            throw new NoSuchFileException(results.toString());
        }
        if (!Files.isDirectory(results)) {
            throw new NotDirectoryException(results.toString());
        }
        List<Path> reports = Report.writeAll(results);
        reports.forEach(report -> out().println("Wrote " + report));
        Path readme = Path.of("README.md");
        if (results.equals(BenchRunner.DEFAULT_RESULTS) && Files.exists(readme)) {
            ReadmeSections.RESULTS.write(readme, ReadmeResults.section(results));
            out().println("Rewrote the results section of README.md");
        }
        if (reports.isEmpty()) {
            err().println("workbench: no recorded results under " + results
                    + ": run `workbench bench <item>` first.");
            return ExitCode.FAILED;
        }
        return ExitCode.OK;
    }
}
