package workbench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Java's recorded figures in a machine folder: {@code itemNN.json} (JMH's rows of a full {@code bench} run) and
 * {@code itemNN.machine.json} (its sidecar).
 */
public final class JavaResults {

    private JavaResults() {
    }

    /** An item's JMH rows of a full run: {@code itemNN.json}. */
    public static Path resultFile(Path machineDir, int item) {
        return machineDir.resolve("item" + item + ".json");
    }

    /** The sidecar of an item's JMH rows. */
    public static Path sidecarFile(Path machineDir, int item) {
        return Sidecar.beside(resultFile(machineDir, item));
    }

    /** The recorded JMH rows of one item on one machine, or empty when it was not benchmarked there. */
    public static Optional<List<JmhResult>> read(Path machineDir, int item) throws IOException {
        Path file = resultFile(machineDir, item);
        return Files.exists(file) ? Optional.of(JmhResult.read(file)) : Optional.empty();
    }

    /** A recorded JMH row with its provenance: the machine folder, the date of its run, its sidecar. */
    public record Recorded(JmhResult row, String machine, String date, Sidecar sidecar) {
    }

    /**
     * The first recorded row of {@code item} that {@code which} accepts, this machine's folder first, then the
     * others by name; empty when none was recorded.
     */
    public static Optional<Recorded> find(Path resultsRoot, int item, Predicate<JmhResult> which) throws IOException {
        Path here = resultsRoot.resolve(ThisMachine.folderName());
        List<Path> folders = new ArrayList<>(List.of(here));
        ResultsRoot.machineFolders(resultsRoot).stream().filter(dir -> !dir.equals(here)).forEach(folders::add);
        for (Path machineDir : folders) {
            Optional<JmhResult> row = read(machineDir, item).flatMap(rows -> rows.stream().filter(which).findFirst());
            if (row.isPresent()) {
                Sidecar sidecar = Sidecar.readIfAny(sidecarFile(machineDir, item));
                return Optional.of(new Recorded(row.get(), machineDir.getFileName().toString(),
                        sidecar.text("date").orElse("undated"), sidecar));
            }
        }
        return Optional.empty();
    }
}
