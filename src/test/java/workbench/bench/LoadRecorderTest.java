package workbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a load harness records is what the report reads: the rows, in order, and the machine they came from. */
class LoadRecorderTest {

    @Test
    void theRowsAndTheSidecarLandInThisMachinesFolderAndReadBack(@TempDir Path results) throws Exception {
        LoadRecorder recorder = LoadRecorder.start(results, 61, false);
        Path machineDir = results.resolve(Machine.current().id());
        assertTrue(Files.isDirectory(machineDir), "the folder exists before the run");
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("item", 61);
        row.put("benchmark", "sessions");
        row.put("style", "EVENT_LOOP");
        row.put("runtime", "Java");
        row.put("clients", 64);
        row.put("sessionsPerSecond", 12000.5);
        row.put("errors", 0L);

        Path json = recorder.write(List.of(row));

        assertEquals(LoadResults.file(machineDir, 61, false), json);
        assertEquals(List.of(61), LoadResults.items(machineDir));
        List<LoadResults.Row> read = LoadResults.read(json);
        assertEquals(1, read.size());
        assertEquals("EVENT_LOOP", read.get(0).text("style"));
        assertEquals(12000.5, read.get(0).number("sessionsPerSecond"));
        Map<String, Object> sidecar = ResultsFolder.sidecarIfAny(LoadResults.sidecar(json));
        assertEquals(Machine.current().cores(), ((Number) sidecar.get("cores")).intValue());
        assertEquals("full", JsonParser.parseString(Files.readString(LoadResults.sidecar(json))).getAsJsonObject()
                .get("profile").getAsString());
    }

    @Test
    void aQuickLookIsRecordedApart(@TempDir Path results) throws Exception {
        Path json = LoadRecorder.start(results, 61, true).write(List.of());
        assertEquals(LoadResults.file(json.getParent(), 61, true), json);
        assertEquals(List.of(), LoadResults.items(json.getParent()), "a quick look is not a full recording");
    }
}
