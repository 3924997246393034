package workbench.cli;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import workbench.Catalog;

/** {@code workbench load <item>}: an item's load harness ({@code workbench.itemNN.ItemNNLoad}), run in this JVM. */
@Command(name = "load", description = "Drive an item's servers, each in a process of its own, from one load"
        + " generator (Item 61: every style, Java's and CPython's, 1 to 10,000 clients) and record JSON with a"
        + " machine sidecar under <results>/<machine>/.")
final class LoadCommand extends Subcommand {

    @Parameters(index = "0", arity = "1", paramLabel = "<item>", converter = ItemsArgument.OneItemConverter.class,
            description = "An item with a load harness (workbench.itemNN.ItemNNLoad): 61 (or 76).")
    Catalog.Item item;

    @Mixin
    ResultsFolder folder;

    @Option(names = "--quick", description = "1 and 64 clients, short rounds: a look, not a result.")
    boolean quick;

    @Option(names = "--styles", paramLabel = "<A,B>", description = "Only these styles.")
    String styles;

    @Option(names = "--clients", paramLabel = "<1,64>", description = "Only these client counts.")
    String clients;

    @Override
    public Integer call() throws Exception {
        String harness = item.demoClassName() + "Load";
        Method run;
        try {
            run = Class.forName(harness).getMethod("run", List.class, PrintStream.class, PrintStream.class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            err().println("workbench: " + item.label() + " has no load harness (" + harness + ")");
            return ExitCode.FAILED;
        }
        List<String> args = new ArrayList<>(List.of("--results", folder.results.toString()));
        if (quick) {
            args.add("--quick");
        }
        if (styles != null) {
            args.addAll(List.of("--styles", styles));
        }
        if (clients != null) {
            args.addAll(List.of("--clients", clients));
        }
        try {
            return (Integer) run.invoke(null, args, out(), err());
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
