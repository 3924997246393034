package workbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * An item's timelines in its report section: the command that records them, and the pictures recorded on the
 * machine and committed in its {@value #FOLDER} folder (only that machine's: a picture is a claim about where it
 * was recorded).
 */
final class TimelinePictures {

    /** The folder in a machine's folder that holds the timeline pictures recorded on it. */
    static final String FOLDER = "timelines";

    private TimelinePictures() {
    }

    /** The markdown that shows an item's timelines recorded in {@code machineDir}, and how to record them. */
    static String markdown(Path machineDir, int item) throws IOException {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "%nWhich thread ran when in each example:"
                + " `java -jar target/workbench.jar timeline %d` (a PNG, a Perfetto trace and a .jfr per example).%n",
                item));
        Path folder = machineDir.resolve(FOLDER);
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                files.map(file -> file.getFileName().toString())
                        .filter(name -> name.startsWith("timeline-" + item + "-") && name.endsWith(".png")).sorted()
                        .forEach(name -> md.append("\n![").append(name).append("](").append(FOLDER)
                                .append('/').append(name).append(")\n"));
            }
        }
        return md.toString();
    }
}
