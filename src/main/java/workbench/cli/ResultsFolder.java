package workbench.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The {@code --results} option that {@code bench} writes to and {@code report} reads from. */
final class ResultsFolder {

    @Option(names = "--results", paramLabel = "<dir>", defaultValue = "benchmarks/results",
            description = "The folder of recorded results, one subfolder per machine (default: ${DEFAULT-VALUE}).")
    Path results;
}
