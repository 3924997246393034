package workbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;

import workbench.Catalog;
import workbench.examples.Example;
import workbench.timeline.Timelines;

/**
 * An item's timelines in its report section: the command that records them, and the pictures recorded on the
 * machine and committed in its {@value #FOLDER} folder (only that machine's: a picture is a claim about where it
 * was recorded). For an item of the catalogue, per declared example its ways stacked on one time scale
 * ({@link Timelines#stackedStem}), then each way's own picture and trace as links; pictures the declaration does
 * not name (an older recording's) are shown after them, in name order.
 */
final class TimelinePictures {

    /** The folder in a machine's folder that holds the timeline pictures recorded on it. */
    static final String FOLDER = "timelines";

    private TimelinePictures() {
    }

    /** The markdown that shows an item's timelines recorded in {@code machineDir}, and how to record them. */
    static String markdown(Path machineDir, int item) throws IOException {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%nWhich thread ran when in each example:"
                + " `java -jar target/workbench.jar timeline %d` (a PNG, a Perfetto trace and a .jfr per example and"
                + " way, and each example's ways stacked on one time scale).%n", item));
        Path folder = machineDir.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return md.toString();
        }
        TreeSet<String> left = new TreeSet<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".png")
                    && (name.startsWith("timeline-" + item + "-") || name.equals("timeline-" + item + ".png")))
                    .forEach(left::add);
        }
        List<Example<?>> declared = Catalog.find(item).map(i -> i.examples().examples()).orElse(List.of());
        for (Example<?> example : declared) {
            String stacked = Timelines.stackedStem(declared, example) + ".png";
            if (left.remove(stacked)) {
                image(md, stacked);
            }
            List<String> ways = new ArrayList<>();
            for (Example.Run run : example.runs()) {
                String png = run.stem() + ".png";
                if (left.remove(png)) {
                    String json = run.stem() + ".json";
                    ways.add(String.format(Locale.ROOT, "[%s](%s/%s)%s", run.way().slug(), FOLDER, png,
                            Files.exists(folder.resolve(json)) ? " ([trace](" + FOLDER + "/" + json + "))" : ""));
                }
            }
            if (!ways.isEmpty()) {
                md.append('\n').append(example.name()).append(", each way on its own: ")
                        .append(String.join(", ", ways)).append('\n');
            }
        }
        left.forEach(name -> image(md, name));
        return md.toString();
    }

    private static void image(StringBuilder md, String name) {
        md.append("\n![").append(name).append("](").append(FOLDER).append('/').append(name).append(")\n");
    }
}
