package workbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;

/** The charts' conventions as properties: ticks at the measured counts, one colour per strategy everywhere. */
class ChartStyleTest {

    private static TreeMap<Integer, Double> points(double... speedups) {
        TreeMap<Integer, Double> points = new TreeMap<>();
        int workers = 1;
        for (double speedup : speedups) {
            points.put(workers, speedup);
            workers *= 2;
        }
        return points;
    }

    /** The non-empty tick labels XChart asks for when it paints {@code chart}. */
    private static Set<String> paintedLabels(XYChart chart, Set<Integer> counts) {
        Function<Double, String> labels = ChartStyle.countLabels(counts);
        List<String> asked = new ArrayList<>();
        ChartStyle.countAxis(chart, counts);
        chart.setCustomXAxisTickLabelsFormatter(x -> {
            String label = labels.apply(x);
            asked.add(label);
            return label;
        });
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(900, 440, BufferedImage.TYPE_INT_RGB);
        chart.paint(image.createGraphics(), 900, 440);
        Set<String> painted = new TreeSet<>(asked);
        painted.remove("");
        return painted;
    }

    @Test
    void aWorkerAxisIsLabelledAtTheMeasuredCountsAndNowhereElse() {
        XYChart chart = new XYChartBuilder().width(900).height(440).build();
        TreeMap<Integer, Double> threads = points(1, 1.9, 1.9, 1.9, 1.9);
        ChartStyle.strategy(chart, "Java THREADS", ChartStyle.atCounts(threads), threads);
        assertEquals(new TreeSet<>(List.of("1", "2", "4", "8", "16")), paintedLabels(chart, threads.keySet()));
    }

    @Test
    void aCountBetweenTheMeasuredOnesHasNoLabel() {
        Function<Double, String> labels = ChartStyle.countLabels(Set.of(1, 2, 4, 8, 16, 10_000));
        assertEquals("4", labels.apply(ChartStyle.position(4)));
        assertEquals("10,000", labels.apply(ChartStyle.position(10_000)));
        for (double between : List.of(2.5, 3.0, 7.5, 12.0)) {
            assertEquals("", labels.apply(ChartStyle.position(1) + Math.log(between) / Math.log(2)), "at " + between);
        }
    }

    @Test
    void aStrategyHasOneColourInEveryChartAndTheRuntimeIsTheLineStyle() {
        XYChart speedups = new XYChartBuilder().build();
        XYChart load = new XYChartBuilder().build();
        TreeMap<Integer, Double> points = points(1, 2);
        XYSeries javaThreads = ChartStyle.strategy(speedups, "Java THREADS", ChartStyle.atCounts(points), points);
        XYSeries pythonThreads = ChartStyle.strategy(speedups, "CPython THREADS", ChartStyle.atCounts(points), points);
        XYSeries platform = ChartStyle.strategy(load, "Java PLATFORM_THREADS", ChartStyle.asCounts(points), points);
        XYSeries loadThreads = ChartStyle.strategy(load, "CPython THREADS", ChartStyle.asCounts(points), points);
        assertEquals(javaThreads.getLineColor(), pythonThreads.getLineColor());
        assertEquals(javaThreads.getLineColor(), loadThreads.getLineColor());
        assertEquals(javaThreads.getLineColor(), platform.getLineColor(), "a thread per client is the same idea");
        assertEquals(SeriesLines.DOT_DOT, pythonThreads.getLineStyle());
        assertNotEquals(pythonThreads.getLineStyle(), javaThreads.getLineStyle());
        assertNotEquals(pythonThreads.getMarker(), javaThreads.getMarker());
        assertEquals(ChartStyle.colour("VIRTUAL_THREADS"), ChartStyle.colour("CPython virtualThreads"));
    }

    @Test
    void theStrategiesOfOneChartHaveColoursOfTheirOwnAndNoneIsTheIdealBounds() {
        for (List<String> chart : List.of(
                List.of("ADDER", "ATOMIC", "GIL", "LOCKING", "PROCESSES", "SEQUENTIAL", "SYNCHRONIZED", "UNSAFE"),
                List.of("SEQUENTIAL", "THREADS", "GIL_THREADS", "PROCESSES", "FORK_JOIN"),
                List.of("EVENT_LOOP", "PLATFORM_THREADS", "PRE_FORKED_PROCESSES", "VIRTUAL_THREADS"))) {
            Set<Color> colours = new HashSet<>();
            chart.forEach(strategy -> colours.add(ChartStyle.colour(strategy)));
            assertEquals(chart.size(), colours.size(), chart.toString());
            assertTrue(!colours.contains(ChartStyle.IDEAL), chart.toString());
        }
    }

    @Test
    void elevenSeriesAreSplitIntoWhatBothRuntimesMeasuredAndWhatOnlyJavaDid() {
        Map<String, TreeMap<Integer, Double>> series = new java.util.LinkedHashMap<>();
        for (String strategy : List.of("ADDER", "ATOMIC", "GIL", "LOCKING", "PROCESSES", "SEQUENTIAL", "SYNCHRONIZED",
                "UNSAFE")) {
            series.put(ChartStyle.name(false, strategy), points(1, 1));
        }
        for (String strategy : List.of("LOCKING", "SEQUENTIAL", "UNSAFE")) {
            series.put(ChartStyle.name(true, strategy), points(1, 1));
        }
        List<Charts.Group> groups = Charts.groups(series);
        assertEquals(2, groups.size());
        assertEquals(List.of("Java LOCKING", "Java SEQUENTIAL", "Java UNSAFE", "CPython LOCKING", "CPython SEQUENTIAL",
                "CPython UNSAFE"), groups.get(0).series());
        assertEquals(List.of("Java ADDER", "Java ATOMIC", "Java GIL", "Java PROCESSES", "Java SEQUENTIAL",
                "Java SYNCHRONIZED"), groups.get(1).series());
        assertEquals(1, Charts.groups(Map.of("Java THREADS", points(1, 2), "CPython THREADS", points(1, 1))).size());
    }
}
