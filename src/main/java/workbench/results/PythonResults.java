package workbench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * CPython's recorded figures in a machine folder: {@code python-itemNN.json} (the rows) and
 * {@code python-itemNN.machine.json} (the sidecar: the run, when, and how busy the machine was).
 */
public final class PythonResults {

    private PythonResults() {
    }

    /** An item's CPython rows: {@code python-itemNN.json}. */
    public static Path resultFile(Path machineDir, int item) {
        return machineDir.resolve("python-item" + item + ".json");
    }

    /** The sidecar of an item's CPython figures: the run that recorded them, when, and the load around it. */
    public static Path sidecarFile(Path machineDir, int item) {
        return Sidecar.beside(resultFile(machineDir, item));
    }

    /** The recorded rows of one item on one machine, or empty when CPython was not measured there. */
    public static Optional<List<PythonRow>> read(Path machineDir, int item) throws IOException {
        Path file = resultFile(machineDir, item);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(JsonFiles.read(file, json -> {
            List<PythonRow> rows = new ArrayList<>();
            for (JsonElement element : json.getAsJsonArray()) {
                JsonObject row = element.getAsJsonObject();
                Map<String, String> extra = new LinkedHashMap<>();
                row.entrySet().forEach(e -> {
                    if (!List.of("item", "benchmark", "strategy", "workers", "seconds").contains(e.getKey())) {
                        extra.put(e.getKey(), e.getValue().isJsonPrimitive() ? e.getValue().getAsString()
                                : e.getValue().toString());
                    }
                });
                rows.add(new PythonRow(row.get("benchmark").getAsString(),
                        row.has("strategy") ? row.get("strategy").getAsString() : "",
                        row.has("workers") ? row.get("workers").getAsString() : "1",
                        row.has("seconds") ? row.get("seconds").getAsDouble() : Double.NaN, extra));
            }
            return rows;
        }));
    }

    /**
     * A recorded row with its provenance: the machine folder it was recorded in, when, and the sidecar of its run
     * (empty when there is none).
     */
    public record Recorded(PythonRow row, String machine, String date, Sidecar sidecar) {
    }

    /**
     * The first recorded row of {@code item} that {@code which} accepts, in any machine folder under
     * {@code resultsRoot} (sorted by name), with its provenance: the row's own date, else its sidecar's. Empty when
     * none was recorded.
     */
    public static Optional<Recorded> find(Path resultsRoot, int item, Predicate<PythonRow> which) throws IOException {
        for (Path machine : ResultsRoot.machineFolders(resultsRoot)) {
            Optional<Recorded> found = find(machine, machine.getFileName().toString(), item, which);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The first row of {@code item} that {@code which} accepts in one machine folder, with its provenance. */
    public static Optional<Recorded> find(Path machineDir, String machine, int item, Predicate<PythonRow> which)
            throws IOException {
        Optional<PythonRow> row = read(machineDir, item).flatMap(rows -> rows.stream().filter(which).findFirst());
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Sidecar sidecar = Sidecar.readIfAny(sidecarFile(machineDir, item));
        String date = row.get().extra().getOrDefault("date", sidecar.text("date").orElse("undated"));
        return Optional.of(new Recorded(row.get(), machine, date, sidecar));
    }
}
