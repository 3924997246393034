package workbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonObject;

import workbench.results.JmhResult;
import workbench.results.JsonFiles;
import workbench.results.Sidecar;

/**
 * A results folder as recorded: one folder per machine under the root, in each the JMH files
 * ({@code itemNN.json}, {@code itemNN-quick.json}), the load recordings ({@link LoadResults}) and the sidecar
 * {@link BenchRunner} writes beside each ({@code ....machine.json}: cores, CPU, OS, JDK, heap, date).
 */
public final class ResultsFolder {

    private static final Pattern RESULT_FILE = Pattern.compile("item(\\d+)(-quick)?\\.json");

    /** The results of one recorded file (one item, one profile) on one machine. */
    public record ItemResults(int item, boolean quick, Path json, List<Speedups.Row> rows) {
    }

    private ResultsFolder() {
    }

    /** The machine folders under {@code root} that hold a result, in name order. */
    public static List<Path> machineDirs(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (var dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory)
                    .filter(dir -> hasResults(dir))
                    .sorted()
                    .toList();
        }
    }

    /**
     * Every item's results in a machine folder, in item order, each row beside its sequential baseline. A baseline
     * is looked for in the row's own file first, then in the folder's other files of the same profile: Items 57-59
     * compare with Item 56's sequential generation, recorded once.
     */
    public static List<ItemResults> read(Path machineDir) throws IOException {
        int cores = ((Number) machine(machineDir).getOrDefault("cores", 0)).intValue();
        Map<Path, List<JmhResult>> files = new LinkedHashMap<>();
        try (var list = Files.list(machineDir)) {
            for (Path json : list.sorted().toList()) {
                if (RESULT_FILE.matcher(json.getFileName().toString()).matches()) {
                    files.put(json, JmhResult.read(json));
                }
            }
        }
        List<ItemResults> items = new ArrayList<>();
        for (var file : files.entrySet()) {
            Matcher name = RESULT_FILE.matcher(file.getKey().getFileName().toString());
            name.matches();
            boolean quick = name.group(2) != null;
            Map<String, JmhResult> shared = new LinkedHashMap<>();
            files.forEach((other, results) -> {
                if (quick == other.getFileName().toString().contains("-quick")) {
                    Speedups.baselines(results).forEach(shared::putIfAbsent);
                }
            });
            Map<String, JmhResult> own = new LinkedHashMap<>(shared);
            own.putAll(Speedups.baselines(file.getValue()));
            items.add(new ItemResults(Integer.parseInt(name.group(1)), quick, file.getKey(),
                    Speedups.rows(file.getValue(), own, cores)));
        }
        items.sort(Comparator.comparingInt(ItemResults::item).thenComparing(ItemResults::quick));
        return items;
    }

    /**
     * The machine a folder's results came from, as its first JMH sidecar ({@code itemNN.machine.json}) says (a
     * CPython sidecar, {@code python-itemNN.machine.json}, describes a run, not the folder).
     */
    static Map<String, Object> machine(Path machineDir) throws IOException {
        Path sidecar;
        try (var files = Files.list(machineDir)) {
            sidecar = files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".machine.json"))
                    .filter(name -> RESULT_FILE.matcher(name.replace(".machine.json", ".json")).matches()
                            || LoadResults.FILE.matcher(name.replace(".machine.json", ".json")).matches())
                    .sorted(Comparator.comparing((String name) -> name.startsWith("load-")).thenComparing(name -> name))
                    .map(machineDir::resolve)
                    .findFirst().orElse(null);
        }
        return sidecar == null ? new TreeMap<>() : sidecar(sidecar);
    }

    /** The sidecar {@link BenchRunner} writes beside a result file. */
    static Path sidecarOf(Path json) {
        return Sidecar.beside(json);
    }

    /** A sidecar's facts, or none when it is absent. */
    static Map<String, Object> sidecarIfAny(Path sidecar) throws IOException {
        return Files.exists(sidecar) ? sidecar(sidecar) : new TreeMap<>();
    }

    private static Map<String, Object> sidecar(Path sidecar) throws IOException {
        return JsonFiles.read(sidecar, root -> {
            Map<String, Object> map = new TreeMap<>();
            JsonObject json = root.getAsJsonObject();
            for (String key : List.of("cores", "cpuModel", "os", "jdk", "maxHeapBytes", "date", "loadAverageAtStart",
                    "loadAverageAtEnd", "run", "notMeasured")) {
                if (json.has(key)) {
                    map.put(key, json.get(key).getAsJsonPrimitive().isNumber() ? json.get(key).getAsNumber()
                            : json.get(key).getAsString());
                }
            }
            return map;
        });
    }

    private static boolean hasResults(Path dir) {
        try (var files = Files.list(dir)) {
            return files.anyMatch(p -> RESULT_FILE.matcher(p.getFileName().toString()).matches()
                    || LoadResults.FILE.matcher(p.getFileName().toString()).matches());
        } catch (IOException e) {
            return false;
        }
    }
}
