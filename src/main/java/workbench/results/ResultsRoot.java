package workbench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where recorded results live: {@code benchmarks/results/<machine>/} under the project's root, one folder per
 * machine ({@link ThisMachine#folderName()} names this one's).
 */
public final class ResultsRoot {

    /** The results folder, relative to the project's root. */
    public static final Path DEFAULT = Path.of("benchmarks", "results");

    private ResultsRoot() {
    }

    /**
     * The project's root: the working directory, or the nearest of its parents that holds {@code pom.xml} and
     * {@code notebooks/} (a notebook runs from {@code notebooks/}, as Jupyter runs it).
     */
    public static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("notebooks"))) {
                return dir;
            }
            if (dir.equals(here.getParent())) {
                break;
            }
        }
        return here;
    }

    /** The machine folders under {@code resultsRoot}, sorted by name; none when it does not exist. */
    public static List<Path> machineFolders(Path resultsRoot) throws IOException {
        if (!Files.isDirectory(resultsRoot)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(resultsRoot)) {
            return dirs.filter(Files::isDirectory).sorted().toList();
        }
    }
}
