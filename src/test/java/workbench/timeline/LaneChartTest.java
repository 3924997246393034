package workbench.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Properties of the drawing, on timelines built by hand (so each property is known to be there): the legend lists
 * exactly the states drawn, each pool task lies labelled in its worker's lane, interleaved units get rows of their
 * own, the plumbing threads are one row, a stacked picture has a band per timeline on one scale, and the trace has
 * no overlapping complete slices on a track.
 */
class LaneChartTest {

    private static final long MS = 1_000_000;
    private static final long T0 = 1_000_000_000_000L;

    @TempDir
    Path dir;

    private static Lane lane(long pid, String jvm, long tid, String name, long from, long to, Object... states) {
        List<Lane.Segment> segments = new ArrayList<>();
        long at = from;
        for (int i = 0; i < states.length; i += 2) {
            long end = i + 2 < states.length ? at + (Long) states[i + 1] : to;
            segments.add(new Lane.Segment(at, end, (State) states[i]));
            at = end;
        }
        return new Lane(pid, jvm, tid, name, false, from, to, segments);
    }

    /**
     * A process pool run of 100 ms: main sends two tasks and gets their results; two plumbing threads; two
     * worker JVMs, each starting for 30 ms, then running one task of 40 ms on a CPU.
     */
    private static Timeline pool(long nanos) {
        long end = T0 + nanos;
        List<Lane> lanes = List.of(
                lane(1, Timeline.PARENT, 1, "main", T0, end, State.ON_CPU, 5 * MS, State.PARK, 90 * MS,
                        State.RUNNABLE, 0L),
                lane(1, Timeline.PARENT, 20, "procpool-1-reader-pid11", T0 + MS, end, State.IO, 0L),
                lane(1, Timeline.PARENT, 21, "procpool-1-stderr-pid11", T0 + MS, end, State.IO, 0L),
                lane(11, "worker 1", 1, "procpool-worker", T0 + 2 * MS, T0 + 95 * MS, State.STARTING_JVM, 30 * MS,
                        State.NOT_MEASURED, 5 * MS, State.ON_CPU, 40 * MS, State.IO, 0L),
                lane(12, "worker 2", 1, "procpool-worker", T0 + 2 * MS, T0 + 95 * MS, State.STARTING_JVM, 30 * MS,
                        State.ON_CPU, 45 * MS, State.IO, 0L));
        List<Timeline.PoolTask> tasks = new ArrayList<>();
        for (int t = 1; t <= 2; t++) {
            long pid = 10 + t;
            tasks.add(new Timeline.PoolTask(1, 1, "send", "p", t, t, T0 + 3 * MS, T0 + 3 * MS));
            tasks.add(new Timeline.PoolTask(pid, 1, "run", "p", t, 0, T0 + 38 * MS, T0 + 78 * MS));
            tasks.add(new Timeline.PoolTask(1, 20, "result", "p", t, t, T0 + 80 * MS, T0 + 80 * MS));
        }
        return new Timeline("pool", T0, end, 10 * MS, 80 * MS, lanes, List.of(), tasks, List.of(), List.of(),
                List.of("a note"));
    }

    /** An event loop whose 12 coroutines (cells) interleave on its one thread. */
    private static Timeline loop() {
        long end = T0 + 50 * MS;
        List<Lane> lanes = List.of(lane(1, Timeline.PARENT, 1, "main", T0, end, State.PARK, 0L),
                lane(1, Timeline.PARENT, 2, "loop", T0, end, State.LOOP_CALLBACK, 10 * MS, State.LOOP_IDLE, 0L));
        List<Timeline.Unit> units = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            units.add(new Timeline.Unit(1, 2, "cell", "0," + i, T0 + i * MS / 4, T0 + 40 * MS + i * MS));
        }
        return new Timeline("loop", T0, end, 10 * MS, 0, lanes, List.of(), List.of(), List.of(), units, List.of());
    }

    @Test
    void theLegendListsExactlyTheStatesDrawn() {
        LaneChart.Layout layout = LaneChart.layout("t", List.of(new LaneChart.Band(null, pool(100 * MS), List.of())));
        Set<State> drawn = EnumSet.noneOf(State.class);
        for (LaneChart.Row row : layout.bands().get(0).rows()) {
            if (row.kind() == LaneChart.Kind.LANE) {
                row.lanes().forEach(l -> l.segments().forEach(s -> drawn.add(s.state())));
            }
        }
        assertEquals(EnumSet.of(State.ON_CPU, State.PARK, State.RUNNABLE, State.STARTING_JVM,
                State.NOT_MEASURED, State.IO), drawn, "the workers' stdin waits are drawn, the plumbing's are not");
        assertEquals(drawn, layout.legend());
        List<String> entries = LaneChart.legendEntries(layout, java.util.Map.of());
        for (State state : State.values()) {
            assertEquals(drawn.contains(state), entries.contains(state.label()), state.label());
        }
    }

    @Test
    void everyPoolTaskLiesLabelledInItsWorkersLaneWithItsSendAndResultMarked() {
        Timeline timeline = pool(100 * MS);
        LaneChart.Layout layout = LaneChart.layout("t", List.of(new LaneChart.Band(null, timeline, List.of())));
        LaneChart.BandLayout band = layout.bands().get(0);
        for (Timeline.PoolTask run : timeline.tasks().stream().filter(t -> t.phase().equals("run")).toList()) {
            List<LaneChart.Row> holding = band.rows().stream().filter(r -> r.slices().stream()
                    .anyMatch(s -> s.text().equals("task " + run.task()))).toList();
            assertEquals(1, holding.size(), "task " + run.task() + " is drawn once");
            LaneChart.Row row = holding.get(0);
            assertEquals(LaneChart.Kind.LANE, row.kind(), "in a lane, not a row of its own");
            assertEquals(run.pid(), row.lanes().get(0).pid(), "in its worker's lane");
        }
        List<String> labels = LaneChart.labelsDrawn(layout);
        assertEquals(List.of("task 1", "task 2"), labels, "a 40 ms task is wide enough for its label");
        assertEquals(2, band.marks().stream().filter(LaneChart.Mark::send).count());
        assertEquals(2, band.marks().stream().filter(m -> !m.send()).count());
        assertTrue(band.marks().stream().allMatch(m -> m.lane().jvm().equals(Timeline.PARENT)));
    }

    @Test
    void thePlumbingThreadsAreOneRowWhereWorkersHaveLanesAndKeptWhereNoChildIsRecorded() {
        List<LaneChart.Row> rows = LaneChart.rows(pool(100 * MS));
        List<LaneChart.Row> folded = rows.stream().filter(r -> r.kind() == LaneChart.Kind.FOLDED).toList();
        assertEquals(1, folded.size());
        assertEquals(2, folded.get(0).lanes().size());
        assertTrue(folded.get(0).label().contains("2 threads"));
        assertTrue(rows.stream().filter(r -> r.kind() == LaneChart.Kind.LANE)
                .noneMatch(r -> Timeline.plumbing(r.lanes().get(0))), "no plumbing thread has a lane of its own");

        Timeline noWorkers = pool(100 * MS);
        noWorkers = new Timeline("children", noWorkers.start(), noWorkers.end(), 1, 0, noWorkers.parentLanes(),
                List.of(), List.of(), List.of(), List.of(), List.of());
        assertTrue(LaneChart.rows(noWorkers).stream().noneMatch(r -> r.kind() == LaneChart.Kind.FOLDED),
                "without workers the pipe threads are the only view of the children");
    }

    @Test
    void interleavedUnitsGetCompactRowsUnderTheirThreadAndDisjointOnesStayInTheLane() {
        List<LaneChart.Row> rows = LaneChart.rows(loop());
        List<LaneChart.Row> unitRows = rows.stream().filter(r -> r.kind() == LaneChart.Kind.UNITS).toList();
        assertEquals(12, unitRows.size(), "every coroutine overlaps every other: a row each");
        assertEquals(12, unitRows.stream().mapToLong(r -> r.slices().size()).sum());
        assertTrue(unitRows.get(0).label().contains("12 cells"), unitRows.get(0).label());
        int loopLane = rows.indexOf(rows.stream().filter(r -> r.label().equals("loop")).findFirst().orElseThrow());
        assertEquals(LaneChart.Kind.UNITS, rows.get(loopLane + 1).kind(), "the units sit right under their thread");
        for (LaneChart.Row row : unitRows) {
            for (int i = 1; i < row.slices().size(); i++) {
                assertTrue(row.slices().get(i).start() >= row.slices().get(i - 1).end(), "no overlap in a row");
            }
        }
    }

    @Test
    void aStackedPictureHasABandPerTimelineOnOneScaleAndTheLanesInOneOrder() throws Exception {
        Timeline longer = pool(100 * MS);
        Timeline shorter = pool(60 * MS);
        LaneChart.Layout layout = LaneChart.layout("item", List.of(new LaneChart.Band("a", longer, List.of("x")),
                new LaneChart.Band("b", shorter, List.of("y")), new LaneChart.Band("c", loop(), List.of())));
        assertEquals(3, layout.bands().size());
        assertEquals(100 * MS, layout.nanos(), "one scale: the longest run");
        List<String> first = layout.bands().get(0).rows().stream().map(LaneChart.Row::label).toList();
        List<String> second = layout.bands().get(1).rows().stream().map(LaneChart.Row::label).toList();
        assertEquals(first, second, "the same lanes in the same positions");
        List<String> third = layout.bands().get(2).rows().stream().map(LaneChart.Row::label).toList();
        assertEquals("main", third.get(0), "a lane shared with the earlier bands keeps its place");

        Path png = dir.resolve("stacked.png");
        LaneChart.writeStacked("item", List.of(new LaneChart.Band("a", longer, List.of("x")),
                new LaneChart.Band("b", shorter, List.of("y"))), png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(LaneChart.WIDTH, image.getWidth());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(png), files.toList(), "no partial file left beside it");
        }
        assertThrows(IllegalArgumentException.class, () -> LaneChart.layout("none", List.of()));
    }

    @Test
    void unitsTooNarrowOnTheWholeRunGetAZoomWhereTheyRanAndWideOnesDoNot() {
        assertTrue(LaneChart.zoom(pool(100 * MS)).isEmpty(), "40 ms tasks in a 100 ms run are labelled already");
        // The same two tasks in a 100 s run (a JVM start that long): too narrow, and within 2/5 of the run.
        Timeline slow = pool(100 * MS);
        List<Lane> lanes = slow.lanes().stream().map(l -> new Lane(l.pid(), l.jvm(), l.tid(), l.name(), l.virtual(),
                l.start(), l.end() + (l.end() == slow.end() ? 100_000 * MS : 0), stretch(l, slow.end(), 100_000 * MS)))
                .toList();
        Timeline longRun = new Timeline("slow", slow.start(), slow.end() + 100_000 * MS, 1, 1, lanes, List.of(),
                slow.tasks(), List.of(), List.of(), List.of());
        LaneChart.Band zoom = LaneChart.zoom(longRun).orElseThrow();
        assertTrue(zoom.zoomed());
        for (Timeline.PoolTask task : longRun.tasks()) {
            if (task.phase().equals("run")) {
                assertTrue(zoom.from() <= task.start() - longRun.start() && task.end() - longRun.start() <= zoom.to(),
                        "the zoom holds task " + task.task());
            }
        }
        LaneChart.Layout layout = LaneChart.layout("t", List.of(new LaneChart.Band(null, longRun, List.of()), zoom));
        assertEquals(longRun.nanos(), layout.nanos(), "the shared scale is the whole run's, the zoom has its own");
        List<String> labels = LaneChart.labelsDrawn(layout);
        assertEquals(List.of("task 1", "task 2"), labels.subList(2, 4), "labelled in the zoom: " + labels);
    }

    /** {@code lane}'s segments with the last one, if it ends at {@code end}, longer by {@code more}. */
    private static List<Lane.Segment> stretch(Lane lane, long end, long more) {
        List<Lane.Segment> segments = new ArrayList<>(lane.segments());
        Lane.Segment last = segments.get(segments.size() - 1);
        if (last.end() == end) {
            segments.set(segments.size() - 1, new Lane.Segment(last.start(), last.end() + more, last.state()));
        }
        return segments;
    }

    @Test
    void longNotesAndSummariesWrapInsteadOfBeingCut() throws Exception {
        String note = "word ".repeat(120).trim();
        Timeline timeline = pool(100 * MS).withNotes(List.of(note));
        Path shortPng = dir.resolve("short.png");
        Path longPng = dir.resolve("long.png");
        LaneChart.writePng(pool(100 * MS), List.of("x"), shortPng);
        LaneChart.writePng(timeline, List.of("x", note), longPng);
        int grown = ImageIO.read(longPng.toFile()).getHeight() - ImageIO.read(shortPng.toFile()).getHeight();
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        var metrics = scratch.createGraphics().getFontMetrics(new java.awt.Font(java.awt.Font.SANS_SERIF,
                java.awt.Font.PLAIN, 12));
        List<String> lines = LaneChart.wrap(note, metrics, LaneChart.WIDTH - 24);
        assertTrue(lines.size() >= 3, "a 600-character line wraps: " + lines.size());
        assertEquals(note, String.join(" ", lines), "no word is lost");
        assertTrue(lines.stream().allMatch(l -> metrics.stringWidth(l) <= LaneChart.WIDTH - 24));
        assertTrue(grown >= 16 * 2 * lines.size() - 16, "the picture grew for every wrapped line: " + grown);
    }

    @Test
    void theTraceHasUnitsAsAsyncSlicesTaskFlowsBothWaysAndNoOverlappingCompleteSlices() {
        for (Timeline timeline : List.of(pool(100 * MS), loop())) {
            var trace = TraceEvents.toJson(timeline, List.of());
            TraceChecks.assertWellFormed(trace);
            var events = trace.getAsJsonArray("traceEvents").asList().stream().map(e -> e.getAsJsonObject())
                    .toList();
            if (timeline.title().equals("loop")) {
                assertEquals(12, events.stream().filter(e -> e.get("ph").getAsString().equals("b")
                        && e.get("cat").getAsString().equals("cell")).count(), "a cell per async slice");
            } else {
                assertEquals(4, events.stream().filter(e -> e.get("ph").getAsString().equals("s")
                        && e.get("name").getAsString().startsWith("task ")).count(), "send->run and run->result");
                assertNotNull(events.stream().filter(e -> e.get("name").getAsString().equals(
                        State.STARTING_JVM.label())).findFirst().orElse(null), "the JVM's start is a slice");
                assertFalse(events.stream().anyMatch(e -> e.get("ph").getAsString().equals("X")
                        && e.get("dur").getAsDouble() < 0));
            }
        }
    }

    /**
     * Two threads of the parent on a 2-CPU machine sampled every 10 ms: their lanes, the JVM's own threads summed
     * (0.3 then 1.4 cores), and the kernel's per-CPU trace with a slice of another process on CPU 0 and one of the
     * JVM's compiler (no lane) on CPU 1.
     */
    private static Timeline measured() {
        long end = T0 + 20 * MS;
        Lane main = new Lane(1, Timeline.PARENT, 1, "main", false, T0, end, List.of(
                new Lane.Segment(T0, T0 + 12 * MS, State.ON_CPU), new Lane.Segment(T0 + 12 * MS, end,
                State.NOT_MEASURED)), 101);
        Lane worker = new Lane(1, Timeline.PARENT, 2, "worker", false, T0, end, List.of(
                new Lane.Segment(T0, end, State.RUNNABLE)), 102);
        var jvm = new Timeline.JvmThreads(1, Timeline.PARENT, List.of(
                new Timeline.CpuSample(T0, T0 + 10 * MS, 3 * MS, 0, 5),
                new Timeline.CpuSample(T0 + 10 * MS, end, 14 * MS, MS, 6)));
        var cpus = List.of(
                new Timeline.CpuLane(1, List.of(new Timeline.CpuSlice(T0 + 2 * MS, T0 + 9 * MS, 1, 102, "worker"),
                        new Timeline.CpuSlice(T0 + 10 * MS, T0 + 12 * MS, 1, 150, "C2 CompilerThre"))),
                new Timeline.CpuLane(0, List.of(new Timeline.CpuSlice(T0, T0 + 12 * MS, 1, 101, "main"),
                        new Timeline.CpuSlice(T0 + 12 * MS, T0 + 15 * MS, 77, 77, "kworker/0:1"))));
        return new Timeline("measured", T0, end, 10 * MS, 0, List.of(main, worker), List.of(), List.of(), List.of(),
                List.of(), List.of(), new Timeline.Machine(10 * MS, List.of(jvm), cpus, List.of()));
    }

    @Test
    void theJvmsOwnThreadsAreASummedRowUnderItsLanesAndEachCpuARowOfItsThreads() throws Exception {
        Timeline timeline = measured();
        LaneChart.Layout layout = LaneChart.layout("t", List.of(new LaneChart.Band(null, timeline, List.of())));
        LaneChart.BandLayout band = layout.bands().get(0);
        List<LaneChart.Kind> kinds = band.rows().stream().map(LaneChart.Row::kind).toList();
        assertEquals(List.of(LaneChart.Kind.LANE, LaneChart.Kind.LANE, LaneChart.Kind.JVM, LaneChart.Kind.CPU,
                LaneChart.Kind.CPU), kinds, "the JVM's sum under its lanes, the CPUs under all");
        LaneChart.Row jvm = band.rows().get(2);
        assertTrue(jvm.label().startsWith(Timeline.JvmThreads.LABEL), jvm.label());
        assertEquals(2, jvm.scale(), "1.4 cores at most: the row stands for 0-2 cores");
        assertTrue(jvm.label().contains("0-2"), "the scale is in the label: " + jvm.label());
        assertEquals(List.of("CPU 0", "CPU 1"), band.rows().subList(3, 5).stream().map(LaneChart.Row::label)
                .toList());
        // which lane ran each slice: same process and OS thread; another process is no lane's
        var cpu0 = timeline.machine().cpus().get(0).slices();
        assertEquals("main", LaneChart.ranOn(cpu0.get(0), timeline.lanes()).name());
        assertEquals(null, LaneChart.ranOn(cpu0.get(1), timeline.lanes()));
        var colours = LaneChart.threadColours(band);
        assertEquals(2, colours.size(), "a colour for each lane that ran on a CPU");
        assertEquals(2, new java.util.HashSet<>(colours.values()).size(), "distinct colours");
        List<String> entries = LaneChart.legendEntries(layout, java.util.Map.of());
        assertTrue(entries.contains(LaneChart.SUMMED_ENTRY) && entries.contains(LaneChart.CPU_ENTRY), "" + entries);
        List<String> lines = LaneChart.legendLines(layout);
        assertEquals(2, lines.size(), "the resolution, and what 'not measured' is: " + lines);
        assertTrue(lines.get(0).contains(" 10 ms"), lines.get(0));
        assertTrue(lines.get(1).contains(State.NOT_MEASURED.label()), lines.get(1));

        LaneChart.Layout plain = LaneChart.layout("t", List.of(new LaneChart.Band(null, pool(100 * MS), List.of())));
        assertTrue(plain.bands().get(0).rows().stream().noneMatch(r -> r.kind() == LaneChart.Kind.JVM
                || r.kind() == LaneChart.Kind.CPU), "nothing measured: no such rows");
        assertFalse(LaneChart.legendEntries(plain, java.util.Map.of()).contains(LaneChart.SUMMED_ENTRY));
        assertEquals(1, LaneChart.legendLines(plain).size(), "unsampled: only what 'not measured' is");

        // stacked under a band with other threads: the JVM's row stays under the lanes, the CPUs' rows under all
        Timeline other = new Timeline("other", T0, T0 + 20 * MS, 1, 0, timeline.lanes().stream().map(l -> new Lane(
                l.pid(), l.jvm(), l.tid() + 10, l.name() + "-b", false, l.start(), l.end(), l.segments(), l.osTid()))
                .toList(), List.of(), List.of(), List.of(), List.of(), List.of(), timeline.machine());
        LaneChart.Layout stacked = LaneChart.layout("t", List.of(new LaneChart.Band("a", timeline, List.of()),
                new LaneChart.Band("b", other, List.of())));
        assertEquals(kinds, stacked.bands().get(1).rows().stream().map(LaneChart.Row::kind).toList());

        Path png = dir.resolve("measured.png");
        LaneChart.writePng(timeline, List.of("x"), png);
        assertEquals(LaneChart.WIDTH, ImageIO.read(png.toFile()).getWidth());
    }

    @Test
    void theTraceHasACoresCounterPerJvmAndATrackPerCpu() {
        Timeline timeline = measured();
        var trace = TraceEvents.toJson(timeline, List.of());
        TraceChecks.assertWellFormed(trace);
        var events = trace.getAsJsonArray("traceEvents").asList().stream().map(e -> e.getAsJsonObject()).toList();
        List<Double> cores = events.stream().filter(e -> e.get("ph").getAsString().equals("C"))
                .map(e -> e.getAsJsonObject("args").get("cores").getAsDouble()).toList();
        assertEquals(List.of(0.3, 1.4, 0.0), cores, "each period's cores, then back to 0 at the last one's end");
        var cpuSlices = events.stream().filter(e -> e.get("ph").getAsString().equals("X")
                && e.get("pid").getAsLong() == TraceEvents.CPUS_PID).toList();
        assertEquals(java.util.Map.of("lane", 2L, "jvm, no lane", 1L, "other process", 1L), cpuSlices.stream()
                .collect(java.util.stream.Collectors.groupingBy(e -> e.get("cat").getAsString(),
                java.util.stream.Collectors.counting())), "whose each slice was");
        assertEquals(java.util.Set.of(0L, 1L), cpuSlices.stream().map(e -> e.get("tid").getAsLong())
                .collect(java.util.stream.Collectors.toSet()), "a track per CPU");
        assertTrue(events.stream().anyMatch(e -> e.get("ph").getAsString().equals("M")
                && e.get("pid").getAsLong() == TraceEvents.CPUS_PID
                && e.getAsJsonObject("args").get("name").getAsString().equals("CPUs")));
    }
}
