package workbench.timeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import workbench.examples.Example;
import workbench.examples.RunContext;

/**
 * One recording, every output: runs an example one way ({@link Example.Run}) under the flight recorder and writes, beside each other,
 * {@code <stem>.jfr} (JDK Mission Control), {@code <stem>.png} (the lanes) and {@code <stem>.json} (Trace Event
 * JSON for the Perfetto UI or {@code chrome://tracing}), all from the same recording. This is what the CLI's
 * {@code timeline} command, the tests and the notebooks call.
 */
public final class Timelines {

    /** Where {@code workbench timeline} writes when given no {@code --out} (git-ignored). */
    public static final Path DEFAULT_FOLDER = Path.of("timelines");

    private Timelines() {
    }

    /**
     * What one recorded example produced.
     *
     * @param unrecordedNanos how long the same example ran just before, without a recording
     * @param recordedNanos   how long it ran under the recording
     */
    public record Output(Example.Run run, Timeline timeline, List<String> summary, Path jfr,
            Path png, Path json, long unrecordedNanos, long recordedNanos) {

        /** The recording's cost as this run saw it: recorded time over unrecorded time (noisy for one run). */
        public double costRatio() {
            return recordedNanos / (double) Math.max(1, unrecordedNanos);
        }

        /** One line: the cost ratio and the sizes of the files. */
        public String costLine() {
            return String.format(Locale.ROOT, "recording cost: %.2fx (%.1f ms recorded vs %.1f ms unrecorded, one run"
                    + " each, so noisy: the item's benchmark measures it); files: jfr %s, json %s, png %s",
                    costRatio(), recordedNanos / 1e6, unrecordedNanos / 1e6, size(jfr), size(json), size(png));
        }
    }

    /** Records {@code run} (one example, one way) into {@code folder} and writes its three files. */
    public static Output record(Example.Run run, Path folder) throws Exception {
        return record(run, folder, false);
    }

    /**
     * As {@link #record(Example.Run, Path)}; with {@code cpus}, the kernel's scheduler trace runs around the
     * recording ({@link PerfSched}) and adds per-CPU lanes, or a note says why it could not.
     */
    public static Output record(Example.Run run, Path folder, boolean cpus) throws Exception {
        Files.createDirectories(folder);
        run.task().run(RunContext.PLAIN); // warm: classes loaded, code compiled, as in the recorded run
        long start = System.nanoTime();
        run.task().run(RunContext.PLAIN);
        long unrecorded = System.nanoTime() - start;
        Path jfr = folder.resolve(run.stem() + ".jfr");
        Path trace = cpus ? Files.createTempDirectory("workbench-perf-") : null;
        try (RecordingCleanup cleanup = trace == null ? null : RecordingCleanup.guard(trace)) {
            PerfSched.Started perf = trace == null ? null : PerfSched.start(trace);
            try {
                TimelineRecorder.Recorded recorded = TimelineRecorder.record(run.title(), jfr, run.task());
                Timeline timeline = TimelineReader.read(jfr, recorded.workers()).withNotes(run.example().notes());
                if (perf != null) {
                    timeline = perCpu(perf, jfr, timeline);
                }
                return write(run, timeline, folder, jfr, unrecorded, recorded.nanos());
            } finally {
                if (perf != null && perf.perf() != null) {
                    perf.perf().kill();
                }
            }
        }
    }

    /** {@code timeline} with the per-CPU lanes of {@code perf}'s trace, or a note saying why there are none. */
    private static Timeline perCpu(PerfSched.Started perf, Path jfr, Timeline timeline) throws Exception {
        if (perf.perf() == null) {
            return timeline.withNotes(List.of(perf.whyNot()));
        }
        return timeline.withCpus(perf.perf().stop(TimelineReader.monotonicToEpoch(jfr), timeline.start(),
                timeline.end())).withNotes(List.of("per-CPU lanes: the kernel's scheduler trace (perf sched record),"
                + " every process on the machine"));
    }

    /** Draws and exports an already-read timeline beside its recording. */
    static Output write(Example.Run run, Timeline timeline, Path folder, Path jfr, long unrecorded, long recorded)
            throws IOException {
        int cores = timeline.machine().cores();
        List<String> summary = new ArrayList<>(timeline.summary(cores > 0 ? cores
                : Runtime.getRuntime().availableProcessors()));
        Path png = folder.resolve(run.stem() + ".png");
        Path json = folder.resolve(run.stem() + ".json");
        LaneChart.writePng(timeline, summary, png); // written whole or not at all, as every picture
        AtomicFiles.write(json, part -> TraceEvents.write(timeline, summary, part));
        return new Output(run, timeline, summary, jfr, png, json, unrecorded, recorded);
    }

    /**
     * Records every way of the examples of {@code declared} (an item's declaration) named {@code example}, or of
     * all of them where it is null, into {@code folder}, and returns what a reader looks at, in declaration order:
     * per example its ways stacked on one time scale ({@link #writeStacked}), or its one picture where it has one
     * way. What a notebook's timeline cell shows.
     */
    public static List<Path> recordStacked(List<Example<?>> declared, String example, Path folder) throws Exception {
        List<Output> outputs = new ArrayList<>();
        for (Example<?> chosen : declared) {
            if (example == null || chosen.name().equals(example)) {
                for (Example.Run run : chosen.runs()) {
                    outputs.add(record(run, folder));
                }
            }
        }
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("no example named '" + example + "' in " + declared.stream()
                    .map(Example::name).toList());
        }
        List<Path> stacked = new ArrayList<>(writeStacked(declared, outputs, folder));
        List<Path> pictures = new ArrayList<>();
        for (Example<?> chosen : declared) {
            List<Output> ways = outputs.stream()
                    .filter(o -> o.run().example().name().equals(chosen.name())).toList();
            if (ways.size() == 1) {
                pictures.add(ways.get(0).png());
            } else if (ways.size() > 1) {
                pictures.add(stacked.remove(0));
            }
        }
        return pictures;
    }

    /**
     * The stem of {@code example}'s stacked picture: {@code timeline-<item>} for the first (central) example of
     * {@code declared}, {@code timeline-<item>-<example>} for each other.
     */
    public static String stackedStem(List<Example<?>> declared, Example<?> example) {
        boolean central = example.name().equals(declared.get(0).name());
        return "timeline-" + example.item() + (central ? "" : "-" + example.name());
    }

    /**
     * Draws, for each of {@code declared} (an item's examples, in declaration order) of which more than one way was
     * recorded in {@code outputs}, those ways stacked on one time scale: {@code timeline-<item>.png} for the item's
     * first (central) example, {@code timeline-<item>-<example>.png} for each other. Returns the pictures written.
     */
    public static List<Path> writeStacked(List<Example<?>> declared, List<Output> outputs, Path folder)
            throws IOException {
        List<Path> written = new ArrayList<>();
        for (Example<?> example : declared) {
            List<Output> ways = outputs.stream()
                    .filter(o -> o.run().example().name().equals(example.name())).toList();
            if (ways.size() < 2) {
                continue;
            }
            String name = stackedStem(declared, example);
            List<LaneChart.Band> bands = ways.stream().map(o -> new LaneChart.Band(o.run().way().slug() + ": "
                    + o.timeline().title(), o.timeline(), o.summary())).toList();
            Path png = folder.resolve(name + ".png");
            LaneChart.writeStacked("Item " + example.item() + ", " + example.name() + ": " + ways.size()
                    + " ways on one time scale", bands, png);
            written.add(png);
        }
        return written;
    }

    private static String size(Path file) {
        try {
            long bytes = Files.size(file);
            return bytes >= 1 << 20 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0)
                    : String.format(Locale.ROOT, "%d KB", (bytes + 1023) / 1024);
        } catch (IOException e) {
            return "?";
        }
    }
}
