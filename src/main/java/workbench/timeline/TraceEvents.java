package workbench.timeline;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Exports a {@link Timeline} as Trace Event JSON, the format the Perfetto UI and Chromium's
 * {@code chrome://tracing} open without a plugin: one {@code pid} per JVM and one {@code tid} per thread, both named
 * by metadata events; each lane's segments as complete ({@code "X"}) slices, which never overlap on a track
 * because a lane's segments partition its life; GIL hand-offs as flow arrows ({@code "s"} / {@code "f"}) from the
 * dropping thread's slice to the taking thread's; a process pool task as an async slice in the worker and a flow
 * from its send in the parent to its run and one from its run to its result (the send and the result also as
 * instants in the parent); an event loop's callbacks as async slices, one track per task they ran for; the units of
 * work (cells, sessions) as async slices, one id each; what the OS measured ({@link Timeline.Machine}): a counter
 * per JVM of the cores its threads without a lane used, and a process "CPUs" with a track per CPU. Times are
 * microseconds since the run began.
 */
public final class TraceEvents {

    private TraceEvents() {
    }

    /** The trace as a JSON object ({@code {"traceEvents": [...], "displayTimeUnit": "ns", ...}}). */
    public static JsonObject toJson(Timeline timeline, List<String> summary) {
        JsonArray events = new JsonArray();
        Map<Long, String> processes = new LinkedHashMap<>();
        Set<String> threads = new LinkedHashSet<>();
        for (Lane lane : timeline.lanes()) {
            if (processes.putIfAbsent(lane.pid(), lane.jvm()) == null) {
                JsonObject meta = event("M", lane.pid(), lane.tid(), "process_name");
                meta.add("args", args("name", lane.jvm() + " (pid " + lane.pid() + ")"));
                events.add(meta);
            }
            if (threads.add(lane.pid() + "/" + lane.tid())) {
                JsonObject meta = event("M", lane.pid(), lane.tid(), "thread_name");
                meta.add("args", args("name", lane.name() + (lane.virtual() ? " (virtual)" : "")));
                events.add(meta);
            }
            for (Lane.Segment s : lane.segments()) {
                JsonObject slice = event("X", lane.pid(), lane.tid(), s.label());
                slice.addProperty("cat", s.state().category());
                slice.addProperty("ts", micros(timeline, s.start()));
                slice.addProperty("dur", s.nanos() / 1e3);
                events.add(slice);
            }
        }
        long flow = 0;
        for (Timeline.Hold[] handOff : timeline.handOffs()) {
            flow++;
            Timeline.Hold from = handOff[0];
            Timeline.Hold to = handOff[1];
            events.add(flow("s", from.pid(), from.tid(), micros(timeline, from.end()) - 0.001, flow, "GIL hand-off"));
            JsonObject end = flow("f", to.pid(), to.tid(), micros(timeline, to.start()), flow, "GIL hand-off");
            end.addProperty("bp", "e");
            events.add(end);
        }
        for (Timeline.PoolTask run : timeline.tasks()) {
            if (!run.phase().equals("run")) {
                continue;
            }
            String id = run.pool() + "#" + run.task();
            JsonObject begin = event("b", run.pid(), run.tid(), "task " + run.task());
            begin.addProperty("cat", "task");
            begin.addProperty("id", id);
            begin.addProperty("ts", micros(timeline, run.start()));
            events.add(begin);
            JsonObject end = event("e", run.pid(), run.tid(), "task " + run.task());
            end.addProperty("cat", "task");
            end.addProperty("id", id);
            end.addProperty("ts", micros(timeline, run.end()));
            events.add(end);
            for (Timeline.PoolTask phase : timeline.tasks()) {
                if (phase.pool().equals(run.pool()) && phase.task() == run.task()) {
                    if (phase.phase().equals("send")) { // send -> run
                        flow++;
                        events.add(flow("s", phase.pid(), phase.tid(), micros(timeline, phase.start()), flow,
                                "task " + run.task()));
                        JsonObject to = flow("f", run.pid(), run.tid(), micros(timeline, run.start()), flow,
                                "task " + run.task());
                        to.addProperty("bp", "e");
                        events.add(to);
                    } else if (phase.phase().equals("result")) { // run -> result
                        flow++;
                        events.add(flow("s", run.pid(), run.tid(), micros(timeline, run.end()) - 0.001, flow,
                                "task " + run.task() + " result"));
                        JsonObject to = flow("f", phase.pid(), phase.tid(), micros(timeline, phase.start()), flow,
                                "task " + run.task() + " result");
                        to.addProperty("bp", "e");
                        events.add(to);
                    }
                }
            }
        }
        // A pool task's send and result in the parent as instants on the thread that did them.
        for (Timeline.PoolTask phase : timeline.tasks()) {
            if (!phase.phase().equals("run")) {
                JsonObject instant = event("i", phase.pid(), phase.tid(), phase.phase() + " task " + phase.task());
                instant.addProperty("cat", "task");
                instant.addProperty("s", "t");
                instant.addProperty("ts", micros(timeline, phase.start()));
                events.add(instant);
            }
        }
        // Units of work (cells, sessions) as async slices on their thread, one id each: units that interleave on
        // one thread (coroutines on a loop) get a track each instead of overlapping.
        int unitNumber = 0;
        for (Timeline.Unit unit : timeline.units()) {
            String id = "unit:" + unit.pid() + ":" + (++unitNumber);
            for (String ph : List.of("b", "e")) {
                JsonObject event = event(ph, unit.pid(), unit.tid(), unit.kind() + " " + unit.label());
                event.addProperty("cat", unit.kind());
                event.addProperty("id", id);
                event.addProperty("ts", micros(timeline, ph.equals("b") ? unit.start() : unit.end()));
                events.add(event);
            }
        }
        // A loop's callbacks as async slices, one id per task they ran for: interleaved tasks get a track each
        // instead of overlapping on the loop thread's track.
        for (Timeline.Callback callback : timeline.callbacks()) {
            String id = "loop:" + callback.owner();
            for (String ph : List.of("b", "e")) {
                JsonObject event = event(ph, callback.pid(), callback.tid(), callback.owner());
                event.addProperty("cat", "loop task");
                event.addProperty("id", id);
                event.addProperty("ts", micros(timeline, ph.equals("b") ? callback.start() : callback.end()));
                events.add(event);
            }
        }
        machine(timeline, processes, threads, events);
        JsonObject trace = new JsonObject();
        trace.add("traceEvents", events);
        trace.addProperty("displayTimeUnit", "ns");
        JsonObject other = new JsonObject();
        other.addProperty("title", timeline.title());
        JsonArray lines = new JsonArray();
        summary.forEach(lines::add);
        timeline.notes().forEach(n -> lines.add("note: " + n));
        other.add("summary", lines);
        trace.add("otherData", other);
        return trace;
    }

    /** The {@code pid} of the process "CPUs": above any Linux pid ({@code pid_max} is at most 2^22). */
    static final long CPUS_PID = (1L << 22) + 1;

    /**
     * Adds what the OS measured: per sampled JVM a counter track ({@code "C"}) of the cores its threads without a
     * lane used per sample period; per CPU of the kernel's trace a track of the process "CPUs" ({@link #CPUS_PID},
     * {@code tid} the CPU's number) with a complete slice per thread switched in, named by its lane or its name.
     */
    private static void machine(Timeline timeline, Map<Long, String> processes, Set<String> threads,
            JsonArray events) {
        for (Timeline.JvmThreads jvm : timeline.machine().jvmThreads()) {
            if (jvm.samples().isEmpty()) {
                continue;
            }
            // a counter belongs to its process; its tid is one already named (the first lane's), else the pid's
            long tid = timeline.lanes().stream().filter(l -> l.pid() == jvm.pid()).mapToLong(Lane::tid).findFirst()
                    .orElse(jvm.pid());
            if (processes.putIfAbsent(jvm.pid(), jvm.jvm()) == null) {
                JsonObject meta = event("M", jvm.pid(), tid, "process_name");
                meta.add("args", args("name", jvm.jvm() + " (pid " + jvm.pid() + ")"));
                events.add(meta);
            }
            if (threads.add(jvm.pid() + "/" + tid)) {
                JsonObject meta = event("M", jvm.pid(), tid, "thread_name");
                meta.add("args", args("name", jvm.label()));
                events.add(meta);
            }
            for (Timeline.CpuSample sample : jvm.samples()) {
                events.add(counter(timeline, jvm, tid, sample.start(), sample.cores()));
            }
            events.add(counter(timeline, jvm, tid, jvm.samples().get(jvm.samples().size() - 1).end(), 0));
        }
        if (timeline.machine().cpus().isEmpty()) {
            return;
        }
        Set<Long> jvms = LaneChart.jvmPids(timeline);
        JsonObject process = event("M", CPUS_PID, 0, "process_name");
        process.add("args", args("name", "CPUs"));
        events.add(process);
        for (Timeline.CpuLane cpu : timeline.machine().cpus()) {
            JsonObject meta = event("M", CPUS_PID, cpu.cpu(), "thread_name");
            meta.add("args", args("name", "CPU " + cpu.cpu()));
            events.add(meta);
            long last = Long.MIN_VALUE;
            for (Timeline.CpuSlice s : cpu.slices()) {
                long from = Math.max(s.start(), last); // the trace's microseconds can overlap the last by a hair
                last = Math.max(last, s.end());
                if (s.end() <= from) {
                    continue;
                }
                Lane lane = LaneChart.ranOn(s, timeline.lanes());
                JsonObject slice = event("X", CPUS_PID, cpu.cpu(), lane == null ? s.name() : lane.label());
                slice.addProperty("cat", lane != null ? "lane" : jvms.contains(s.pid()) ? "jvm, no lane"
                        : "other process");
                slice.addProperty("ts", micros(timeline, from));
                slice.addProperty("dur", (s.end() - from) / 1e3);
                JsonObject args = args("comm", s.name());
                args.addProperty("pid", s.pid());
                args.addProperty("tid", s.tid());
                slice.add("args", args);
                events.add(slice);
            }
        }
    }

    private static JsonObject counter(Timeline timeline, Timeline.JvmThreads jvm, long tid, long at, double cores) {
        JsonObject counter = event("C", jvm.pid(), tid, jvm.label() + ", cores");
        counter.addProperty("ts", micros(timeline, at));
        JsonObject args = new JsonObject();
        args.addProperty("cores", Math.round(cores * 1000) / 1000.0);
        counter.add("args", args);
        return counter;
    }

    /** Writes the trace to {@code json}. */
    public static void write(Timeline timeline, List<String> summary, Path json) throws IOException {
        try (Writer out = Files.newBufferedWriter(json, StandardCharsets.UTF_8)) {
            new com.google.gson.Gson().toJson(toJson(timeline, summary), out);
        }
    }

    private static JsonObject event(String phase, long pid, long tid, String name) {
        JsonObject event = new JsonObject();
        event.addProperty("ph", phase);
        event.addProperty("pid", pid);
        event.addProperty("tid", tid);
        event.addProperty("name", name);
        return event;
    }

    private static JsonObject flow(String phase, long pid, long tid, double ts, long id, String name) {
        JsonObject event = event(phase, pid, tid, name);
        event.addProperty("cat", "flow");
        event.addProperty("id", id);
        event.addProperty("ts", ts);
        return event;
    }

    private static JsonObject args(String key, String value) {
        JsonObject args = new JsonObject();
        args.addProperty(key, value);
        return args;
    }

    private static double micros(Timeline timeline, long nanos) {
        return (nanos - timeline.start()) / 1e3;
    }
}
