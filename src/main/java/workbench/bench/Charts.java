package workbench.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

import workbench.results.JmhResult;

/**
 * Speedup-versus-workers charts, one per benchmark method and setting of its other parameters: a line per
 * strategy, a dotted line per CPython strategy measured on that workload (its speedup over CPython's own
 * sequential row), and a dashed line for the ideal bound. Rendered headless to PNG beside the report.
 */
final class Charts {

    private Charts() {
    }

    /**
     * Renders the item's charts into {@code dir} and returns their paths (none when nothing has workers); CPython's
     * speedups ({@code python}: by chart key, then series name, then workers) are a second series of dotted lines
     * on the charts Java's rows make.
     */
    static List<Path> speedupCharts(Report.ItemResults item, int cores, Path dir,
                                    Map<String, Map<String, TreeMap<Integer, Double>>> python) throws IOException {
        // chart key (method + fixed params) -> strategy -> workers -> speedup
        Map<String, Map<String, TreeMap<Integer, Double>>> charts = new TreeMap<>();
        Map<String, TreeMap<Integer, Double>> ideals = new TreeMap<>();
        for (Report.Row row : item.rows()) {
            JmhResult result = row.result();
            String strategy = result.param("strategy");
            var workers = Report.workers(result);
            if (strategy == null || workers.isEmpty() || Double.isNaN(row.speedup())) {
                continue;
            }
            String key = chartKey(result);
            charts.computeIfAbsent(key, k -> new TreeMap<>())
                    .computeIfAbsent(strategy, s -> new TreeMap<>())
                    .put(workers.get(), row.speedup());
            if (!Double.isNaN(row.ideal()) && !Report.isBaseline(strategy)) {
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
            XYChart xy = new XYChartBuilder().width(900).height(440)
                    .title("Item " + item.item() + ": " + chart.getKey().replace('_', ' ')
                            + (item.quick() ? " (quick)" : ""))
                    .xAxisTitle("workers").yAxisTitle("speedup over sequential (" + cores + " cores)").build();
            // Beside the plot, not inside it: with a dozen series (Java's and CPython's) an inside legend hid points.
            xy.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
            xy.getStyler().setXAxisLogarithmic(true);
            xy.getStyler().setXAxisDecimalPattern("#");
            for (var strategy : chart.getValue().entrySet()) {
                addSeries(xy, strategy.getKey(), strategy.getValue());
            }
            for (var strategy : python.getOrDefault(chart.getKey(), Map.of()).entrySet()) {
                XYSeries series = addSeries(xy, strategy.getKey(), strategy.getValue());
                series.setLineStyle(SeriesLines.DOT_DOT);
            }
            if (!ideal.isEmpty()) {
                XYSeries bound = addSeries(xy, "ideal bound", ideal);
                bound.setLineStyle(SeriesLines.DASH_DASH);
                bound.setMarker(SeriesMarkers.NONE);
            }
            Path png = dir.resolve("item" + item.item() + "-" + chart.getKey() + (item.quick() ? "-quick" : "")
                    + ".png");
            BitmapEncoder.saveBitmap(xy, png.toString(), BitmapEncoder.BitmapFormat.PNG);
            written.add(png);
        }
        return written;
    }

    static XYSeries addSeries(XYChart chart, String name, TreeMap<Integer, Double> points) {
        return chart.addSeries(name, points.keySet().stream().map(Integer::doubleValue).toList(),
                new ArrayList<>(points.values()));
    }

    /** {@code fanOut}, or {@code work_latency-10} when other parameters are fixed per chart. */
    static String chartKey(JmhResult result) {
        StringBuilder key = new StringBuilder(result.method());
        new TreeMap<>(result.params()).forEach((name, value) -> {
            if (!name.equals("strategy") && !Report.WORKER_PARAMS.contains(name)) {
                key.append('_').append(name).append('-').append(value.replaceAll("[^A-Za-z0-9.]+", ""));
            }
        });
        return key.toString();
    }
}
