package workbench.cli;

import java.io.PrintStream;

import picocli.CommandLine.Command;
import workbench.Catalog;

/** {@code workbench list}: every item, both numbers, whether it is built, and its claim. */
@Command(name = "list", description = "List the book's items: numbers, titles, claims and what is built.")
final class ListCommand extends Subcommand {

    @Override
    public Integer call() {
        PrintStream out = out();
        out.println("Item 3rd  Built  Title");
        for (Catalog.Item item : Catalog.items()) {
            out.printf("%4d %3d  %-5s  %s%n", item.number(), item.thirdEdition(),
                    item.built() ? "yes" : "no", item.title());
            out.printf("                 %s%n", item.claim());
        }
        return ExitCode.OK;
    }
}
