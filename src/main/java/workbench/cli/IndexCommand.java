package workbench.cli;

import java.io.IOException;
import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import workbench.Catalog;
import workbench.ReadmeSections;

/** {@code workbench index [--write]}: the README's item index, generated from the catalogue. */
@Command(name = "index", description = "Print the README's item index (Markdown), generated from the catalogue.")
final class IndexCommand extends Subcommand {

    @Option(names = "--write", description = "Rewrite the index section of the README instead of printing it.")
    boolean write;

    @Option(names = "--readme", paramLabel = "<file>", defaultValue = "README.md",
            description = "The README that --write rewrites (default: ${DEFAULT-VALUE}).")
    Path readme;

    @Override
    public Integer call() throws IOException {
        if (write) {
            ReadmeSections.INDEX.write(readme, Catalog.markdownIndex());
            out().println("Rewrote the item index in " + readme);
        } else {
            out().print(Catalog.markdownIndex());
        }
        return ExitCode.OK;
    }
}
