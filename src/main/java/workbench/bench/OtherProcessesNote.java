package workbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import workbench.results.JmhResult;
import workbench.results.JsonFiles;
import workbench.results.PythonRow;

/**
 * What other processes took of the CPU while an item's rows ran ({@link OtherProcesses}), as the report shows it:
 * the item's table with {@value #MARK} after each row where it was above
 * {@link OtherProcesses#THRESHOLD_PERCENT_OF_CORE}, and a line under the table saying how much, or how much at most
 * where no row was marked. Java's figures are in the JMH sidecar's {@value RowWatch#KEY} entry ({@link RowWatch}),
 * CPython's beside each of its rows; a file recorded before rows were watched says {@value OtherProcesses#NOT_MEASURED}.
 */
final class OtherProcessesNote {

    static final String MARK = "†";
    private static final String BEFORE = "recorded before `bench` measured it";

    private OtherProcessesNote() {
    }

    /** The item's table with busy rows marked, and the line that says what other processes took. */
    static String markdown(ResultsFolder.ItemResults item, SideBySide.Table table) throws IOException {
        Map<JmhResult, Double> java = new HashMap<>();
        String javaNotMeasured = javaFigures(sidecar(ResultsFolder.sidecarOf(item.json())), item, java);
        List<String> busy = new ArrayList<>();
        List<Double> javaFigures = new ArrayList<>();
        List<Double> pythonFigures = new ArrayList<>();
        Set<SideBySide.Line> marked = Collections.newSetFromMap(new IdentityHashMap<>());
        for (SideBySide.Line line : table.lines()) {
            Double javaFigure = line.java().map(row -> java.get(row.result())).orElse(null);
            if (javaFigure != null) {
                javaFigures.add(javaFigure);
                if (OtherProcesses.busy(javaFigure)) {
                    busy.add(describe(line.shown()) + " (Java): " + OtherProcesses.describe(javaFigure));
                    marked.add(line);
                }
            }
            OptionalDouble python = line.python().map(OtherProcessesNote::pythonFigure).orElse(OptionalDouble.empty());
            if (python.isPresent()) {
                pythonFigures.add(python.getAsDouble());
                if (OtherProcesses.busy(python.getAsDouble())) {
                    busy.add(describe(line.shown()) + " (CPython): " + OtherProcesses.describe(python.getAsDouble()));
                    marked.add(line);
                }
            }
        }
        String javaSide = summary(javaFigures, javaNotMeasured);
        String pythonSide = table.lines().stream().anyMatch(line -> line.python().isPresent())
                ? summary(pythonFigures, BEFORE) : javaSide;
        StringBuilder md = new StringBuilder(SideBySide.markdown(table,
                line -> marked.contains(line) ? " " + MARK : ""))
                .append("\nOther processes while the rows ran (the machine's busy CPU time less this benchmark's own"
                        + " JVMs and CPython's): ")
                .append(javaSide.equals(pythonSide) ? javaSide : "Java's rows " + javaSide + "; CPython's rows " + pythonSide)
                .append(".\n");
        if (!busy.isEmpty()) {
            md.append("\n").append(MARK).append(" Other processes took more than ")
                    .append(OtherProcesses.describe(OtherProcesses.THRESHOLD_PERCENT_OF_CORE))
                    .append(" while the row ran, so it shared the machine: ").append(String.join("; ", busy))
                    .append(".\n");
        }
        return md.toString();
    }

    /** {@code at most 1.2 % of a core}, or {@code not measured (why)}. */
    private static String summary(List<Double> figures, String notMeasured) {
        if (figures.isEmpty()) {
            return OtherProcesses.NOT_MEASURED + " (" + notMeasured + ")";
        }
        double most = figures.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return "at most " + OtherProcesses.describe(most) + (figures.stream().anyMatch(OtherProcesses::busy) ? ""
                : ", under the threshold of " + OtherProcesses.describe(OtherProcesses.THRESHOLD_PERCENT_OF_CORE));
    }

    /** Fills {@code figures} from the sidecar's entry; returns why there are none where there are none. */
    private static String javaFigures(JsonObject sidecar, ResultsFolder.ItemResults item, Map<JmhResult, Double> figures) {
        if (!sidecar.has(RowWatch.KEY)) {
            return BEFORE;
        }
        JsonObject entry = sidecar.getAsJsonObject(RowWatch.KEY);
        if (entry.has("notMeasured")) {
            return entry.get("notMeasured").getAsString();
        }
        for (JsonElement element : entry.getAsJsonArray("rows")) {
            JsonObject row = element.getAsJsonObject();
            Map<String, String> params = new TreeMap<>();
            row.getAsJsonObject("params").entrySet().forEach(e -> params.put(e.getKey(), e.getValue().getAsString()));
            for (Speedups.Row reported : item.rows()) {
                JmhResult result = reported.result();
                if (result.benchmark().equals(row.get("benchmark").getAsString())
                        && result.mode().equals(row.get("mode").getAsString())
                        && new TreeMap<>(result.params()).equals(params)) {
                    figures.put(result, row.get("percentOfCore").getAsDouble());
                }
            }
        }
        return "no row of the sidecar matches this file's";
    }

    private static OptionalDouble pythonFigure(PythonRow row) {
        String value = row.extra().get(RowWatch.KEY);
        try {
            return value == null ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static String describe(JmhResult shown) {
        return shown.method() + (shown.params().isEmpty() ? "" : " " + shown.params().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
    }

    private static JsonObject sidecar(Path file) throws IOException {
        return Files.exists(file) ? JsonFiles.read(file, JsonElement::getAsJsonObject) : new JsonObject();
    }
}
