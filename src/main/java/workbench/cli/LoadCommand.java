package workbench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import workbench.Catalog;
import workbench.bench.LoadHarness;
import workbench.bench.LoadOptions;
import workbench.item61.Item61Load;

/**
 * {@code workbench load <item>}: an item's {@link LoadHarness}, run in this JVM with the options parsed here. The
 * harnesses are registered in {@link #HARNESSES}: an item with a load harness adds it there.
 */
@Command(name = "load", description = "Drive an item's servers, each in a process of its own, from one load"
        + " generator (Item 61: every style, Java's and CPython's, 1 to 10,000 clients) and record JSON with a"
        + " machine sidecar under <results>/<machine>/.")
final class LoadCommand extends Subcommand {

    /** Every item's load harness. */
    static final List<LoadHarness> HARNESSES = List.of(new Item61Load());

    @Parameters(index = "0", arity = "1", paramLabel = "<item>", converter = ItemsArgument.OneItemConverter.class,
            description = "An item with a load harness: 61 (or 76).")
    Catalog.Item item;

    @Mixin
    ResultsFolder folder;

    @Option(names = "--quick", description = "1 and 64 clients, short rounds: a look, not a result.")
    boolean quick;

    @Option(names = "--styles", split = ",", paramLabel = "<A,B>", description = "Only these styles.")
    List<String> styles;

    @Option(names = "--clients", split = ",", paramLabel = "<1,64>", converter = ClientCount.class,
            description = "Only these client counts.")
    List<Integer> clients;

    /** The harness of an item, if it has one. */
    static Optional<LoadHarness> harness(int item) {
        return HARNESSES.stream().filter(harness -> harness.item() == item).findFirst();
    }

    @Override
    public Integer call() throws Exception {
        Optional<LoadHarness> harness = harness(item.number());
        if (harness.isEmpty()) {
            err().println("workbench: " + item.label() + " has no load harness (items with one: "
                    + HARNESSES.stream().map(h -> Integer.toString(h.item())).collect(Collectors.joining(", ")) + ")");
            return ExitCode.FAILED;
        }
        List<String> chosen = new ArrayList<>();
        for (String style : styles == null ? List.<String>of() : styles) {
            Optional<String> known = harness.get().styles().stream().filter(s -> s.equalsIgnoreCase(style.strip()))
                    .findFirst();
            if (known.isEmpty()) {
                err().println("workbench load " + item.number() + ": unknown style '" + style + "'; styles: "
                        + String.join(", ", harness.get().styles()));
                return ExitCode.USAGE;
            }
            chosen.add(known.get());
        }
        harness.get().run(new LoadOptions(chosen, clients == null ? List.of() : clients, quick, folder.results), out());
        return ExitCode.OK;
    }

    /** A client count: a whole number of at least 1 ({@code 10_000} reads as 10000). */
    static final class ClientCount implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int count = Integer.parseInt(value.strip().replace("_", ""));
                if (count >= 1) {
                    return count;
                }
            } catch (NumberFormatException e) {
                // said below
            }
            throw new CommandLine.TypeConversionException("not a client count: '" + value + "'");
        }
    }
}
