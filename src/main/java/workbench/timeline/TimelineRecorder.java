package workbench.timeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jdk.jfr.Recording;

import workbench.examples.Example;
import workbench.examples.RunContext;
import workbench.recording.BlockingCallEvent;
import workbench.recording.ClockSyncEvent;
import workbench.recording.GilDropRequestEvent;
import workbench.recording.GilHoldEvent;
import workbench.recording.GilWaitEvent;
import workbench.recording.LoopCallbackEvent;
import workbench.recording.LoopIdleEvent;
import workbench.recording.PoolTaskEvent;
import workbench.recording.ProcessCpu;
import workbench.recording.SchedRoundEvent;
import workbench.recording.SchedSampler;
import workbench.recording.ThreadSchedSampleEvent;
import workbench.recording.WorkUnitEvent;

/**
 * Records a run with the JDK's flight recorder ({@code jdk.jfr}, no agent): the JDK's thread, wait and I/O events
 * with their thresholds lowered to zero, so that a 1 ms park is kept (JFR's default drops waits under 20 ms), and
 * the workbench's own events ({@code workbench.recording}). No stack traces: they would multiply the file's size
 * and the recording's cost, and a timeline needs only who, when and how long.
 */
public final class TimelineRecorder {

    /** The JDK's wait and I/O events, kept whatever their length. */
    public static final List<String> WAITS = List.of("jdk.ThreadSleep", "jdk.ThreadPark", "jdk.JavaMonitorEnter",
            "jdk.JavaMonitorWait", "jdk.SocketRead", "jdk.SocketWrite", "jdk.FileRead", "jdk.FileWrite",
            "jdk.VirtualThreadPinned");
    /**
     * The JDK's lifecycle events: thread and virtual thread start and end, the JVM's own description, and a child
     * process's start (a worker JVM's life begins there, before its own recording does).
     */
    public static final List<String> LIFECYCLE = List.of("jdk.ThreadStart", "jdk.ThreadEnd",
            "jdk.VirtualThreadStart", "jdk.VirtualThreadEnd", "jdk.JVMInformation", "jdk.ProcessStart");

    /** The workbench's own events ({@code workbench.recording}) and the run's bounds. */
    static final List<Class<? extends jdk.jfr.Event>> OWN = List.of(GilWaitEvent.class, GilHoldEvent.class,
            GilDropRequestEvent.class, BlockingCallEvent.class, PoolTaskEvent.class, LoopCallbackEvent.class,
            LoopIdleEvent.class, WorkUnitEvent.class, SchedRoundEvent.class, ThreadSchedSampleEvent.class,
            ClockSyncEvent.class, RunEvent.class);

    private TimelineRecorder() {
    }

    /** A recording with the timeline's settings, not yet started. */
    public static Recording newRecording() {
        Recording recording = new Recording();
        recording.setName("workbench timeline");
        for (String name : WAITS) {
            recording.enable(name).withThreshold(Duration.ZERO).withoutStackTrace().with("throttle", "off");
        }
        for (String name : LIFECYCLE) {
            recording.enable(name).withoutStackTrace();
        }
        for (Class<? extends jdk.jfr.Event> type : OWN) {
            recording.enable(type).withThreshold(Duration.ZERO).withoutStackTrace();
        }
        return recording;
    }

    /**
     * What a JVM's command line needs to record its own part with these settings from its start (and, unless
     * {@code samplePeriod} is null, to sample its threads' scheduling at that period): the settings go
     * into a {@code .jfc} file beside {@code jfr} (the command line's {@code event#setting=value} options only
     * adjust a settings file, they cannot stand alone).
     */
    static List<String> workerFlags(Path jfr, Duration samplePeriod) {
        Path jfc = jfr.resolveSibling("timeline.jfc");
        try {
            if (!Files.exists(jfc)) {
                Files.writeString(jfc, jfc(), java.nio.charset.StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the workers' recording settings " + jfc, e);
        }
        // JFR prints "Started recording" on stdout unless its startup log is configured: a worker's stdout is the
        // pool's protocol, so it goes to stderr, errors only.
        List<String> flags = new ArrayList<>(List.of("-Xlog:jfr+startup=error:stderr",
                "-XX:StartFlightRecording=filename=" + jfr + ",dumponexit=true,settings=" + jfc));
        if (samplePeriod != null) {
            flags.add(SchedSampler.flag(samplePeriod)); // the worker samples its threads as the parent does
        }
        return flags;
    }

    /** The timeline's settings as a JFR configuration file ({@code .jfc}): the same events as {@link #newRecording}. */
    static String jfc() {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<configuration version=\"2.0\" label=\"workbench timeline\">\n");
        for (String name : WAITS) {
            jfcEvent(xml, name, true);
        }
        for (String name : LIFECYCLE) {
            jfcEvent(xml, name, false);
        }
        for (Class<? extends jdk.jfr.Event> type : OWN) {
            jfcEvent(xml, type.getAnnotation(jdk.jfr.Name.class).value(), true);
        }
        return xml.append("</configuration>\n").toString();
    }

    private static void jfcEvent(StringBuilder xml, String name, boolean threshold) {
        xml.append("  <event name=\"").append(name).append("\">\n")
                .append("    <setting name=\"enabled\">true</setting>\n")
                .append("    <setting name=\"stackTrace\">false</setting>\n");
        if (threshold) {
            xml.append("    <setting name=\"threshold\">0 ms</setting>\n")
                    .append("    <setting name=\"throttle\">off</setting>\n");
        }
        xml.append("  </event>\n");
    }

    /**
     * Runs {@code body} under a recording and writes it to {@code jfr}, the run bounded by a
     * {@code workbench.TimelineRun} event titled {@code title}.
     *
     * <p>The body is handed a {@link RunContext} whose worker JVM flags make each worker JVM it starts record its own
     * part and sample its threads' scheduling as the parent does; once they have exited, their files are moved
     * beside {@code jfr}, named {@code <jfr's stem>-worker-<pid>.jfr}.
     *
     * <p>Every JVM of the run samples its threads' scheduling ({@link SchedSampler}) at
     * {@link SchedSampler#DEFAULT_PERIOD}. Interrupted (SIGINT) or failed, it leaves no temp folder, no worker JVM
     * and no half-written file ({@link RecordingCleanup}, {@link AtomicFiles}).
     */
    public static Recorded record(String title, Path jfr, Example.Task body) throws Exception {
        return record(title, jfr, body, SchedSampler.DEFAULT_PERIOD);
    }

    /**
     * As {@link #record(String, Path, Example.Task)}, with the scheduler sampler at {@code samplePeriod}, or off
     * where it is null (the lanes' unrecorded time is then {@link State#NOT_MEASURED}).
     */
    static Recorded record(String title, Path jfr, Example.Task body, Duration samplePeriod) throws Exception {
        ProcessCpu.nanos(); // the first call reads the OS's cgroup files: not inside the recorded run
        Path folder = Files.createTempDirectory("workbench-timeline-");
        try (RecordingCleanup cleanup = RecordingCleanup.guard(folder)) {
            RunContext ctx = new RunContext(workerFlags(folder.resolve("worker-%p.jfr"), samplePeriod));
            long nanos = recordParent(title, jfr, body, ctx, samplePeriod);
            List<Path> workers = new ArrayList<>();
            String stem = jfr.getFileName().toString().replaceFirst("\\.jfr$", "");
            try (var files = Files.list(folder)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".jfr")).sorted().toList()) {
                    Path moved = jfr.resolveSibling(stem + "-" + file.getFileName());
                    AtomicFiles.write(moved, part -> Files.move(file, part, StandardCopyOption.REPLACE_EXISTING));
                    workers.add(moved);
                }
            }
            return new Recorded(nanos, workers);
        }
    }

    /**
     * What {@link #record} produced.
     *
     * @param nanos   how long the body ran (what the recording's cost is measured on)
     * @param workers the recordings of the worker JVMs that ran meanwhile, beside the parent's
     */
    public record Recorded(long nanos, List<Path> workers) {
        public Recorded {
            workers = List.copyOf(workers);
        }
    }

    private static long recordParent(String title, Path jfr, Example.Task body, RunContext ctx,
            Duration samplePeriod) throws Exception {
        try (Recording recording = newRecording()) {
            recording.start();
            java.util.Optional<SchedSampler> sampler = samplePeriod == null ? java.util.Optional.empty()
                    : SchedSampler.start(samplePeriod);
            RunEvent run = new RunEvent();
            run.begin();
            run.monotonic = System.nanoTime();
            long start = System.nanoTime();
            long cpu = ProcessCpu.nanos();
            long nanos;
            try {
                body.run(ctx);
            } finally {
                nanos = System.nanoTime() - start;
                run.title = title;
                run.pid = ProcessHandle.current().pid();
                run.processCpu = cpu < 0 ? -1 : ProcessCpu.nanos() - cpu;
                run.cores = Runtime.getRuntime().availableProcessors();
                run.commit();
                sampler.ifPresent(SchedSampler::close); // its last round reaches past the run's end
                recording.stop();
            }
            dump(recording, jfr);
            return nanos;
        }
    }

    private static void dump(Recording recording, Path jfr) throws IOException {
        Path parent = jfr.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        AtomicFiles.write(jfr, recording::dump);
    }

}
