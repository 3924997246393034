package workbench.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import workbench.Catalog;
import workbench.Demo;
import workbench.demo.Narrator;

/** {@code workbench run <item|all>}: one item's demo, or every built one (the tour runs the same way). */
@Command(name = "run", description = "Run one item's demo, or all built demos.")
final class RunCommand extends Subcommand {

    @Mixin
    ItemsArgument selection;

    @Override
    public Integer call() {
        return runDemos(selection.items(), out(), err(), debug());
    }

    /**
     * Runs demos in order; an unbuilt item is reported, a failing demo does not stop the others. A failure is one
     * line on {@code err}; {@code debug} adds its stack trace.
     */
    static int runDemos(List<Catalog.Item> items, PrintStream out, PrintStream err, boolean debug) {
        return runDemos(items, Catalog.Item::demo, out, err, debug);
    }

    /** As above, with each item's demo found by {@code demos} (a test's stand-in). */
    static int runDemos(List<Catalog.Item> items, Function<Catalog.Item, Optional<Demo>> demos, PrintStream out,
            PrintStream err, boolean debug) {
        List<String> failed = new ArrayList<>();
        List<Integer> notBuilt = new ArrayList<>();
        for (Catalog.Item item : items) {
            Optional<Demo> demo = demos.apply(item);
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
                return ExitCode.FAILED;
            } catch (Exception | AssertionError e) {
                failed.add(item.label());
                err.println("workbench: " + item.label() + " failed: " + ErrorLine.describe(e));
                if (debug) {
                    e.printStackTrace(err);
                }
            }
        }
        if (!notBuilt.isEmpty()) {
            if (items.size() == 1) {
                err.println("workbench: " + items.get(0).label() + " (" + items.get(0).title()
                        + ") is not built yet.");
                return ExitCode.FAILED;
            }
            out.println();
            out.println("Not built yet: " + describeNumbers(notBuilt) + ".");
        }
        if (!failed.isEmpty() && items.size() > 1) {
            err.println("workbench: failed: " + String.join(", ", failed));
        }
        return failed.isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

    /** "Item 52" or "Items 52, 53". */
    static String describeNumbers(List<Integer> numbers) {
        return numbers.size() == 1 ? "Item " + numbers.get(0)
                : "Items " + String.join(", ", numbers.stream().map(String::valueOf).toList());
    }
}
