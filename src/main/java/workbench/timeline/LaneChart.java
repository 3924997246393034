package workbench.timeline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.HorizontalAlignment;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Draws a {@link Timeline} as lanes with JFreeChart, headless: one row per thread (its JVM named where it is not
 * the parent), milliseconds since the run began along x, a colour per {@link State}, the summary and the legend
 * notes under the picture. Intervals keep their microseconds ({@code XYIntervalSeries}, not the millisecond
 * {@code Date}s of JFreeChart's Gantt charts).
 */
public final class LaneChart {

    /** Width of the picture in pixels. */
    public static final int WIDTH = 1200;
    private static final int LANE_HEIGHT = 26;
    private static final int FRAME = 230;

    private LaneChart() {
    }

    /** The picture's height for {@code lanes} lanes and {@code lines} text lines under it. */
    public static int height(int lanes, int lines) {
        return FRAME + LANE_HEIGHT * Math.max(lanes, 1) + 16 * lines;
    }

    /** Builds the chart; {@code summary} lines go under it. */
    public static JFreeChart chart(Timeline timeline, List<String> summary) {
        Map<State, XYIntervalSeries> series = new EnumMap<>(State.class);
        for (State state : State.values()) {
            series.put(state, new XYIntervalSeries(state.label()));
        }
        List<Lane> lanes = timeline.lanes();
        String[] names = new String[lanes.size()];
        for (int i = 0; i < lanes.size(); i++) {
            Lane lane = lanes.get(i);
            names[i] = lane.label();
            for (Lane.Segment s : lane.segments()) {
                double from = (s.start() - timeline.start()) / 1e6;
                double to = (s.end() - timeline.start()) / 1e6;
                series.get(s.state()).add(i, i - 0.38, i + 0.38, from, from, to);
            }
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        int index = 0;
        XYBarRenderer renderer = new XYBarRenderer();
        renderer.setUseYInterval(true);
        renderer.setShadowVisible(false);
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setDrawBarOutline(false);
        for (State state : State.values()) {
            if (series.get(state).getItemCount() > 0) {
                data.addSeries(series.get(state));
                renderer.setSeriesPaint(index++, state.colour());
            }
        }
        SymbolAxis threads = new SymbolAxis(null, names);
        threads.setGridBandsVisible(false);
        threads.setInverted(true);
        NumberAxis time = new NumberAxis("milliseconds since the run began");
        time.setRange(0, Math.max(timeline.nanos() / 1e6, 0.001));
        XYPlot plot = new XYPlot(data, threads, time, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setDomainGridlinesVisible(false);
        JFreeChart chart = new JFreeChart(timeline.title(), new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setPosition(RectangleEdge.TOP);
        Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        List<String> lines = new ArrayList<>(summary);
        timeline.notes().forEach(note -> lines.add("note: " + note));
        for (int i = lines.size() - 1; i >= 0; i--) { // bottom subtitles stack upwards from the last added
            chart.addSubtitle(text(lines.get(i), small));
        }
        return chart;
    }

    /** Writes the picture as a PNG of {@link #WIDTH} by {@link #height}. */
    public static void writePng(Timeline timeline, List<String> summary, Path png) throws IOException {
        JFreeChart chart = chart(timeline, summary);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH,
                height(timeline.lanes().size(), summary.size() + timeline.notes().size()));
    }

    private static TextTitle text(String line, Font font) {
        TextTitle title = new TextTitle(line, font);
        title.setPosition(RectangleEdge.BOTTOM);
        title.setHorizontalAlignment(HorizontalAlignment.LEFT);
        return title;
    }
}
