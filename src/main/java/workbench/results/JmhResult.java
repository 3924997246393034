package workbench.results;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import workbench.results.JsonFiles;

/**
 * One row of a JMH JSON result file: a benchmark method, its parameters, its primary score and its secondary
 * metrics' scores by name (such as Item 55's {@code workerCpuMicros}, summed over the run's invocations with a
 * {@code runs} count beside it). JMH writes {@code "NaN"} (a string) where it has no error estimate, e.g. with fewer
 * than two iterations; that reads as {@link Double#NaN}.
 */
public record JmhResult(String benchmark, String mode, int threads, Map<String, String> params, double score,
                        double error, String unit, Map<String, Double> secondary) {

    /** A row without secondary metrics. */
    public JmhResult(String benchmark, String mode, int threads, Map<String, String> params, double score,
                     double error, String unit) {
        this(benchmark, mode, threads, params, score, error, unit, Map.of());
    }

    /** A secondary metric's score, or NaN when the row has none by that name. */
    public double secondary(String name) {
        return secondary.getOrDefault(name, Double.NaN);
    }

    /** The benchmark class's fully qualified name. */
    public String benchmarkClass() {
        return benchmark.substring(0, benchmark.lastIndexOf('.'));
    }

    /** The benchmark method's name. */
    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** True when a bigger score is worse (time per op), false for throughput. */
    public boolean lowerIsBetter() {
        return !mode.equals("thrpt");
    }

    public String param(String name) {
        return params.get(name);
    }

    public static List<JmhResult> read(Path json) throws IOException {
        return JsonFiles.read(json, root -> {
            if (!root.isJsonArray()) {
                throw new IOException(json + " is not a JMH JSON result (expected an array)");
            }
            List<JmhResult> results = new ArrayList<>();
            for (JsonElement element : root.getAsJsonArray()) {
                results.add(of(element.getAsJsonObject(), json));
            }
            return results;
        });
    }

    private static JmhResult of(JsonObject row, Path source) throws IOException {
        JsonObject metric = row.getAsJsonObject("primaryMetric");
        if (metric == null || !row.has("benchmark")) {
            throw new IOException(source + ": a row lacks 'benchmark' or 'primaryMetric'");
        }
        Map<String, String> params = new TreeMap<>();
        JsonObject rawParams = row.getAsJsonObject("params");
        if (rawParams != null) {
            rawParams.entrySet().forEach(e -> params.put(e.getKey(), e.getValue().getAsString()));
        }
        Map<String, Double> secondary = new TreeMap<>();
        JsonObject rawSecondary = row.getAsJsonObject("secondaryMetrics");
        if (rawSecondary != null) {
            rawSecondary.entrySet().forEach(e -> secondary.put(e.getKey(), e.getValue().isJsonObject()
                    ? number(e.getValue().getAsJsonObject().get("score")) : Double.NaN));
        }
        return new JmhResult(row.get("benchmark").getAsString(), row.get("mode").getAsString(),
                row.has("threads") ? row.get("threads").getAsInt() : 1,
                Collections.unmodifiableMap(new LinkedHashMap<>(params)),
                number(metric.get("score")), number(metric.get("scoreError")),
                metric.get("scoreUnit").getAsString(), Collections.unmodifiableMap(secondary));
    }

    /** A JSON number, or JMH's "NaN" / "Infinity" strings. */
    public static double number(JsonElement element) {
        if (element == null || element.isJsonNull()) {
            return Double.NaN;
        }
        if (element.isJsonPrimitive() && element.getAsJsonPrimitive().isString()) {
            String text = element.getAsString().strip().toLowerCase(Locale.ROOT);
            return switch (text) {
                case "nan" -> Double.NaN;
                case "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
                case "-infinity" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(text);
            };
        }
        return element.getAsDouble();
    }
}
