package workbench.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import workbench.proc.Child;
import workbench.proc.ChildProcessException;
import workbench.proc.ChildStartException;
import workbench.proc.LineSink;
import workbench.results.PythonResults;
import workbench.results.PythonRow;

/**
 * CPython's figures beside Java's. {@code benchmarks/python/itemNN.py} (our own scripts) measures the item's
 * workload in CPython and prints one JSON object per line; {@code workbench bench NN} runs it where
 * {@code python3} is present and records the lines as {@code python-itemNN.json} beside the JMH results, with a
 * sidecar naming the run, each row with what other processes took of the CPU while it ran ({@link OtherProcesses});
 * {@code workbench report} shows them beside Java's rows ({@link SideBySide}), or says
 * why they are absent.
 */
public final class CPython {

    public static final Path SCRIPTS = Path.of("benchmarks", "python");
    private static final Duration LIMIT = Duration.ofMinutes(10);
    /** What a row's results say beyond its seconds, shown as the row's notes, by the label each is shown with. */
    private static final Map<String, String> RESULTS = resultLabels();
    /** What a row says about the run rather than the workload. */
    private static final Set<String> META = Stream.concat(RESULTS.keySet().stream(),
            Stream.of("python", "implementation", "gil", "cores", "min", "max", "count", "date",
                    "loadAverage", RowWatch.KEY))
            .collect(Collectors.toUnmodifiableSet());

    private static Map<String, String> resultLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("lost", "updates lost per run: %s");
        labels.put("p90", "p90 %s s");
        labels.put("p99", "p99 %s s");
        labels.put("workerCpuMicros", "worker CPU per op: %s µs");
        labels.put("sessionsPerSecond", "%s sessions/s");
        labels.put("medianRoundTrip", "median round trip %s s");
        // Item 53's convoy: the interval its strategy ({@code Convoy.Setup}) sets, a fact of the strategy shown beside
        // the figures, not a workload parameter the Java row would have to name.
        labels.put("switchInterval", "switch interval %s s");
        return Collections.unmodifiableMap(labels);
    }

    /** The row's result figures beyond its seconds, labelled; empty when it has none. */
    static String notes(PythonRow row) {
        List<String> notes = new ArrayList<>();
        RESULTS.forEach((key, label) -> {
            String value = row.extra().get(key);
            if (value != null) {
                if (value.matches("-?\\d+\\.\\d+([eE]-?\\d+)?")) { // Gson keeps Python's 5e-06 as written
                    value = Figures.fmt(Double.parseDouble(value), 3); // seconds such as p99: 3 significant digits
                }
                notes.add(label.formatted(value));
            }
        });
        return String.join("; ", notes);
    }

    private CPython() {
    }

    /**
     * Runs the item's script if it exists, as part of the {@code bench} run {@code run} (the id in the JMH
     * sidecar too); returns the file written, or empty (and says why). Either way a sidecar records the run, the
     * date and the load average around the script, or why CPython was not measured (python3 absent, the script
     * failed); a file left by an earlier run is removed then, so that it is never taken for this run's.
     */
    public static Optional<Path> record(int item, Path machineDir, PrintStream log, String run)
            throws IOException, InterruptedException {
        Path script = SCRIPTS.resolve("item" + item + ".py");
        if (!Files.exists(script)) {
            return Optional.empty();
        }
        Machine machine = Machine.current();
        double loadAtStart = Machine.loadAverage();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("run", run);
        facts.put("loadAverageAtStart", loadAtStart);
        PerLine watch = new PerLine();
        try {
            ProcessBuilder python = new ProcessBuilder("python3", script.getFileName().toString())
                    .directory(SCRIPTS.toFile());
            log.println("Measuring CPython with " + script + " ...");
            try (Child child = Child.start(python, new LineSink(watch::line))) {
                child.communicate(LIMIT).checkExitCode();
            }
        } catch (ChildProcessException e) {
            String why = e instanceof ChildStartException
                    ? "python3 could not be started on this machine" : "the script failed: " + e.getMessage();
            log.println("CPython figures not recorded: " + why);
            Files.deleteIfExists(PythonResults.resultFile(machineDir, item));
            facts.put("notMeasured", why);
            Files.writeString(PythonResults.sidecarFile(machineDir, item), machine.toJson(facts));
            return Optional.empty();
        }
        List<JsonElement> rows = watch.rows();
        if (!watch.measured()) {
            facts.put(RowWatch.KEY, Map.of("notMeasured", "no /proc/stat on this machine"));
        }
        log.println(watch.summary());
        Path out = PythonResults.resultFile(machineDir, item);
        Files.writeString(out, new GsonBuilder().setPrettyPrinting().create().toJson(rows) + "\n");
        Files.writeString(PythonResults.sidecarFile(machineDir, item), machine.toJson(facts));
        return Optional.of(out);
    }

    /**
     * Each line the script prints is a row it has just measured: the line is kept with a reading of the CPU taken as
     * it arrives, and each row gets what other processes took of the CPU since the previous line (or the script's
     * start), in percent of a core; a row shorter than {@link OtherProcesses#MIN_TICKS_PER_CORE} gets the figure of
     * the window of neighbouring rows that is long enough ({@link OtherProcesses#perStretch}); NaN where {@code /proc}
     * is absent. Called on the child's stdout drain thread alone; read once the child's streams are drained.
     */
    private static final class PerLine {

        private final List<String> lines = new ArrayList<>();
        /** The reading at the script's start, then one per line; empty once one could not be taken. */
        private final List<OtherProcesses.Sample> readings = new ArrayList<>();
        private boolean unreadable;
        private List<Double> percents = List.of();

        PerLine() {
            read();
        }

        void line(String line) {
            if (line.isBlank()) {
                return;
            }
            read();
            lines.add(line);
        }

        private void read() {
            Optional<OtherProcesses.Sample> now = OtherProcesses.sample();
            now.ifPresent(readings::add);
            unreadable |= now.isEmpty();
        }

        /** The rows, each with its figure as {@value RowWatch#KEY} where it was measured. */
        List<JsonElement> rows() {
            percents = unreadable ? lines.stream().map(l -> Double.NaN).toList()
                    : OtherProcesses.perStretch(readings);
            List<JsonElement> rows = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                JsonElement row = JsonParser.parseString(lines.get(i));
                if (row.isJsonObject() && !percents.get(i).isNaN()) {
                    row.getAsJsonObject().addProperty(RowWatch.KEY, OtherProcesses.rounded(percents.get(i)));
                }
                rows.add(row);
            }
            return rows;
        }

        boolean measured() {
            return !unreadable;
        }

        /** The line {@code bench} prints: in how many rows other processes took more than the threshold. */
        String summary() {
            if (!measured()) {
                return "Other processes while CPython ran: " + OtherProcesses.NOT_MEASURED + ".";
            }
            return String.format(Locale.ROOT, "Other processes took more than %s in %d of CPython's %d rows%s",
                    OtherProcesses.describe(OtherProcesses.THRESHOLD_PERCENT_OF_CORE),
                    percents.stream().filter(OtherProcesses::busy).count(), percents.size(),
                    percents.stream().anyMatch(OtherProcesses::busy) ? ": `report` marks them." : ".");
        }
    }

    /** The benchmark and its workload parameters: the rows one sequential row is the baseline of. */
    private static String baselineKey(PythonRow row) {
        return row.benchmark() + row.extra().entrySet().stream().filter(e -> !META.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    private static final Pattern PYTHON_FILE = Pattern.compile(
            "python-item(\\d+)\\.json");

    /** Adds the sequential rows of {@code rows} that no earlier source gave, by workload and by workload and workers. */
    private static void addSequential(List<PythonRow> rows, Map<String, Double> sequential) {
        rows.stream().filter(r -> r.strategy().equalsIgnoreCase("sequential")).forEach(r -> {
            sequential.putIfAbsent(baselineKey(r) + "@" + r.workers(), r.seconds());
            sequential.putIfAbsent(baselineKey(r), r.seconds());
        });
    }

    /** A row's workload parameters (the keys beyond the run's facts and results), by name, as strings. */
    static Map<String, String> workload(PythonRow row) {
        Map<String, String> workload = new TreeMap<>();
        row.extra().forEach((key, value) -> {
            if (!META.contains(key)) {
                workload.put(key, value);
            }
        });
        return workload;
    }

    /**
     * Each row's speedup over CPython's own sequential row: one with the same workers (Item 52's N children one
     * after another), else the one sequential row of that workload (Items 53 and 64 run sequential code once, with
     * one worker), else, as in the Java report, one recorded with another item (Items 57-59 against Item 56's
     * sequential generation). Rows without a baseline are absent.
     */
    static Map<PythonRow, Double> speedups(Path machineDir, int item, List<PythonRow> rows) throws IOException {
        Map<String, Double> sequential = new LinkedHashMap<>();
        addSequential(rows, sequential);
        try (var files = Files.list(machineDir)) {
            for (Path other : files.sorted().toList()) {
                Matcher name = PYTHON_FILE.matcher(other.getFileName().toString());
                if (name.matches() && Integer.parseInt(name.group(1)) != item) {
                    addSequential(PythonResults.read(machineDir, Integer.parseInt(name.group(1))).orElse(List.of()), sequential);
                }
            }
        }
        Map<PythonRow, Double> speedups = new HashMap<>();
        for (PythonRow row : rows) {
            Double base = sequential.getOrDefault(baselineKey(row) + "@" + row.workers(),
                    sequential.get(baselineKey(row)));
            if (base != null && !Double.isNaN(row.seconds())) {
                speedups.put(row, base / row.seconds());
            }
        }
        return speedups;
    }
}
