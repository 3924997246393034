package workbench.timeline;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.TexturePaint;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

/**
 * Draws timelines as lanes with Java2D, headless: one row per thread (its JVM named where it is not the parent),
 * milliseconds since the run began along x, a colour per {@link State}, the units of work the item is about on
 * top, the summary under each picture, the legend above.
 *
 * <p>What a reader sees: a thread's states as a bar; a unit of work (a pool task, a cell's step, a session) as an
 * outlined, labelled box over the lane that ran it, or, where units interleave on one thread (coroutines on a
 * loop), as compact rows of their own under that lane; a pool task's send and result as marks in the parent,
 * joined to the task's run by thin lines; where worker JVMs have lanes, the parent's pipe-draining threads
 * ({@link Timeline#plumbing}) folded into one quiet grey row. "Not measured" is drawn as absence (hatched white),
 * never as a colour. Several timelines stack on one time scale ({@link #writeStacked}), their lanes in one order.
 */
public final class LaneChart {

    /** Width of the picture in pixels. */
    public static final int WIDTH = 1200;

    private static final int LANE = 24;
    private static final int UNIT_ROW = 11;
    private static final int FOLDED = 14;
    private static final int CPU_ROW = 18;
    /** A CPU row's slice of a thread of another process (or of a thread this timeline has no lane for). */
    private static final Color OTHER = new Color(0xB4, 0xB4, 0xB4);
    /** A JVM row's bars: the JVM's own threads summed, drawn unlike any thread's state. */
    private static final Color SUMMED = new Color(0x4A, 0x4A, 0x5A);
    /** A CPU row's slice of a JVM's thread that has no lane (GC, JIT, ...). */
    private static final Color UNLANED = new Color(0x70, 0x70, 0x84);
    private static final int PAD = 12;
    private static final int LINE = 16;
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font BAND = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);
    private static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    private static final Color QUIET = new Color(0xE4, 0xE4, 0xE4);
    private static final Color UNIT_FILL = new Color(0xFF, 0xFF, 0xFF, 0xB0);
    private static final Color MARK = new Color(0x33, 0x33, 0x33);
    private static final Color FLOW = new Color(0x55, 0x55, 0x55, 0x90);

    private LaneChart() {
    }

    /**
     * One timeline of a stacked picture: a titled band with its summary lines under it, the whole run on the
     * picture's shared scale, or a zoom: the window from {@code from} to {@code to} (nanoseconds since the run
     * began) on a scale of its own.
     */
    public record Band(String title, Timeline timeline, List<String> summary, long from, long to) {
        public Band {
            summary = List.copyOf(summary);
            if (from < 0 || (to >= 0 && to <= from)) {
                throw new IllegalArgumentException("a zoom's window runs forwards from the run's start: " + from
                        + " to " + to);
            }
        }

        /** The whole run, on the picture's shared scale. */
        public Band(String title, Timeline timeline, List<String> summary) {
            this(title, timeline, summary, 0, -1);
        }

        /** Whether this band shows a window of the run on a scale of its own. */
        public boolean zoomed() {
            return to >= 0;
        }

        /** The instant at the band's left edge, nanoseconds since the epoch. */
        long origin() {
            return timeline.start() + from;
        }
    }

    /**
     * What a row draws: a thread's lane, threads folded into one quiet row, units of work of their own, a JVM's
     * threads without a lane summed as cores per sample period ({@link Timeline.JvmThreads}), or one CPU's
     * threads ({@link Timeline.CpuLane}).
     */
    enum Kind { LANE, FOLDED, UNITS, JVM, CPU }

    /**
     * A unit of work as drawn: {@code text} when it fits, else {@code shortText}, else no label.
     *
     * @param kind what it is (task, cell, session)
     */
    record Slice(String kind, String text, String shortText, long start, long end) {
    }

    /**
     * A row of a band: its label, what it draws, its lanes (one, or the folded ones), its units, its height; for
     * {@link Kind#JVM} the summed threads and the cores its full height stands for, for {@link Kind#CPU} the CPU.
     */
    record Row(String label, Kind kind, List<Lane> lanes, List<Slice> slices, int height, Timeline.JvmThreads jvm,
            int scale, Timeline.CpuLane cpu) {

        Row(String label, Kind kind, List<Lane> lanes, List<Slice> slices, int height) {
            this(label, kind, lanes, slices, height, null, 0, null);
        }
    }

    /** A pool task's send or result in the parent, drawn as a mark on the row of the thread that did it. */
    record Mark(Lane lane, long at, boolean send, long task) {
    }

    /** One band laid out: its rows in the picture's order and its marks. */
    record BandLayout(Band band, List<Row> rows, List<Mark> marks) {

        /** The states drawn in this band's lanes (folded rows draw none). */
        Set<State> statesDrawn() {
            Set<State> states = EnumSet.noneOf(State.class);
            rows.stream().filter(r -> r.kind() == Kind.LANE).flatMap(r -> r.lanes().stream())
                    .flatMap(l -> l.segments().stream()).forEach(s -> states.add(s.state()));
            return states;
        }

        /** Every unit of work drawn, in lanes and in rows of their own. */
        List<Slice> slices() {
            return rows.stream().flatMap(r -> r.slices().stream()).toList();
        }
    }

    /**
     * The whole picture laid out: its bands on one time scale of {@code nanos} (the longest run), the states the
     * legend lists (exactly those drawn) and its units' counts per kind.
     */
    record Layout(String title, List<BandLayout> bands, long nanos, Set<State> legend, Map<String, Long> units) {
    }

    /**
     * Draws one timeline as a PNG: {@link #writeStacked} with a single band titled as the timeline, and, where
     * units of work are too narrow to be labelled on the whole run's scale but ran within a short part of it (a
     * pool's tasks after its workers' JVMs started), a zoom on that part under it.
     */
    public static void writePng(Timeline timeline, List<String> summary, Path png) throws IOException {
        Band whole = new Band(null, timeline, summary);
        List<Band> bands = new ArrayList<>(List.of(whole));
        zoom(timeline).ifPresent(bands::add);
        writeStacked(timeline.title(), bands, png);
    }

    /**
     * A zoom on where the units of work ran, if some are unlabelled on the whole run's scale and they all ran
     * within two fifths of it.
     */
    static java.util.Optional<Band> zoom(Timeline timeline) {
        Layout whole = layout(null, List.of(new Band(null, timeline, List.of())));
        List<String> labels = labelsDrawn(whole);
        if (labels.isEmpty() || !labels.contains(null)) {
            return java.util.Optional.empty();
        }
        BandLayout band = whole.bands().get(0);
        long last = Long.MIN_VALUE;
        for (Slice slice : band.slices()) {
            last = Math.max(last, slice.end());
        }
        for (Mark mark : band.marks()) {
            last = Math.max(last, mark.at());
        }
        // from the first unit's start, not the first send: the sends before the workers' JVMs started would
        // stretch the window over the whole start
        long firstRun = band.slices().stream().mapToLong(Slice::start).min().orElseThrow();
        long margin = Math.max(1, (last - firstRun) / 20);
        long from = Math.max(0, firstRun - margin - timeline.start());
        long to = Math.min(timeline.nanos(), last + margin - timeline.start());
        if (to <= from || to - from > timeline.nanos() * 2 / 5) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Band(String.format(Locale.ROOT, "zoom: %.1f to %.1f ms, where the units of"
                + " work ran (a scale of its own)", from / 1e6, to / 1e6), timeline, List.of(), from, to));
    }

    /**
     * Draws {@code bands} stacked on one time scale into one PNG, {@link #WIDTH} wide and as tall as they need:
     * each band titled, the same milliseconds under every band, a lane of the same label in the same order in
     * every band (the order the lanes first appear in, band by band), the legend listing the states drawn in any.
     * Written whole or not at all ({@link AtomicFiles}), so no half-written picture is left, interrupted or not.
     */
    public static void writeStacked(String title, List<Band> bands, Path png) throws IOException {
        BufferedImage image = draw(layout(title, bands));
        Files.createDirectories(png.toAbsolutePath().getParent());
        AtomicFiles.write(png, part -> ImageIO.write(image, "png", part.toFile()));
    }

    /** Lays {@code bands} out: rows per band in one order across bands, the legend's states. */
    static Layout layout(String title, List<Band> bands) {
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("a picture needs at least one timeline");
        }
        List<List<Row>> rowsPerBand = new ArrayList<>();
        List<String> order = new ArrayList<>();
        for (Band band : bands) {
            List<Row> rows = rows(band.timeline());
            rowsPerBand.add(rows);
            rows.stream().filter(r -> r.kind() == Kind.LANE || r.kind() == Kind.FOLDED).map(Row::label)
                    .filter(l -> !order.contains(l)).forEach(order::add);
        }
        List<BandLayout> laid = new ArrayList<>();
        Set<State> legend = EnumSet.noneOf(State.class);
        Map<String, Long> units = new LinkedHashMap<>();
        long nanos = 1;
        for (int b = 0; b < bands.size(); b++) {
            Band band = bands.get(b);
            List<Row> rows = ordered(rowsPerBand.get(b), order);
            BandLayout layout = new BandLayout(band, rows, marks(band.timeline(), rows));
            laid.add(layout);
            legend.addAll(layout.statesDrawn());
            if (!band.zoomed()) { // a zoom draws the same units again
                layout.slices().forEach(s -> units.merge(s.kind(), 1L, Long::sum));
            }
            if (!band.zoomed()) {
                nanos = Math.max(nanos, band.timeline().nanos());
            }
        }
        return new Layout(title, laid, nanos, legend, units);
    }

    /**
     * Puts rows in the shared {@code order} of their labels; a thread's own unit rows stay right under its lane, a
     * JVM's row under its lanes, the CPUs' rows under all ({@link #placeMachineRows}).
     */
    private static List<Row> ordered(List<Row> rows, List<String> order) {
        List<List<Row>> groups = new ArrayList<>();
        for (Row row : rows) {
            if (row.kind() == Kind.JVM || row.kind() == Kind.CPU) {
                continue;
            }
            if (row.kind() == Kind.UNITS && !groups.isEmpty()) {
                groups.get(groups.size() - 1).add(row);
            } else {
                groups.add(new ArrayList<>(List.of(row)));
            }
        }
        groups.sort(Comparator.comparingInt(g -> order.indexOf(g.get(0).label())));
        List<Row> ordered = new ArrayList<>(groups.stream().flatMap(List::stream).toList());
        placeMachineRows(ordered, rows.stream().filter(r -> r.kind() == Kind.JVM || r.kind() == Kind.CPU).toList());
        return ordered;
    }

    /** Adds each JVM row right after the last row of its JVM's lanes (else at the end), then the CPU rows. */
    private static void placeMachineRows(List<Row> rows, List<Row> machine) {
        for (Row jvm : machine.stream().filter(r -> r.kind() == Kind.JVM).toList()) {
            int after = rows.size();
            for (int i = 0; i < rows.size(); i++) {
                if (!rows.get(i).lanes().isEmpty() && rows.get(i).lanes().get(0).jvm().equals(jvm.jvm().jvm())) {
                    after = i + 1;
                }
            }
            rows.add(after, jvm);
        }
        machine.stream().filter(r -> r.kind() == Kind.CPU).forEach(rows::add);
    }

    /** A timeline's rows: a lane per thread, the plumbing folded after the parent's lanes, units placed. */
    static List<Row> rows(Timeline timeline) {
        List<Row> rows = new ArrayList<>();
        // Folded where worker JVMs have lanes of their own: there the work is drawn, the pipes only carry it. Where
        // no child is recorded (Item 52's), the pipe threads' lanes are the only view of the children: kept.
        boolean fold = !timeline.workerPids().isEmpty();
        List<Lane> folded = timeline.lanes().stream().filter(l -> fold && Timeline.plumbing(l)).toList();
        boolean foldedPlaced = folded.isEmpty();
        for (Lane lane : drawingOrder(timeline.lanes())) {
            if (folded.contains(lane)) {
                continue;
            }
            if (!foldedPlaced && !lane.jvm().equals(Timeline.PARENT)) {
                rows.add(foldedRow(folded));
                foldedPlaced = true;
            }
            List<Slice> tasks = tasks(timeline, lane);
            List<Slice> units = units(timeline, lane);
            if (tasks.isEmpty() && disjoint(units)) {
                rows.add(new Row(label(lane), Kind.LANE, List.of(lane), units, LANE));
            } else { // a worker's tasks stay in its lane; units inside them (cells of a row) get rows of their own
                rows.add(new Row(label(lane), Kind.LANE, List.of(lane), tasks, LANE));
                if (!units.isEmpty()) {
                    rows.addAll(unitRows(lane, units));
                }
            }
        }
        if (!foldedPlaced) {
            rows.add(foldedRow(folded));
        }
        List<Row> machine = new ArrayList<>();
        for (Timeline.JvmThreads jvm : timeline.machine().jvmThreads()) {
            int scale = jvmScale(jvm);
            machine.add(new Row(jvm.label() + String.format(Locale.ROOT, " (0-%d core%s)", scale,
                    scale == 1 ? "" : "s"), Kind.JVM, List.of(), List.of(), LANE, jvm, scale, null));
        }
        for (Timeline.CpuLane cpu : timeline.machine().cpus()) {
            machine.add(new Row("CPU " + cpu.cpu(), Kind.CPU, List.of(), List.of(), CPU_ROW, null, 0, cpu));
        }
        placeMachineRows(rows, machine);
        return rows;
    }

    /** The whole cores a JVM row's height stands for: its busiest period's, rounded up, at least one. */
    static int jvmScale(Timeline.JvmThreads jvm) {
        double most = jvm.samples().stream().mapToDouble(Timeline.CpuSample::cores).max().orElse(0);
        return Math.max(1, (int) Math.ceil(most - 1e-9));
    }

    /**
     * The lanes as drawn: the thread that ran the example first, then the parent's other threads, then each worker
     * JVM's, each group in the order its threads started (a recording lists them in no useful order).
     */
    static List<Lane> drawingOrder(List<Lane> lanes) {
        if (lanes.isEmpty()) {
            return lanes;
        }
        List<Lane> rest = new ArrayList<>(lanes.subList(1, lanes.size()));
        rest.sort(Comparator.<Lane>comparingInt(l -> l.jvm().equals(Timeline.PARENT) ? 0 : 1)
                .thenComparingInt(l -> l.jvm().length()).thenComparing(Lane::jvm)
                .thenComparingLong(Lane::start).thenComparing(Lane::name));
        List<Lane> ordered = new ArrayList<>(List.of(lanes.get(0)));
        ordered.addAll(rest);
        return ordered;
    }

    /** A lane's label; a thread without a name (a virtual thread's default) is named by its id. */
    private static String label(Lane lane) {
        return lane.name().isBlank() ? lane.label() + (lane.virtual() ? "virtual" : "thread") + " #" + lane.tid()
                : lane.label();
    }

    private static Row foldedRow(List<Lane> lanes) {
        return new Row("pipe plumbing (" + lanes.size() + " threads)", Kind.FOLDED, lanes, List.of(), FOLDED);
    }

    /** The pool tasks {@code lane}'s thread ran, in start order (a worker runs one at a time: disjoint). */
    private static List<Slice> tasks(Timeline timeline, Lane lane) {
        return timeline.tasks().stream().filter(t -> t.phase().equals("run") && t.pid() == lane.pid()
                && t.tid() == lane.tid()).map(t -> new Slice("task", "task " + t.task(), String.valueOf(t.task()),
                t.start(), t.end())).toList();
    }

    /** The units of work (cells, sessions) {@code lane}'s thread ended, in start order. */
    private static List<Slice> units(Timeline timeline, Lane lane) {
        return timeline.units().stream().filter(u -> u.pid() == lane.pid() && u.tid() == lane.tid())
                .map(u -> new Slice(u.kind(), u.kind() + " " + u.label(), u.label(), u.start(), u.end()))
                .sorted(Comparator.comparingLong(Slice::start)).toList();
    }

    private static boolean disjoint(List<Slice> slices) {
        for (int i = 1; i < slices.size(); i++) {
            if (slices.get(i).start() < slices.get(i - 1).end()) {
                return false;
            }
        }
        return true;
    }

    /** Interleaved units of one thread packed into compact rows, each unit in the first row it fits. */
    private static List<Row> unitRows(Lane lane, List<Slice> slices) {
        List<List<Slice>> packed = new ArrayList<>();
        for (Slice slice : slices) {
            List<Slice> fits = packed.stream().filter(r -> r.get(r.size() - 1).end() <= slice.start()).findFirst()
                    .orElse(null);
            if (fits == null) {
                fits = new ArrayList<>();
                packed.add(fits);
            }
            fits.add(slice);
        }
        List<Row> rows = new ArrayList<>();
        Map<String, Long> kinds = new LinkedHashMap<>();
        slices.forEach(s -> kinds.merge(s.kind(), 1L, Long::sum));
        String what = String.join(", ", kinds.entrySet().stream().map(e -> e.getValue() + " " + e.getKey() + "s")
                .toList());
        for (int i = 0; i < packed.size(); i++) {
            rows.add(new Row(i == 0 ? "  " + what + " on it" : "", Kind.UNITS, List.of(lane), packed.get(i),
                    UNIT_ROW));
        }
        return rows;
    }

    /** The send and result marks of pool tasks, on the rows of the threads that did them. */
    private static List<Mark> marks(Timeline timeline, List<Row> rows) {
        List<Mark> marks = new ArrayList<>();
        for (Timeline.PoolTask task : timeline.tasks()) {
            if (task.phase().equals("run")) {
                continue;
            }
            rows.stream().filter(r -> r.kind() != Kind.UNITS).flatMap(r -> r.lanes().stream())
                    .filter(l -> l.pid() == task.pid() && l.tid() == task.tid()).findFirst()
                    .ifPresent(l -> marks.add(new Mark(l, task.start(), task.phase().equals("send"), task.task())));
        }
        return marks;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Drawing

    /** Everything measured before drawing: the label column, the wrapped text, the height. */
    private record Frame(int labels, int plotLeft, int plotRight, List<String> legend, List<String> legendLines,
            int height) {
    }

    /** The picture of {@code layout}. */
    static BufferedImage draw(Layout layout) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D measure = scratch.createGraphics();
        Frame frame = frame(layout, measure);
        measure.dispose();
        BufferedImage image = new BufferedImage(WIDTH, frame.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, frame.height());
            int y = PAD;
            g.setColor(Color.BLACK);
            if (layout.title() != null) {
                for (String line : wrap(layout.title(), g.getFontMetrics(TITLE), WIDTH - 2 * PAD)) {
                    y += 18;
                    text(g, TITLE, line, PAD, y);
                }
                y += 6;
            }
            y = legend(g, layout, frame, y);
            y = lines(g, frame.legendLines(), y - 8) + 8;
            for (BandLayout band : layout.bands()) {
                y = band(g, layout, frame, band, y);
            }
            notes(g, layout, y);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static Frame frame(Layout layout, Graphics2D g) {
        FontMetrics text = g.getFontMetrics(TEXT);
        int labels = 120;
        for (BandLayout band : layout.bands()) {
            for (Row row : band.rows()) {
                labels = Math.max(labels, text.stringWidth(row.label()) + 8);
            }
        }
        labels = Math.min(labels, 330);
        int plotLeft = PAD + labels;
        int plotRight = WIDTH - PAD - 10;
        Map<String, Long> labelled = new LinkedHashMap<>();
        for (Slice slice : labelled(layout, plotRight - plotLeft, g)) {
            labelled.merge(slice.kind(), 1L, Long::sum);
        }
        List<String> legend = legendEntries(layout, labelled);
        int height = PAD;
        if (layout.title() != null) {
            height += 18 * wrap(layout.title(), g.getFontMetrics(TITLE), WIDTH - 2 * PAD).size() + 6;
        }
        height += legendHeight(g, legend);
        List<String> legendLines = legendLines(layout);
        for (String line : legendLines) {
            height += LINE * wrap(line, text, WIDTH - 2 * PAD).size();
        }
        for (BandLayout band : layout.bands()) {
            height += bandHeight(g, band);
        }
        for (String note : notesOf(layout)) {
            height += LINE * wrap(note, text, WIDTH - 2 * PAD).size();
        }
        return new Frame(labels, plotLeft, plotRight, legend, legendLines, height + PAD);
    }

    /**
     * The legend's words: each state drawn, then each kind of unit drawn with how many of them are labelled
     * ({@code labelled}, per kind: the others are too narrow), then the marks and folded rows drawn.
     */
    static List<String> legendEntries(Layout layout, Map<String, Long> labelled) {
        List<String> entries = new ArrayList<>();
        layout.legend().forEach(s -> entries.add(s.label()));
        layout.units().forEach((kind, count) -> {
            long named = labelled.getOrDefault(kind, 0L);
            entries.add(named == count ? String.format(Locale.ROOT, "%s (%d, all labelled)", kind, count)
                    : String.format(Locale.ROOT, "%s (%d, %d labelled: the others too narrow)", kind, count, named));
        });
        if (layout.bands().stream().anyMatch(b -> b.marks().stream().anyMatch(Mark::send))) {
            entries.add("task sent / result received (in the parent)");
        }
        if (layout.bands().stream().anyMatch(b -> b.rows().stream().anyMatch(r -> r.kind() == Kind.FOLDED))) {
            entries.add("folded threads' lives (their states are in the trace)");
        }
        if (drawsAny(layout, Kind.JVM)) {
            entries.add(SUMMED_ENTRY);
        }
        if (drawsAny(layout, Kind.CPU)) {
            entries.add(CPU_ENTRY);
        }
        return entries;
    }

    /** The legend's entry for the JVM rows. */
    static final String SUMMED_ENTRY = "JVM (GC, JIT, ...): cores its threads without a lane used per sample period,"
            + " summed (not a thread)";
    /** The legend's entry for the CPU rows. */
    static final String CPU_ENTRY = "CPU n: the thread on it, in its lane's colour (dark: a JVM's thread without a"
            + " lane; grey: another process; empty: idle)";

    private static boolean drawsAny(Layout layout, Kind kind) {
        return layout.bands().stream().anyMatch(b -> b.rows().stream().anyMatch(r -> r.kind() == kind));
    }

    /**
     * The lines under the legend's swatches: the resolution of the on-CPU / runnable split (each sample period
     * of the bands), and what "not measured" is, wherever either is drawn.
     */
    static List<String> legendLines(Layout layout) {
        List<String> lines = new ArrayList<>();
        List<String> periods = layout.bands().stream().map(b -> b.band().timeline().machine().samplePeriod())
                .filter(p -> p > 0).distinct().sorted().map(p -> String.format(Locale.ROOT, "%.0f", p / 1e6))
                .toList();
        if (!periods.isEmpty()) {
            lines.add("'" + State.ON_CPU.label() + "' / '" + State.RUNNABLE.label() + "': the OS's schedstat sampled"
                    + " every " + String.join(" or ", periods) + " ms; within a period how long is measured, not"
                    + " when (the shares are laid out)");
        }
        if (!periods.isEmpty() || layout.legend().contains(State.NOT_MEASURED)) {
            lines.add("'" + State.NOT_MEASURED.label() + "': time no source covered (no event, no OS sample):"
                    + " running or runnable, unknown which");
        }
        return lines;
    }

    private static final int SWATCH = 14;

    private static int legendHeight(Graphics2D g, List<String> entries) {
        FontMetrics metrics = g.getFontMetrics(TEXT);
        int x = PAD;
        int lines = 1;
        for (String entry : entries) {
            int w = SWATCH + 6 + metrics.stringWidth(entry) + 16;
            if (x + w > WIDTH - PAD && x > PAD) {
                lines++;
                x = PAD;
            }
            x += w;
        }
        return lines * 20 + 8;
    }

    private static int legend(Graphics2D g, Layout layout, Frame frame, int top) {
        FontMetrics metrics = g.getFontMetrics(TEXT);
        int x = PAD;
        int y = top;
        List<State> states = new ArrayList<>(layout.legend());
        for (int i = 0; i < frame.legend().size(); i++) {
            String entry = frame.legend().get(i);
            int w = SWATCH + 6 + metrics.stringWidth(entry) + 16;
            if (x + w > WIDTH - PAD && x > PAD) {
                y += 20;
                x = PAD;
            }
            Rectangle swatch = new Rectangle(x, y + 3, SWATCH, SWATCH);
            if (i < states.size()) {
                fillState(g, states.get(i), swatch);
            } else if (entry.startsWith("task sent")) {
                triangle(g, x + SWATCH / 2.0, y + 3, true);
                triangle(g, x + SWATCH / 2.0, y + 3 + SWATCH, false);
            } else if (entry.startsWith("folded")) {
                g.setColor(QUIET);
                g.fillRect(x, y + 6, SWATCH, SWATCH - 6);
            } else if (entry.equals(SUMMED_ENTRY)) {
                g.setColor(new Color(0xF3, 0xF3, 0xF7));
                g.fillRect(x, y + 3, SWATCH, SWATCH);
                g.setColor(SUMMED);
                int[] heights = {5, 9, 3, 12, 7};
                for (int b = 0; b < heights.length; b++) {
                    g.fillRect(x + b * 3, y + 3 + SWATCH - heights[b], 3, heights[b]);
                }
            } else if (entry.equals(CPU_ENTRY)) {
                g.setColor(Color.getHSBColor(0f, 0.55f, 0.9f));
                g.fillRect(x, y + 5, 5, SWATCH - 4);
                g.setColor(UNLANED);
                g.fillRect(x + 5, y + 5, 2, SWATCH - 4);
                g.setColor(OTHER);
                g.fillRect(x + 7, y + 5, 3, SWATCH - 4);
                g.setColor(Color.getHSBColor(0.618f, 0.55f, 0.9f));
                g.fillRect(x + 11, y + 5, 3, SWATCH - 4);
            } else {
                unitBox(g, new Rectangle2D.Double(x, y + 3, SWATCH, SWATCH));
            }
            g.setColor(Color.BLACK);
            text(g, TEXT, entry, x + SWATCH + 6, y + 15);
            x += w;
        }
        return y + 28;
    }

    private static int bandHeight(Graphics2D g, BandLayout band) {
        int height = band.band().title() == null ? 0 : 20;
        height += band.rows().stream().mapToInt(Row::height).sum() + 8;
        height += 30; // the axis: ticks and their milliseconds
        FontMetrics text = g.getFontMetrics(TEXT);
        for (String line : band.band().summary()) {
            height += LINE * wrap(line, text, WIDTH - 2 * PAD).size();
        }
        return height + 10;
    }

    private static int band(Graphics2D g, Layout layout, Frame frame, BandLayout band, int top) {
        int y = top;
        if (band.band().title() != null) {
            g.setColor(Color.BLACK);
            text(g, BAND, band.band().title(), PAD, y + 14);
            y += 20;
        }
        Timeline timeline = band.band().timeline();
        double scale = scale(layout, band.band(), frame.plotRight() - frame.plotLeft());
        long origin = band.band().origin();
        double span = (frame.plotRight() - frame.plotLeft()) / scale; // nanoseconds across the plot
        int plotTop = y;
        int plotBottom = y + band.rows().stream().mapToInt(Row::height).sum() + 8;
        // grid and axis
        double step = tickStep(span / 1e6);
        g.setFont(SMALL);
        FontMetrics small = g.getFontMetrics(SMALL);
        double fromMs = band.band().from() / 1e6;
        for (double ms = Math.ceil(fromMs / step) * step; ms <= fromMs + span / 1e6 + 1e-9; ms += step) {
            int x = (int) Math.round(frame.plotLeft() + (ms - fromMs) * 1e6 * scale);
            g.setColor(GRID);
            g.drawLine(x, plotTop, x, plotBottom);
            g.setColor(Color.DARK_GRAY);
            g.drawLine(x, plotBottom, x, plotBottom + 4);
            String label = step >= 1 ? String.format(Locale.ROOT, "%.0f", ms)
                    : String.format(Locale.ROOT, "%.1f", ms);
            text(g, SMALL, label, x - small.stringWidth(label) / 2, plotBottom + 15);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawLine(frame.plotLeft(), plotBottom, frame.plotRight(), plotBottom);
        String axis = "milliseconds since the run began";
        text(g, SMALL, axis, frame.plotRight() - small.stringWidth(axis), plotBottom + 27);
        double endX = frame.plotLeft() + timeline.nanos() * scale;
        if (!band.band().zoomed() && endX < frame.plotRight() - 2) { // a shorter run than the longest: where it ended
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {3f, 3f},
                    0f));
            g.draw(new Line2D.Double(endX, plotTop, endX, plotBottom));
            g.setStroke(new BasicStroke(1f));
        }
        // rows, clipped to the plot (a zoom's lanes run past its window)
        java.awt.Shape clip = g.getClip();
        y += 4;
        Map<Lane, Integer> rowMiddle = new LinkedHashMap<>();
        Map<String, double[]> taskRuns = new LinkedHashMap<>();
        Map<Lane, Color> colours = threadColours(band);
        for (Row row : band.rows()) {
            Color own = row.kind() == Kind.LANE ? colours.get(row.lanes().get(0)) : null;
            if (own != null) { // the colour its thread has in the CPU rows
                g.setColor(own);
                g.fillRect(PAD - 9, y + 5, 6, row.height() - 10);
            }
            g.setColor(Color.BLACK);
            String label = fit(row.label(), g.getFontMetrics(row.kind() == Kind.UNITS ? SMALL : TEXT),
                    frame.labels() - 6);
            text(g, row.kind() == Kind.UNITS ? SMALL : TEXT, label, PAD,
                    y + row.height() / 2 + (row.kind() == Kind.UNITS ? 4 : 5));
            g.setClip(frame.plotLeft(), plotTop, frame.plotRight() - frame.plotLeft() + 1, plotBottom - plotTop);
            int rowTop = y;
            switch (row.kind()) {
                case LANE -> {
                    Lane lane = row.lanes().get(0);
                    for (Lane.Segment s : lane.segments()) {
                        fillState(g, s.state(), bar(frame, origin, scale, s.start(), s.end(), y + 4,
                                row.height() - 8));
                    }
                    rowMiddle.put(lane, y + row.height() / 2);
                    slices(g, row, false, (from, to) -> bar(frame, origin, scale, from, to, rowTop + 1,
                            row.height() - 2), taskRuns);
                }
                case FOLDED -> {
                    g.setColor(QUIET);
                    for (Lane lane : row.lanes()) {
                        g.fill(bar(frame, origin, scale, lane.start(), lane.end(), y + 4, row.height() - 8));
                        rowMiddle.put(lane, y + row.height() / 2);
                    }
                }
                case UNITS -> slices(g, row, true, (from, to) -> bar(frame, origin, scale, from, to, rowTop + 1,
                        row.height() - 2), taskRuns);
                case JVM -> summed(g, row, (from, to) -> bar(frame, origin, scale, from, to, rowTop + 3,
                        row.height() - 6));
                case CPU -> cpu(g, row, timeline, colours, (from, to) -> bar(frame, origin, scale, from, to,
                        rowTop + 2, row.height() - 4));
                default -> throw new IllegalStateException();
            }
            g.setClip(clip);
            y += row.height();
        }
        // a pool task's send and result: marks in the parent, thin lines to and from its run in the worker
        g.setClip(frame.plotLeft(), plotTop, frame.plotRight() - frame.plotLeft() + 1, plotBottom - plotTop);
        for (Mark mark : band.marks()) {
            Integer middle = rowMiddle.get(mark.lane());
            if (middle == null) {
                continue;
            }
            double x = frame.plotLeft() + (mark.at() - origin) * scale;
            double[] run = taskRuns.get("task " + mark.task());
            if (run != null) {
                g.setColor(FLOW);
                g.draw(mark.send() ? new Line2D.Double(x, middle, run[0], run[2])
                        : new Line2D.Double(run[1], run[2], x, middle));
            }
            triangle(g, x, mark.send() ? middle - 7 : middle + 7, mark.send());
        }
        g.setClip(clip);
        return lines(g, band.band().summary(), plotBottom + 30) + 10;
    }

    /** Where a stretch of time lies in a row. */
    private interface Span {
        Rectangle2D box(long from, long to);
    }

    /**
     * Draws a JVM row: on a pale ground between its zero and its scale's line, per sample period a bar as high as
     * the cores the JVM's threads without a lane used ({@link Timeline.CpuSample#cores}), a step plot of a sum.
     */
    private static void summed(Graphics2D g, Row row, Span span) {
        Timeline.JvmThreads jvm = row.jvm();
        if (jvm.samples().isEmpty()) {
            return;
        }
        Rectangle2D all = span.box(jvm.samples().get(0).start(), jvm.samples().get(jvm.samples().size() - 1).end());
        g.setColor(new Color(0xF3, 0xF3, 0xF7));
        g.fill(all);
        g.setColor(SUMMED);
        for (Timeline.CpuSample sample : jvm.samples()) {
            Rectangle2D box = span.box(sample.start(), sample.end());
            double high = box.getHeight() * Math.min(1, sample.cores() / row.scale());
            g.fill(new Rectangle2D.Double(box.getX(), box.getMaxY() - high, box.getWidth(), high));
        }
        g.setColor(Color.GRAY);
        g.draw(new Line2D.Double(all.getMinX(), all.getMinY(), all.getMaxX(), all.getMinY()));
        g.draw(new Line2D.Double(all.getMinX(), all.getMaxY(), all.getMaxX(), all.getMaxY()));
    }

    /**
     * Draws a CPU row: each slice in the colour of the lane whose thread ran ({@link #threadColours}), else grey
     * (another process, or a thread without a lane), named where wide enough; idle time is left empty.
     */
    private static void cpu(Graphics2D g, Row row, Timeline timeline, Map<Lane, Color> colours, Span span) {
        Rectangle2D all = span.box(timeline.start(), timeline.end());
        g.setColor(GRID);
        g.draw(new Line2D.Double(all.getMinX(), all.getMaxY(), all.getMaxX(), all.getMaxY()));
        FontMetrics metrics = g.getFontMetrics(SMALL);
        Set<Long> jvms = jvmPids(timeline);
        for (Timeline.CpuSlice slice : row.cpu().slices()) {
            Rectangle2D box = span.box(slice.start(), slice.end());
            Lane lane = ranOn(slice, timeline.lanes());
            boolean unlaned = lane == null && jvms.contains(slice.pid());
            g.setColor(lane != null ? colours.getOrDefault(lane, OTHER) : unlaned ? UNLANED : OTHER);
            g.fill(box);
            String name = lane == null ? slice.name() : lane.name();
            if (metrics.stringWidth(name) + 4 <= box.getWidth()) {
                g.setColor(unlaned ? Color.WHITE : Color.BLACK);
                text(g, SMALL, name, (int) Math.round(box.getCenterX() - metrics.stringWidth(name) / 2.0),
                        (int) Math.round(box.getCenterY() + 4));
            }
        }
    }

    /** The process ids of the timeline's JVMs: those with lanes or sampled. */
    static Set<Long> jvmPids(Timeline timeline) {
        Set<Long> pids = new java.util.HashSet<>();
        timeline.lanes().forEach(l -> pids.add(l.pid()));
        timeline.machine().jvmThreads().forEach(j -> pids.add(j.pid()));
        return pids;
    }

    /** The lane of the thread that ran {@code slice}: same process, same OS thread; null if none. */
    static Lane ranOn(Timeline.CpuSlice slice, List<Lane> lanes) {
        for (Lane lane : lanes) {
            if (lane.osTid() >= 0 && lane.osTid() == slice.tid() && (slice.pid() < 0 || lane.pid() == slice.pid())) {
                return lane;
            }
        }
        return null;
    }

    /**
     * A colour per drawn lane whose thread ran in one of {@code band}'s CPU rows, spread around the hue circle
     * in the order of the rows; empty where the band has no CPU rows.
     */
    static Map<Lane, Color> threadColours(BandLayout band) {
        Map<Lane, Color> colours = new LinkedHashMap<>();
        List<Timeline.CpuSlice> ran = band.rows().stream().filter(r -> r.kind() == Kind.CPU)
                .flatMap(r -> r.cpu().slices().stream()).toList();
        if (ran.isEmpty()) {
            return colours;
        }
        Set<Lane> seen = new LinkedHashSet<>();
        List<Lane> lanes = band.band().timeline().lanes();
        ran.forEach(slice -> {
            Lane lane = ranOn(slice, lanes);
            if (lane != null) {
                seen.add(lane);
            }
        });
        int i = 0;
        for (Row row : band.rows()) {
            if (row.kind() == Kind.LANE && seen.contains(row.lanes().get(0))) {
                float hue = (float) ((i++ * 0.618033988749895) % 1.0);
                colours.put(row.lanes().get(0), Color.getHSBColor(hue, 0.55f, 0.9f));
            }
        }
        return colours;
    }

    /** Draws {@code row}'s units: outlined over a lane's states, or {@code filled} in rows of their own. */
    private static void slices(Graphics2D g, Row row, boolean filled, Span span, Map<String, double[]> runs) {
        for (Slice slice : row.slices()) {
            Rectangle2D box = span.box(slice.start(), slice.end());
            if (filled) {
                unitBox(g, box);
            } else {
                unitOutline(g, box);
            }
            label(g, slice, box);
            run(runs, slice, box);
        }
    }

    /** Draws {@code lines}, each wrapped to the picture's width, from {@code top}; returns where they end. */
    private static int lines(Graphics2D g, List<String> lines, int top) {
        FontMetrics text = g.getFontMetrics(TEXT);
        int y = top;
        g.setColor(Color.BLACK);
        for (String line : lines) {
            List<String> wrapped = wrap(line, text, WIDTH - 2 * PAD);
            for (int i = 0; i < wrapped.size(); i++) {
                y += LINE;
                text(g, TEXT, wrapped.get(i), PAD + (i == 0 ? 0 : 16), y - 4);
            }
        }
        return y;
    }

    private static void run(Map<String, double[]> runs, Slice slice, Rectangle2D box) {
        if (slice.kind().equals("task")) {
            runs.put(slice.text(), new double[] {box.getMinX(), box.getMaxX(), box.getCenterY()});
        }
    }

    /** The notes of every band, each once (bands of one item share most of them). */
    private static List<String> notesOf(Layout layout) {
        Set<String> notes = new LinkedHashSet<>();
        layout.bands().forEach(b -> b.band().timeline().notes().forEach(n -> notes.add("note: " + n)));
        return List.copyOf(notes);
    }

    private static void notes(Graphics2D g, Layout layout, int top) {
        lines(g, notesOf(layout), top);
    }

    private static Rectangle2D bar(Frame frame, long origin, double scale, long from, long to, double y,
            double height) {
        double x0 = frame.plotLeft() + Math.max(-10, (from - origin) * scale);
        double x1 = frame.plotLeft() + Math.min(frame.plotRight() - frame.plotLeft() + 10, (to - origin) * scale);
        return new Rectangle2D.Double(x0, y, Math.max(x1 - x0, 0.0), height);
    }

    private static void fillState(Graphics2D g, State state, Rectangle2D box) {
        if (state.absent()) {
            g.setPaint(hatch());
            g.fill(box);
            g.setPaint(Color.LIGHT_GRAY);
            g.draw(box);
        } else {
            g.setPaint(state.colour());
            g.fill(box);
        }
    }

    /** White with thin grey diagonals: no measurement, not a state. */
    private static TexturePaint hatch() {
        BufferedImage tile = new BufferedImage(6, 6, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = tile.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 6, 6);
        g.setColor(new Color(0xBB, 0xBB, 0xBB));
        g.drawLine(0, 5, 5, 0);
        g.dispose();
        return new TexturePaint(tile, new Rectangle(0, 0, 6, 6));
    }

    private static void unitOutline(Graphics2D g, Rectangle2D box) {
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1.2f));
        g.draw(box);
        g.setStroke(new BasicStroke(1f));
    }

    private static void unitBox(Graphics2D g, Rectangle2D box) {
        g.setColor(new Color(0xEE, 0xEE, 0xF6));
        g.fill(box);
        unitOutline(g, box);
    }

    /** The unit's label inside its box, on a light ground, where it fits: its full text, else its short text. */
    private static void label(Graphics2D g, Slice slice, Rectangle2D box) {
        FontMetrics metrics = g.getFontMetrics(SMALL);
        String text = labelFor(slice, box.getWidth(), metrics);
        if (text == null) {
            return;
        }
        int w = metrics.stringWidth(text);
        int x = (int) Math.round(box.getCenterX() - w / 2.0);
        int y = (int) Math.round(box.getCenterY() + 4);
        g.setColor(UNIT_FILL);
        g.fillRect(x - 1, y - 9, w + 2, 11);
        g.setColor(Color.BLACK);
        text(g, SMALL, text, x, y);
    }

    /** The label each unit of work gets in the picture of {@code layout} (null: too narrow for one), in order. */
    static List<String> labelsDrawn(Layout layout) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            Frame frame = frame(layout, g);
            List<String> labels = new ArrayList<>();
            for (BandLayout band : layout.bands()) {
                double scale = scale(layout, band.band(), frame.plotRight() - frame.plotLeft());
                for (Slice slice : band.slices()) {
                    labels.add(labelFor(slice, (slice.end() - slice.start()) * scale, g.getFontMetrics(SMALL)));
                }
            }
            return labels;
        } finally {
            g.dispose();
        }
    }

    /** The units of work labelled in at least one band of a plot {@code width} pixels wide. */
    private static Set<Slice> labelled(Layout layout, int width, Graphics2D g) {
        Set<Slice> labelled = new LinkedHashSet<>();
        for (BandLayout band : layout.bands()) {
            double scale = scale(layout, band.band(), width);
            for (Slice slice : band.slices()) {
                if (labelFor(slice, (slice.end() - slice.start()) * scale, g.getFontMetrics(SMALL)) != null) {
                    labelled.add(slice);
                }
            }
        }
        return labelled;
    }

    /** Pixels per nanosecond in {@code band}: the picture's shared scale, or a zoom's own. */
    private static double scale(Layout layout, Band band, int width) {
        return width / (double) (band.zoomed() ? band.to() - band.from() : layout.nanos());
    }

    /** What label fits a box {@code width} pixels wide: the full text, the short one, or none. */
    static String labelFor(Slice slice, double width, FontMetrics metrics) {
        if (metrics.stringWidth(slice.text()) + 4 <= width) {
            return slice.text();
        }
        if (metrics.stringWidth(slice.shortText()) + 4 <= width) {
            return slice.shortText();
        }
        return null;
    }

    private static void triangle(Graphics2D g, double x, double y, boolean down) {
        Path2D.Double path = new Path2D.Double();
        path.moveTo(x - 4, down ? y - 4 : y + 4);
        path.lineTo(x + 4, down ? y - 4 : y + 4);
        path.lineTo(x, down ? y + 3 : y - 3);
        path.closePath();
        g.setColor(MARK);
        g.fill(path);
    }

    private static void text(Graphics2D g, Font font, String text, int x, int y) {
        g.setFont(font);
        g.drawString(text, x, y);
    }

    /** {@code text} cut to {@code width} pixels with an ellipsis, or whole if it fits. */
    private static String fit(String text, FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && metrics.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }

    /** {@code text} broken at spaces into lines of at most {@code width} pixels (continuation lines indented). */
    static List<String> wrap(String text, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            int limit = lines.isEmpty() ? width : width - 16;
            if (!line.isEmpty() && metrics.stringWidth(line + " " + word) > limit) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    /** A round step for about ten ticks over {@code millis}. */
    private static double tickStep(double millis) {
        double raw = millis / 10;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }
}
