package workbench.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

import javax.imageio.ImageIO;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * How every chart of the report draws what it draws, so that a reader learns it once: a strategy has one colour in
 * every chart ({@link #colour}), Java's series are solid with filled markers and CPython's dotted with hollow ones,
 * each named {@code Java X} or {@code CPython X}; the ideal bound is a thick black dashed line over a light grid; a
 * count axis (workers, cores) is labelled at the counts measured; numbers are plain ({@code 1,000}).
 */
final class ChartStyle {

    static final String JAVA = "Java ";
    static final String CPYTHON = "CPython ";
    static final Color IDEAL = Color.BLACK;
    private static final Color GRID = new Color(225, 225, 225);

    /**
     * A strategy's colour, by its normalised name ({@link #normalise}); names of one idea share one (a thread per
     * client is Java's PLATFORM_THREADS and CPython's THREADS). Chosen to differ within every chart the report
     * draws; a strategy not listed gets one of {@link #SPARE} by its name's hash.
     */
    private static final Map<String, Color> COLOURS = colours();
    private static final List<Color> SPARE = List.of(new Color(0, 128, 128), new Color(128, 128, 0),
            new Color(70, 70, 200), new Color(200, 80, 0), new Color(0, 150, 90), new Color(150, 0, 150));

    private ChartStyle() {
    }

    private static Map<String, Color> colours() {
        Map<String, Color> colours = new LinkedHashMap<>();
        put(colours, new Color(110, 110, 110), "SEQUENTIAL", "SERIAL", "ALONE");
        put(colours, new Color(31, 119, 180), "THREADS", "PLATFORMTHREADS", "THREADPERCELL");
        put(colours, new Color(148, 103, 189), "GILTHREADS", "GIL", "BESIDECPU");
        put(colours, new Color(214, 39, 40), "PROCESSES", "PREFORKEDPROCESSES", "PROCESSPOOL");
        put(colours, new Color(44, 160, 44), "PARALLEL", "FORKJOIN", "NOGIL");
        put(colours, new Color(255, 127, 14), "VIRTUALTHREADS", "VIRTUALTHREADPERTASK", "COROUTINES");
        put(colours, new Color(23, 170, 190), "EVENTLOOP", "ASYNCIO", "FULLYASYNC");
        put(colours, new Color(140, 86, 75), "ADDER", "THREADPOOL", "FIXEDPOOL");
        put(colours, new Color(227, 119, 194), "ATOMIC", "QUEUEWORKERS", "PHASEDQUEUEWORKERS");
        put(colours, new Color(160, 160, 0), "LOCKING", "LOCK", "LOCKED");
        put(colours, new Color(0, 0, 128), "SYNCHRONIZED", "COMPLETABLEFUTURES");
        put(colours, new Color(230, 0, 110), "UNSAFE");
        return colours;
    }

    private static void put(Map<String, Color> colours, Color colour, String... names) {
        for (String name : names) {
            colours.put(name, colour);
        }
    }

    /** A series name without its runtime, upper-case letters and digits only: {@code CPython virtualThreads} is VIRTUALTHREADS. */
    static String normalise(String series) {
        String name = series.startsWith(JAVA) ? series.substring(JAVA.length())
                : series.startsWith(CPYTHON) ? series.substring(CPYTHON.length()) : series;
        String letters = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
        return letters.startsWith("CPYTHON") ? letters.substring("CPYTHON".length()) : letters;
    }

    static Color colour(String series) {
        String name = normalise(series);
        Color known = COLOURS.get(name);
        return known != null ? known : SPARE.get(Math.floorMod(name.hashCode(), SPARE.size()));
    }

    /** {@code Java THREADS} or {@code CPython THREADS}: one naming for both runtimes in every chart. */
    static String name(boolean cpython, String strategy) {
        return (cpython ? CPYTHON : JAVA) + strategy;
    }

    static boolean isCPython(String series) {
        return series.startsWith(CPYTHON);
    }

    /**
     * Adds a strategy's series in its colour: solid with circles for Java, dotted with triangles for CPython; at
     * {@code x}'s positions ({@link #atCounts} on a count axis, the counts themselves on a logarithmic one).
     */
    static XYSeries strategy(XYChart chart, String series, List<Double> x, Map<Integer, Double> points) {
        XYSeries added = chart.addSeries(series, x, List.copyOf(points.values()));
        Color colour = colour(series);
        added.setLineColor(colour);
        added.setMarkerColor(colour);
        added.setLineWidth(2f);
        if (isCPython(series)) {
            added.setLineStyle(SeriesLines.DOT_DOT);
            added.setMarker(SeriesMarkers.TRIANGLE_DOWN);
        } else {
            added.setLineStyle(SeriesLines.SOLID);
            added.setMarker(SeriesMarkers.CIRCLE);
        }
        return added;
    }

    /** Adds the ideal bound: thick, black, dashed, no markers, so that no grid line is taken for it. */
    static XYSeries ideal(XYChart chart, String series, List<Double> x, Map<Integer, Double> points) {
        XYSeries added = chart.addSeries(series, x, List.copyOf(points.values()));
        added.setLineColor(IDEAL);
        added.setLineStyle(new BasicStroke(3f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {10f, 6f}, 0f));
        added.setMarker(SeriesMarkers.NONE);
        return added;
    }

    /** Where a count goes on a count axis: its base-2 logarithm, so that 1, 2, 4, 8, 16 are evenly spaced. */
    static double position(int count) {
        return Math.log(count) / Math.log(2);
    }

    /** The points' positions on a count axis ({@link #countAxis}). */
    static List<Double> atCounts(Map<Integer, Double> points) {
        return points.keySet().stream().map(ChartStyle::position).toList();
    }

    /** The points' counts as they are, for a logarithmic axis. */
    static List<Double> asCounts(Map<Integer, Double> points) {
        return points.keySet().stream().map(Integer::doubleValue).toList();
    }

    /**
     * Makes the x axis a count axis labelled at exactly {@code counts}, plain ({@code 1,000}): XChart puts its ticks
     * at the data's x positions when they are evenly spaced (1, 2, 4, 8, 16 are, on this axis), and the label of
     * any other tick is empty, so no count that was not measured (2.5, 7.5) is printed.
     */
    static void countAxis(XYChart chart, Set<Integer> counts) {
        chart.setCustomXAxisTickLabelsFormatter(countLabels(counts));
        chart.getStyler().setXAxisLogarithmic(false);
        grid(chart);
    }

    /** The label of a tick at position {@code x} on a count axis: the measured count there, else nothing. */
    static Function<Double, String> countLabels(Set<Integer> counts) {
        TreeMap<Double, Integer> byPosition = new TreeMap<>();
        counts.forEach(count -> byPosition.put(position(count), count));
        return x -> {
            Map.Entry<Double, Integer> nearest = byPosition.floorEntry(x + 1e-9);
            return nearest != null && Math.abs(nearest.getKey() - x) < 1e-6 ? plain(nearest.getValue()) : "";
        };
    }

    /** {@code 10,000}. */
    static String plain(double value) {
        return new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    /**
     * Both axes logarithmic with plain numbers ({@code 10,000}, not {@code 1E4}), for counts too far apart to be
     * evenly spaced (1, 64, 1,000 and 10,000 clients), and the grid light.
     */
    static void plainLogarithmic(XYChart chart) {
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setXAxisDecimalPattern("#,##0");
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        grid(chart);
    }

    private static void grid(XYChart chart) {
        chart.getStyler().setPlotGridLinesColor(GRID);
        chart.getStyler().setPlotGridLinesStroke(new BasicStroke(1f));
    }

    /** Writes the chart as a PNG file (XChart 4's own encoder methods are deprecated: the chart paints itself). */
    static void save(XYChart chart, Path png) throws IOException {
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            chart.paint(graphics, chart.getWidth(), chart.getHeight());
        } finally {
            graphics.dispose();
        }
        if (!ImageIO.write(image, "png", png.toFile())) {
            throw new IOException("no PNG writer in this JDK: " + png);
        }
    }

    /** The counts of some series' points, in order: what the axis is labelled with. */
    static Set<Integer> counts(Iterable<? extends Map<Integer, Double>> series) {
        Set<Integer> counts = new TreeSet<>();
        series.forEach(points -> counts.addAll(points.keySet()));
        return counts;
    }
}
