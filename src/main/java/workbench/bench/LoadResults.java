package workbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import workbench.results.JsonFiles;

/**
 * The report's section for a load run ({@code workbench load NN}: servers in processes of their own, driven by one
 * load generator): {@code load-itemNN.json} beside the JMH results, a table of every style and client count, Java's
 * and CPython's together, and two charts against the clients on log scales, sessions per second and the server's
 * peak RSS. A row that hit an error shows it instead of figures.
 */
public final class LoadResults {

    private LoadResults() {
    }

    /** A full (not quick) load recording's file name; group 1 is the item. */
    static final Pattern FILE = Pattern.compile("load-item(\\d+)\\.json");

    /** The items with a full load recording in {@code machineDir}, in order. */
    static List<Integer> items(Path machineDir) throws IOException {
        try (var files = Files.list(machineDir)) {
            return files.map(file -> FILE.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(match -> Integer.parseInt(match.group(1)))
                    .sorted()
                    .toList();
        }
    }

    /** Where {@code workbench load} records an item's rows. */
    public static Path file(Path machineDir, int item, boolean quick) {
        return machineDir.resolve("load-item" + item + (quick ? "-quick" : "") + ".json");
    }

    /** The machine sidecar beside a load file. */
    public static Path sidecar(Path json) {
        return ResultsFolder.sidecarOf(json);
    }

    /** One recorded row: its fields by name (numbers as doubles, the rest as strings). */
    record Row(Map<String, Object> fields) {
        String text(String name) {
            Object value = fields.get(name);
            return value == null ? "" : value.toString();
        }

        double number(String name) {
            return fields.get(name) instanceof Double d ? d : Double.NaN;
        }

        boolean failed() {
            return number("errors") > 0 || fields.containsKey("error");
        }
    }

    static List<Row> read(Path json) throws IOException {
        return JsonFiles.read(json, root -> {
            List<Row> rows = new ArrayList<>();
            for (JsonElement element : root.getAsJsonArray()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                for (Map.Entry<String, JsonElement> e : element.getAsJsonObject().entrySet()) {
                    JsonElement value = e.getValue();
                    boolean number = value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber();
                    fields.put(e.getKey(), number ? (Object) value.getAsDouble() : value.isJsonPrimitive()
                            ? value.getAsString() : value.toString());
                }
                rows.add(new Row(fields));
            }
            return rows;
        });
    }

    /**
     * The README's line for a load recording: at its largest client count, the best Java server against the best
     * CPython server, both driven by the same generator in the same run (so the ratio is taken within one run).
     */
    static String readmeLine(Path machineDir, int item) throws IOException {
        List<Row> served = read(file(machineDir, item, false)).stream()
                .filter(row -> row.text("benchmark").equals("sessions") && !row.failed()
                        && row.fields().containsKey("sessionsPerSecond"))
                .toList();
        double clients = served.stream().mapToDouble(row -> row.number("clients")).max().orElse(Double.NaN);
        Optional<Row> java = best(served, "Java", clients);
        Optional<Row> python = best(served, "CPython", clients);
        String head = "Item " + item + " under load (`workbench load " + item + "`, one run, one generator): ";
        if (java.isEmpty() || python.isEmpty()) {
            return head + "no client count that both Java and CPython served without errors.";
        }
        double javaRate = java.get().number("sessionsPerSecond");
        double pythonRate = python.get().number("sessionsPerSecond");
        return head + String.format(Locale.ROOT, "at %s clients the best Java server (%s) served %s sessions/s, the"
                + " best CPython server (%s) %s: %.1fx.", count(clients), java.get().text("style"), count(javaRate),
                python.get().text("style"), count(pythonRate), javaRate / pythonRate);
    }

    private static Optional<Row> best(List<Row> rows, String runtime, double clients) {
        return rows.stream().filter(row -> row.text("runtime").equals(runtime) && row.number("clients") == clients)
                .max(Comparator.comparingDouble(row -> row.number("sessionsPerSecond")));
    }

    /** The item's load section (tables and charts, written into {@code machineDir}), or "" when none was recorded. */
    public static String markdown(Path machineDir, int item) throws IOException {
        Path json = file(machineDir, item, false);
        if (!Files.exists(json)) {
            return "";
        }
        List<Row> rows = new ArrayList<>(read(json));
        List<String> styles = rows.stream().map(r -> r.text("style")).distinct().toList();
        rows.sort(Comparator.comparingInt((Row r) -> styles.indexOf(r.text("style")))
                .thenComparingDouble(r -> r.number("clients")));
        StringBuilder md = new StringBuilder("\n### Item " + item + " under load: Java and CPython servers, one load"
                + " generator\n\nFrom `" + json.getFileName() + "` (`workbench load " + item + "`)");
        Path sidecar = sidecar(json);
        if (Files.exists(sidecar)) {
            JsonObject own = JsonFiles.read(sidecar, JsonElement::getAsJsonObject);
            md.append(", recorded ").append(own.has("date") ? own.get("date").getAsString() : "?");
            if (own.has("loadAverageAtStart")) {
                md.append(String.format(Locale.ROOT, "; load average %.1f at the start, %.1f at the end",
                        own.get("loadAverageAtStart").getAsDouble(),
                        own.has("loadAverageAtEnd") ? own.get("loadAverageAtEnd").getAsDouble() : -1));
            }
        }
        md.append(". Each server ran in a process of its own; one generator thread drove every client. Busy: the"
                + " generator thread's CPU over the wall time, below 100% it kept up.\n\n"
                + "| Style | Runtime | Clients | Sessions/s | Median ms | p99 ms | Peak RSS MiB | Peak threads"
                + " | Server CPU µs/session | Generator CPU µs/session | Busy | Errors |\n"
                + "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row row : rows) {
            if (!row.text("benchmark").equals("sessions")) {
                continue;
            }
            md.append("| ").append(row.text("style")).append(" | ").append(row.text("runtime")).append(" | ")
                    .append(count(row.number("clients"))).append(" | ");
            if (row.fields().containsKey("sessionsPerSecond")) {
                md.append(count(row.number("sessionsPerSecond"))).append(" | ")
                        .append(Figures.fmt(row.number("medianMs"), 3)).append(" | ")
                        .append(Figures.fmt(row.number("p99Ms"), 3)).append(" | ")
                        .append(count(row.number("peakRssMiB"))).append(" | ")
                        .append(count(row.number("peakThreads"))).append(" | ")
                        .append(count(row.number("serverCpuMicrosPerSession"))).append(" | ")
                        .append(Figures.fmt(row.number("generatorCpuMicrosPerSession"), 3)).append(" | ")
                        .append(String.format(Locale.ROOT, "%.0f%%", 100 * row.number("generatorBusy")))
                        .append(" | ");
            } else {
                md.append(" | ".repeat(8));
            }
            md.append(row.failed() ? count(row.number("errors")) + ": " + row.text("error").replace("|", "\\|")
                    : "0").append(" |\n");
        }
        md.append("\nAccept rate: ").append(
                "each server's 1,000 connects-and-closes in a row (the generator's blocking connect, then close):\n\n"
                + "| Style | Runtime | µs per connect | Errors |\n|---|---|---:|---|\n");
        for (Row row : rows) {
            if (row.text("benchmark").equals("connectAndClose")) {
                md.append("| ").append(row.text("style")).append(" | ").append(row.text("runtime")).append(" | ")
                        .append(Figures.fmt(row.number("connectMicros"), 3)).append(" | ")
                        .append(row.failed() ? row.text("error").replace("|", "\\|") : "0").append(" |\n");
            }
        }
        for (Path chart : charts(rows, item, machineDir)) {
            md.append("\n![").append(chart.getFileName()).append("](").append(chart.getFileName()).append(")\n");
        }
        return md.toString();
    }

    /** Sessions/s and peak RSS against clients, a line per style; rows with errors are left out. */
    static List<Path> charts(List<Row> rows, int item, Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        written.add(chart(rows, item, dir, "sessions", "sessions per second", r -> r.number("sessionsPerSecond")));
        written.add(chart(rows, item, dir, "rss", "server's peak RSS (MiB)", r -> r.number("peakRssMiB")));
        written.removeIf(path -> path == null);
        return written;
    }

    private static Path chart(List<Row> rows, int item, Path dir, String name, String yTitle,
                              ToDoubleFunction<Row> y) throws IOException {
        Map<String, TreeMap<Integer, Double>> series = new TreeMap<>();
        for (Row row : rows) {
            double value = y.applyAsDouble(row);
            if (row.text("benchmark").equals("sessions") && !row.failed() && value > 0) {
                series.computeIfAbsent(seriesName(row), s -> new TreeMap<>())
                        .put((int) row.number("clients"), value);
            }
        }
        if (series.values().stream().allMatch(points -> points.size() < 2)) {
            return null;
        }
        System.setProperty("java.awt.headless", "true");
        XYChart xy = new XYChartBuilder().width(720).height(440)
                .title("Item " + item + " under load: " + yTitle)
                .xAxisTitle("clients held at once").yAxisTitle(yTitle).build();
        ChartStyle.plainLogarithmic(xy);
        xy.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        series.forEach((style, points) -> ChartStyle.strategy(xy, style, ChartStyle.asCounts(points), points));
        Path png = dir.resolve("item" + item + "-load-" + name + ".png");
        ChartStyle.save(xy, png);
        return png;
    }

    /**
     * {@code Java EVENT_LOOP}, {@code CPython ASYNCIO}: the runtime, then the style without a repeat of it (CPython's
     * styles are recorded as {@code CPYTHON_ASYNCIO}).
     */
    static String seriesName(Row row) {
        String style = row.text("style");
        boolean cpython = row.text("runtime").equalsIgnoreCase("CPython");
        String prefix = cpython ? "CPYTHON_" : "JAVA_";
        return ChartStyle.name(cpython, style.toUpperCase(Locale.ROOT).startsWith(prefix)
                ? style.substring(prefix.length()) : style);
    }

    private static String count(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%,.0f", value);
    }
}
