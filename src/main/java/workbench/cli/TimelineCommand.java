package workbench.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import workbench.Catalog;
import workbench.examples.Example;
import workbench.examples.Way;
import workbench.timeline.Timelines;

/**
 * {@code workbench timeline <item> [--example E] [--strategy S] [--out DIR]}: records each way of each example the
 * item declares ({@code workbench.itemNN.ItemNNExamples}), or the ones named, with the flight recorder and writes,
 * per run, from that one recording, {@code timeline-<item>-<example>-<way>.jfr}, {@code .png} and {@code .json}
 * (Trace Event JSON for the Perfetto UI), then the summary read from the recording and what recording cost; where an example compares more than one way,
 * one picture stacks them on one time scale: {@code timeline-<item>.png} for the item's first (central) example,
 * {@code timeline-<item>-<example>.png} for each other.
 */
@Command(name = "timeline", description = "Record each way of an item's examples and write"
        + " timeline-<item>-<example>-<way>.png (lanes), .json (Trace Event JSON: open it in the Perfetto UI or"
        + " chrome://tracing) and .jfr (JDK Mission Control), all from one recording; and timeline-<item>.png, the first example's ways stacked on one time scale"
        + " (timeline-<item>-<example>.png for each other example).")
final class TimelineCommand extends Subcommand {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "1", paramLabel = "<item>", converter = ItemsArgument.OneItemConverter.class,
            description = "An item, 52-64 (or its 3rd-edition number, 67-79): every item has timelines.")
    Catalog.Item item;

    @Option(names = "--example", paramLabel = "<example>",
            description = "Record only this example (default: every one the item declares).")
    String example;

    @Option(names = "--strategy", paramLabel = "<strategy>",
            description = "Record only this way, e.g. gil-threads (default: every one the examples compare).")
    String strategy;

    @Option(names = "--out", paramLabel = "<dir>", description = "Where to write (default: ./timelines, git-ignored).")
    Path out;

    @Option(names = "--cpus", description = "Also record the kernel's scheduler trace (perf sched record; root or a"
            + " low perf_event_paranoid) and add a lane per CPU showing which thread ran on it; without perf a note"
            + " says why and the recording goes on.")
    boolean cpus;

    @Override
    public Integer call() throws Exception {
        PrintStream stdout = out();
        List<Example<?>> examples = item.examples().examples();
        if (example != null) {
            examples = examples.stream().filter(e -> e.name().equals(example)).toList();
            if (examples.isEmpty()) {
                throw usage("'" + example + "' is not an example of " + item.label() + ": give one of "
                        + String.join(", ", item.examples().examples().stream().map(Example::name).toList()));
            }
        }
        List<Example.Run> runs = examples.stream().flatMap(e -> e.runs().stream())
                .filter(run -> strategy == null || run.way().slug().equals(strategy)).toList();
        if (runs.isEmpty()) {
            throw usage("'" + strategy + "' is not a way of " + (example == null ? item.label() + "'s examples"
                    : "the example " + example) + ": give one of " + String.join(", ", examples.stream()
                    .flatMap(e -> e.ways().stream()).map(Way::slug).distinct().toList()));
        }
        Path folder = out == null ? Timelines.DEFAULT_FOLDER : out;
        int done = 0;
        List<Timelines.Output> outputs = new ArrayList<>();
        for (Example.Run run : runs) {
            stdout.printf("[%d/%d] recording %s %s (%s) ...%n", ++done, runs.size(), run.example().name(),
                    run.way().slug(), run.example().title());
            stdout.flush();
            Timelines.Output output = Timelines.record(run, folder, cpus);
            outputs.add(output);
            stdout.println("  wrote " + output.png() + ", " + output.json().getFileName() + ", "
                    + output.jfr().getFileName());
            output.summary().forEach(line -> stdout.println("  " + line));
            output.timeline().notes().forEach(note -> stdout.println("  note: " + note));
            stdout.println("  " + output.costLine());
        }
        for (Path stacked : Timelines.writeStacked(item.examples().examples(), outputs, folder)) {
            stdout.println("wrote " + stacked + ": each way of its example stacked on one time scale");
        }
        stdout.println("Open a .json in the Perfetto UI (ui.perfetto.dev, 'Open trace file') or chrome://tracing;"
                + " a .jfr in JDK Mission Control.");
        return ExitCode.OK;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
