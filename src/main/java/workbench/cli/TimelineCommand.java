package workbench.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import workbench.Catalog;
import workbench.timeline.TimelineExamples;
import workbench.timeline.Timelines;

/**
 * {@code workbench timeline <item> [--strategy S] [--out DIR]}: records the item's central example under each
 * strategy it compares (or the one named) with the flight recorder and writes, per strategy, from that one
 * recording, {@code timeline-<item>-<strategy>.jfr}, {@code .png} and {@code .json} (Trace Event JSON for the
 * Perfetto UI), then the summary read from the recording and what recording cost.
 */
@Command(name = "timeline", description = "Record an item's example under each strategy and write"
        + " timeline-<item>-<strategy>.png (lanes), .json (Trace Event JSON: open it in the Perfetto UI or"
        + " chrome://tracing) and .jfr (JDK Mission Control), all from one recording.")
final class TimelineCommand extends Subcommand {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "1", paramLabel = "<item>", converter = ItemsArgument.OneItemConverter.class,
            description = "An item, 52-64 (or its 3rd-edition number, 67-79): every item has timelines.")
    Catalog.Item item;

    @Option(names = "--strategy", paramLabel = "<strategy>",
            description = "Record only this strategy (default: every one the item compares).")
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
        int number = item.number();
        List<TimelineExamples.Example> all = TimelineExamples.of(number);
        if (all.isEmpty()) {
            throw usage(item.label() + " has no timeline yet; items with timelines: "
                    + String.join(", ", TimelineExamples.items().stream().map(String::valueOf).toList()));
        }
        List<TimelineExamples.Example> examples = all;
        if (strategy != null) {
            examples = all.stream().filter(e -> e.strategy().equals(strategy)).toList();
            if (examples.isEmpty()) {
                throw usage("'" + strategy + "' is not a strategy"
                        + " of Item " + number + "'s timeline: give one of " + String.join(", ",
                        all.stream().map(TimelineExamples.Example::strategy).toList()));
            }
        }
        Path folder = out == null ? Timelines.DEFAULT_FOLDER : out;
        int done = 0;
        for (TimelineExamples.Example example : examples) {
            stdout.printf("[%d/%d] recording %s (%s) ...%n", ++done, examples.size(), example.strategy(),
                    example.title());
            stdout.flush();
            Timelines.Output output = Timelines.record(example, folder, cpus);
            stdout.println("  wrote " + output.png() + ", " + output.json().getFileName() + ", "
                    + output.jfr().getFileName());
            output.summary().forEach(line -> stdout.println("  " + line));
            output.timeline().notes().forEach(note -> stdout.println("  note: " + note));
            stdout.println("  " + output.costLine());
        }
        stdout.println("Open a .json in the Perfetto UI (ui.perfetto.dev, 'Open trace file') or chrome://tracing;"
                + " a .jfr in JDK Mission Control.");
        return ExitCode.OK;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
