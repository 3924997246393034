package workbench.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import workbench.results.JmhResult;

/**
 * Speedup-versus-workers charts, one per benchmark method and setting of its other parameters (two where it has
 * too many series, {@link #groups}): a line per Java strategy, a dotted one per CPython strategy measured on that
 * workload (its speedup over CPython's own sequential row), and the ideal bound, drawn as {@link ChartStyle} says.
 * Rendered headless to PNG beside the report.
 */
final class Charts {

    /** The most series one chart shows before they are split ({@link #groups}). */
    static final int MAX_SERIES = 7;

    private Charts() {
    }

    /**
     * Renders the item's charts into {@code dir} and returns their paths (none when nothing has workers); CPython's
     * speedups ({@code python}: by chart key, then series name, then workers) are a second series of dotted lines
     * on the charts Java's rows make.
     */
    static List<Path> speedupCharts(ResultsFolder.ItemResults item, int cores, Path dir,
                                    Map<String, Map<String, TreeMap<Integer, Double>>> python) throws IOException {
        // chart key (method + fixed params) -> strategy -> workers -> speedup
        Map<String, Map<String, TreeMap<Integer, Double>>> charts = new TreeMap<>();
        Map<String, TreeMap<Integer, Double>> ideals = new TreeMap<>();
        for (Speedups.Row row : item.rows()) {
            JmhResult result = row.result();
            String strategy = result.param("strategy");
            var workers = BenchParams.workers(result);
            if (strategy == null || workers.isEmpty() || Double.isNaN(row.speedup())) {
                continue;
            }
            String key = chartKey(result);
            charts.computeIfAbsent(key, k -> new TreeMap<>())
                    .computeIfAbsent(strategy, s -> new TreeMap<>())
                    .put(workers.get(), row.speedup());
            if (!Double.isNaN(row.ideal()) && !BenchParams.isBaseline(strategy)) {
                ideals.computeIfAbsent(key, k -> new TreeMap<>()).merge(workers.get(), row.ideal(), Math::max);
            }
        }
        System.setProperty("java.awt.headless", "true");
        List<Path> written = new ArrayList<>();
        for (var chart : charts.entrySet()) {
            TreeMap<Integer, Double> ideal = ideals.getOrDefault(chart.getKey(), new TreeMap<>());
            if (chart.getValue().values().stream().allMatch(points -> points.size() < 2)) {
                continue;
            }
            Map<String, TreeMap<Integer, Double>> series = new LinkedHashMap<>();
            chart.getValue().forEach((strategy, points) -> series.put(ChartStyle.name(false, strategy), points));
            python.getOrDefault(chart.getKey(), Map.of()).forEach((strategy, points) -> series.put(
                    ChartStyle.name(true, strategy.substring(strategy.indexOf(' ') + 1)), points));
            for (Group group : groups(series)) {
                Path png = dir.resolve("item" + item.item() + "-" + chart.getKey() + group.suffix()
                        + (item.quick() ? "-quick" : "") + ".png");
                XYChart xy = new XYChartBuilder().width(900).height(440)
                        .title("Item " + item.item() + ": " + chart.getKey().replace('_', ' ') + group.title()
                                + (item.quick() ? " (quick)" : ""))
                        .xAxisTitle("workers").yAxisTitle("speedup over sequential (" + cores + " cores)").build();
                // Beside the plot, not inside it: with Java's and CPython's series an inside legend hid points.
                xy.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
                List<Map<Integer, Double>> drawn = new ArrayList<>();
                for (String name : group.series()) {
                    ChartStyle.strategy(xy, name, ChartStyle.atCounts(series.get(name)), series.get(name));
                    drawn.add(series.get(name));
                }
                if (!ideal.isEmpty()) {
                    ChartStyle.ideal(xy, "ideal bound", ChartStyle.atCounts(ideal), ideal);
                    drawn.add(ideal);
                }
                ChartStyle.countAxis(xy, ChartStyle.counts(drawn));
                ChartStyle.save(xy, png);
                written.add(png);
            }
        }
        return written;
    }

    /** One chart's share of a benchmark's series: their names, and what its file name and title add. */
    record Group(List<String> series, String suffix, String title) {
    }

    /**
     * A benchmark's series in charts a reader can tell apart: all in one up to {@value #MAX_SERIES}; above that
     * (Item 54's eleven), one chart of the strategies both runtimes measured, Java's and CPython's, and one of the
     * strategies only Java measured; the sequential baseline, where there is one, in both for reference.
     */
    static List<Group> groups(Map<String, ? extends Map<Integer, Double>> series) {
        List<String> names = List.copyOf(series.keySet());
        if (names.size() <= MAX_SERIES) {
            return List.of(new Group(names, "", ""));
        }
        Set<String> inCPython = names.stream().filter(ChartStyle::isCPython).map(ChartStyle::normalise)
                .collect(Collectors.toSet());
        Predicate<String> baseline = name -> !ChartStyle.isCPython(name) && BenchParams.isBaseline(
                name.substring(ChartStyle.JAVA.length()));
        List<String> both = names.stream()
                .filter(name -> inCPython.contains(ChartStyle.normalise(name)) || baseline.test(name)).toList();
        List<String> javaOnly = names.stream()
                .filter(name -> !both.contains(name) || baseline.test(name)).toList();
        if (inCPython.isEmpty() || javaOnly.stream().allMatch(baseline)) {
            return List.of(new Group(names, "", ""));
        }
        return List.of(new Group(both, "-with-cpython", " (strategies CPython measured too)"),
                new Group(javaOnly, "-java-only", " (strategies only Java measured)"));
    }

    /** {@code fanOut}, or {@code work_latency-10} when other parameters are fixed per chart. */
    static String chartKey(JmhResult result) {
        StringBuilder key = new StringBuilder(result.method());
        new TreeMap<>(result.params()).forEach((name, value) -> {
            if (!name.equals("strategy") && !BenchParams.WORKER_PARAMS.contains(name)) {
                key.append('_').append(name).append('-').append(value.replaceAll("[^A-Za-z0-9.]+", ""));
            }
        });
        return key.toString();
    }
}
