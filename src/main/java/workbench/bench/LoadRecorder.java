package workbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.google.gson.GsonBuilder;

/**
 * Records one load run: {@link #start} takes this machine's description and load average and creates its folder
 * before the run (an unwritable folder fails before minutes of measuring); {@link #write} stores the rows as
 * {@code <results>/<machine>/load-itemNN[-quick].json} ({@link LoadResults#file}) and the machine sidecar beside
 * them, with the profile and the load average at the start.
 */
public final class LoadRecorder {

    private final Machine machine;
    private final Path json;
    private final boolean quick;
    private final double loadAverageAtStart;

    private LoadRecorder(Machine machine, Path json, boolean quick, double loadAverageAtStart) {
        this.machine = machine;
        this.json = json;
        this.quick = quick;
        this.loadAverageAtStart = loadAverageAtStart;
    }

    /** Before the run: this machine's folder under {@code results}, created, and the load average now. */
    public static LoadRecorder start(Path results, int item, boolean quick) throws IOException {
        Machine machine = Machine.current();
        Path dir = Files.createDirectories(results.resolve(machine.id()));
        return new LoadRecorder(machine, LoadResults.file(dir, item, quick), quick, Machine.loadAverage());
    }

    /** After the run: writes the rows, one JSON object each in the order measured, and the sidecar; the JSON file. */
    public Path write(List<Map<String, Object>> rows) throws IOException {
        Files.writeString(json, new GsonBuilder().setPrettyPrinting().create().toJson(rows) + "\n");
        Files.writeString(LoadResults.sidecar(json), machine.toJson(Map.of(
                "profile", quick ? "quick" : "full", "loadAverageAtStart", loadAverageAtStart)));
        return json;
    }
}
