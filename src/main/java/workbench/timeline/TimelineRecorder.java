package workbench.timeline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import jdk.jfr.Recording;
import workbench.recording.BlockingCallEvent;
import workbench.recording.GilDropRequestEvent;
import workbench.recording.GilHoldEvent;
import workbench.recording.GilWaitEvent;
import workbench.recording.PoolTaskEvent;

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
    /** The JDK's lifecycle events: thread and virtual thread start and end, and the JVM's own description. */
    public static final List<String> LIFECYCLE = List.of("jdk.ThreadStart", "jdk.ThreadEnd",
            "jdk.VirtualThreadStart", "jdk.VirtualThreadEnd", "jdk.JVMInformation");

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
        for (Class<? extends jdk.jfr.Event> type : List.of(GilWaitEvent.class, GilHoldEvent.class,
                GilDropRequestEvent.class, BlockingCallEvent.class, PoolTaskEvent.class, RunEvent.class)) {
            recording.enable(type).withThreshold(Duration.ZERO).withoutStackTrace();
        }
        return recording;
    }

    /** What a JVM's command line needs to record its own part with these settings from its start. */
    public static List<String> workerFlags(Path jfr) {
        StringBuilder settings = new StringBuilder("-XX:StartFlightRecording=filename=" + jfr
                + ",dumponexit=true,settings=none");
        for (String name : WAITS) {
            settings.append(',').append(name).append("#enabled=true,").append(name).append("#threshold=0ms");
        }
        for (String name : LIFECYCLE) {
            settings.append(',').append(name).append("#enabled=true");
        }
        settings.append(",workbench.PoolTask#enabled=true,workbench.GilHold#enabled=true,workbench.GilWait#enabled=true");
        return List.of(settings.toString());
    }

    /**
     * Runs {@code body} under a recording and writes it to {@code jfr}, the run bounded by a
     * {@code workbench.TimelineRun} event titled {@code title}.
     *
     * @return how long the body ran, in nanoseconds (what the recording cost is measured on)
     */
    public static long record(String title, Path jfr, Body body) throws Exception {
        processCpuNanos(); // the first call reads the OS's cgroup files: not inside the recorded run
        try (Recording recording = newRecording()) {
            recording.start();
            RunEvent run = new RunEvent();
            run.begin();
            long start = System.nanoTime();
            long cpu = processCpuNanos();
            long nanos;
            try {
                body.run();
            } finally {
                nanos = System.nanoTime() - start;
                run.title = title;
                run.pid = ProcessHandle.current().pid();
                run.processCpu = cpu < 0 ? -1 : processCpuNanos() - cpu;
                run.commit();
                recording.stop();
            }
            dump(recording, jfr);
            return nanos;
        }
    }

    /** The JVM's CPU time so far, all threads, or -1 where the platform does not report it. */
    static long processCpuNanos() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static void dump(Recording recording, Path jfr) throws IOException {
        Path parent = jfr.toAbsolutePath().getParent();
        if (parent != null) {
            java.nio.file.Files.createDirectories(parent);
        }
        recording.dump(jfr);
    }

    /** The run to record. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }
}
