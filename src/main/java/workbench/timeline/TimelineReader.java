package workbench.timeline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads recordings back into a {@link Timeline}: the parent's (bounded by its {@code workbench.TimelineRun}
 * event) and any worker JVMs' (their task-running threads), on one axis of epoch nanoseconds.
 *
 * <p>A lane belongs to the thread that ran the example and to every thread started during the run. Each recorded
 * wait becomes a stretch of its state; where waits overlap, the state first in {@link State}'s order wins (a GIL
 * wait parks on a condition: it is drawn as the GIL wait); what no event covers is {@link State#NOT_MEASURED}: on a CPU
 * or runnable, for JFR does not record the OS scheduler. So the states of a lane add up to its lifetime.
 */
public final class TimelineReader {

    private TimelineReader() {
    }

    /** Reads the parent's recording alone. */
    public static Timeline read(Path parent) throws IOException {
        return read(parent, List.of());
    }

    /** Reads the parent's recording and its workers' (one file per worker JVM). */
    public static Timeline read(Path parent, List<Path> workers) throws IOException {
        List<RecordedEvent> events = RecordingFile.readAllEvents(parent);
        RecordedEvent run = events.stream().filter(e -> e.getEventType().getName().equals("workbench.TimelineRun"))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new IOException(parent + " has no workbench.TimelineRun event: not a timeline"));
        long start = nanos(run.getStartTime());
        long end = nanos(run.getEndTime());
        long pid = run.getLong("pid");
        List<String> notes = new ArrayList<>();
        List<Lane> lanes = new ArrayList<>();
        List<Timeline.Hold> holds = new ArrayList<>();
        List<Timeline.PoolTask> tasks = new ArrayList<>();
        List<Timeline.Callback> callbacks = new ArrayList<>();

        Map<Long, ThreadInfo> threads = new LinkedHashMap<>();
        RecordedThread caller = run.getThread();
        threads.put(caller.getJavaThreadId(), new ThreadInfo(caller.getJavaName(), false, start, end));
        for (RecordedEvent e : events) {
            String type = e.getEventType().getName();
            long at = nanos(e.getStartTime());
            if (at < start || at > end) {
                continue;
            }
            switch (type) {
                case "jdk.ThreadStart" -> {
                    RecordedThread t = e.getThread("thread");
                    if (t != null && !t.getJavaName().startsWith("JFR ")) {
                        threads.putIfAbsent(t.getJavaThreadId(), new ThreadInfo(t.getJavaName(), t.isVirtual(),
                                at, end));
                    }
                }
                case "jdk.VirtualThreadStart" -> {
                    RecordedThread t = e.getThread();
                    threads.putIfAbsent(e.getLong("javaThreadId"),
                            new ThreadInfo(t == null ? "virtual" : t.getJavaName(), true, at, end));
                }
                default -> {
                }
            }
        }
        for (RecordedEvent e : events) {
            String type = e.getEventType().getName();
            if (type.equals("jdk.ThreadEnd") || type.equals("jdk.VirtualThreadEnd")) {
                long tid = type.equals("jdk.ThreadEnd") && e.getThread("thread") != null
                        ? e.getThread("thread").getJavaThreadId() : e.getLong("javaThreadId");
                ThreadInfo info = threads.get(tid);
                if (info != null) {
                    info.end = Math.max(info.start, Math.min(end, nanos(e.getStartTime())));
                }
            }
        }
        if (threads.values().stream().anyMatch(t -> t.virtual)) {
            notes.add("virtual threads: lanes only; the JDK records no mount/unmount (JDK 21-25), so their carriers"
                    + " are not shown and 'running' means mounted or waiting to be");
        }
        collect(events, pid, Timeline.PARENT, threads, start, end, lanes, holds, tasks, callbacks);

        int index = 0;
        for (Path worker : workers) {
            index++;
            List<RecordedEvent> workerEvents = RecordingFile.readAllEvents(worker);
            long workerPid = workerEvents.stream()
                    .filter(e -> e.getEventType().getName().equals("jdk.JVMInformation")).findFirst()
                    .map(e -> e.getLong("pid")).orElse((long) -index);
            Map<Long, ThreadInfo> workerThreads = new LinkedHashMap<>();
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (RecordedEvent e : workerEvents) {
                first = Math.min(first, nanos(e.getStartTime()));
                last = Math.max(last, nanos(e.getEndTime()));
            }
            for (RecordedEvent e : workerEvents) {
                if (e.getEventType().getName().equals("workbench.PoolTask") && e.getThread() != null) {
                    workerThreads.putIfAbsent(e.getThread().getJavaThreadId(), new ThreadInfo(
                            e.getThread().getJavaName(), false, Math.max(start, first), Math.min(end, last)));
                }
            }
            collect(workerEvents, workerPid, "worker " + index, workerThreads, start, end, lanes, holds, tasks,
                    callbacks);
        }
        return new Timeline(run.getString("title"), start, end, run.getLong("processCpu"), lanes, holds, tasks,
                callbacks, notes);
    }

    private static void collect(List<RecordedEvent> events, long pid, String jvm, Map<Long, ThreadInfo> threads,
            long start, long end, List<Lane> lanes, List<Timeline.Hold> holds, List<Timeline.PoolTask> tasks,
            List<Timeline.Callback> callbacks) {
        Map<Long, List<long[]>> intervals = new HashMap<>();
        for (RecordedEvent e : events) {
            RecordedThread thread = e.getThread();
            if (thread == null || !threads.containsKey(thread.getJavaThreadId())) {
                continue;
            }
            long tid = thread.getJavaThreadId();
            long from = nanos(e.getStartTime());
            long to = nanos(e.getEndTime());
            if (to < start || from > end) {
                continue;
            }
            State state = switch (e.getEventType().getName()) {
                case "workbench.GilWait" -> State.GIL_WAIT;
                case "workbench.GilHold" -> {
                    holds.add(new Timeline.Hold(pid, tid, e.getInt("gil"), e.getLong("switchNumber"), from, to));
                    yield State.GIL_HOLD;
                }
                case "workbench.PoolTask" -> {
                    tasks.add(new Timeline.PoolTask(pid, tid, e.getString("phase"), e.getString("pool"),
                            e.getLong("task"), e.getInt("worker"), from, to));
                    yield null;
                }
                case "jdk.ThreadSleep" -> State.SLEEP;
                case "jdk.SocketRead", "jdk.SocketWrite", "jdk.FileRead", "jdk.FileWrite", "workbench.BlockingCall" ->
                        State.IO;
                case "jdk.JavaMonitorEnter" -> State.MONITOR;
                case "jdk.JavaMonitorWait" -> {
                    RecordedClass monitor = e.getClass("monitorClass");
                    yield monitor != null && isThread(monitor.getName()) ? State.JOIN : State.WAIT;
                }
                case "jdk.ThreadPark" -> State.PARK;
                case "workbench.LoopCallback" -> {
                    callbacks.add(new Timeline.Callback(pid, tid, e.getString("callback"), from, to));
                    yield State.LOOP_CALLBACK;
                }
                case "workbench.LoopIdle" -> State.LOOP_IDLE;
                default -> null;
            };
            if (state != null && to > from) {
                intervals.computeIfAbsent(tid, k -> new ArrayList<>()).add(new long[] {from, to, state.ordinal()});
            }
        }
        for (Map.Entry<Long, ThreadInfo> entry : threads.entrySet()) {
            ThreadInfo info = entry.getValue();
            lanes.add(new Lane(pid, jvm, entry.getKey(), info.name, info.virtual, info.start, info.end,
                    partition(info.start, info.end, intervals.getOrDefault(entry.getKey(), List.of()))));
        }
    }

    /**
     * Cuts {@code [start, end)} into segments of one state each: at every instant the first state in
     * {@link State}'s order among the intervals covering it, else {@link State#NOT_MEASURED}. Adjacent segments of one
     * state are merged.
     */
    static List<Lane.Segment> partition(long start, long end, List<long[]> intervals) {
        List<long[]> edges = new ArrayList<>();
        for (long[] i : intervals) {
            long from = Math.max(start, i[0]);
            long to = Math.min(end, i[1]);
            if (to > from) {
                edges.add(new long[] {from, 1, i[2]});
                edges.add(new long[] {to, -1, i[2]});
            }
        }
        edges.sort((a, b) -> Long.compare(a[0], b[0]));
        int[] active = new int[State.values().length];
        List<Lane.Segment> segments = new ArrayList<>();
        long at = start;
        int i = 0;
        while (at < end) {
            while (i < edges.size() && edges.get(i)[0] <= at) {
                active[(int) edges.get(i)[2]] += (int) edges.get(i)[1];
                i++;
            }
            long next = i < edges.size() ? Math.min(end, edges.get(i)[0]) : end;
            State state = State.NOT_MEASURED;
            for (State s : State.values()) {
                if (active[s.ordinal()] > 0) {
                    state = s;
                    break;
                }
            }
            if (!segments.isEmpty() && segments.get(segments.size() - 1).state() == state) {
                Lane.Segment last = segments.remove(segments.size() - 1);
                segments.add(new Lane.Segment(last.start(), next, state));
            } else {
                segments.add(new Lane.Segment(at, next, state));
            }
            at = next;
        }
        return segments;
    }

    /** Whether a monitor's class is a thread: {@code Thread.join} waits on the thread it joins. */
    private static boolean isThread(String className) {
        if (className.equals("java.lang.Thread")) {
            return true;
        }
        try {
            ClassLoader loader = TimelineReader.class.getClassLoader();
            return Thread.class.isAssignableFrom(Class.forName(className, false, loader));
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static final class ThreadInfo {
        final String name;
        final boolean virtual;
        final long start;
        long end;

        ThreadInfo(String name, boolean virtual, long start, long end) {
            this.name = name;
            this.virtual = virtual;
            this.start = start;
            this.end = end;
        }
    }
}
