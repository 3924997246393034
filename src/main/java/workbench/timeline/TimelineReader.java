package workbench.timeline;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import workbench.recording.SchedSampler;

/**
 * Reads recordings back into a {@link Timeline}: the parent's (bounded by its {@code workbench.TimelineRun}
 * event) and any worker JVMs' (their task-running threads), on one axis of epoch nanoseconds.
 *
 * <p>A lane belongs to the thread that ran the example and to every thread started during the run. Each recorded
 * wait becomes a stretch of its state; where waits overlap, the state first in {@link State}'s order wins (a GIL
 * wait parks on a condition: it is drawn as the GIL wait). What no event covers is split by the OS scheduler's
 * samples ({@link SchedSplit}: on a CPU, runnable, off CPU) and is {@link State#NOT_MEASURED} where no sample
 * covers it (JFR does not record the OS scheduler). So the states of a lane add up to its lifetime. A worker JVM's
 * times are moved onto the parent's clock by its measured offset ({@link Timeline.ClockOffset}).
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
        // at most this many threads of one JVM on a CPU at once; a recording from before the field, the reader's
        int cores = run.hasField("cores") && run.getInt("cores") > 0 ? run.getInt("cores")
                : Runtime.getRuntime().availableProcessors();
        List<String> notes = new ArrayList<>();
        List<Lane> lanes = new ArrayList<>();
        List<Timeline.Hold> holds = new ArrayList<>();
        List<Timeline.PoolTask> tasks = new ArrayList<>();
        List<Timeline.Callback> callbacks = new ArrayList<>();

        Map<Long, ThreadInfo> threads = new LinkedHashMap<>();
        RecordedThread caller = run.getThread();
        threads.put(caller.getJavaThreadId(), new ThreadInfo(caller.getJavaName(), false, start, end,
                caller.getOSThreadId()));
        for (RecordedEvent e : events) {
            String type = e.getEventType().getName();
            long at = nanos(e.getStartTime());
            if (at < start || at > end) {
                continue;
            }
            switch (type) {
                case "jdk.ThreadStart" -> {
                    RecordedThread t = e.getThread("thread");
                    if (t != null && !t.getJavaName().startsWith("JFR ")
                            && !t.getJavaName().equals(SchedSampler.THREAD_NAME)) {
                        threads.putIfAbsent(t.getJavaThreadId(), new ThreadInfo(t.getJavaName(), t.isVirtual(),
                                at, end, t.getOSThreadId()));
                    }
                }
                case "jdk.VirtualThreadStart" -> {
                    RecordedThread t = e.getThread();
                    threads.putIfAbsent(e.getLong("javaThreadId"),
                            new ThreadInfo(t == null ? "virtual" : t.getJavaName(), true, at, end, -1));
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
                    info.ended = nanos(e.getStartTime()) <= end;
                }
            }
        }
        if (threads.values().stream().anyMatch(t -> t.virtual)) {
            notes.add("virtual threads: lanes only; the JDK records no mount/unmount (JDK 21-25), so their carriers"
                    + " are not shown and 'running' means mounted or waiting to be");
        }
        List<Timeline.Unit> units = new ArrayList<>();
        List<Timeline.JvmThreads> jvmThreads = new ArrayList<>();
        SchedSplit.Occupancy onCpu = new SchedSplit.Occupancy(); // one machine: every JVM's lanes under its cores
        SchedSplit parentSched = SchedSplit.of(events, 0, cores, onCpu);
        collect(events, pid, Timeline.PARENT, threads, start, end, lanes, holds, tasks, callbacks, units, 0,
                parentSched, jvmThreads);
        notes.add(parentSched.note(Timeline.PARENT));
        parentSched.overCapNote(Timeline.PARENT).ifPresent(notes::add);
        long period = parentSched.period;
        Map<Long, Long> launched = new HashMap<>(); // child pid -> when the parent started it
        for (RecordedEvent e : events) {
            if (e.getEventType().getName().equals("jdk.ProcessStart")) {
                launched.putIfAbsent(e.getLong("pid"), nanos(e.getStartTime()));
            }
        }

        long workerCpu = 0;
        List<Timeline.ClockOffset> offsets = new ArrayList<>();
        int index = 0;
        for (Path worker : workers) {
            index++;
            List<RecordedEvent> workerEvents = RecordingFile.readAllEvents(worker);
            long workerPid = workerEvents.stream()
                    .filter(e -> e.getEventType().getName().equals("jdk.JVMInformation")).findFirst()
                    .map(e -> e.getLong("pid")).orElse((long) -index);
            String jvm = "worker " + index;
            Timeline.ClockOffset offset = clockOffset(events, workerEvents, workerPid, jvm);
            long shift = offset == null ? 0 : offset.offset();
            if (offset != null) {
                offsets.add(offset);
            } else {
                notes.add(jvm + ": no clock probe answered; its times are its own clock's, not aligned");
            }
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
                            e.getThread().getJavaName(), false, Math.max(start, first - shift),
                            Math.min(end, last - shift), e.getThread().getOSThreadId()));
                }
            }
            int before = lanes.size();
            SchedSplit sched = SchedSplit.of(workerEvents, shift, cores, onCpu); // the same machine's
            collect(workerEvents, workerPid, jvm, workerThreads, start, end, lanes, holds, tasks, callbacks, units,
                    shift, sched, jvmThreads);
            sched.overCapNote(jvm).ifPresent(notes::add);
            Long launch = launched.get(workerPid);
            if (launch != null) {
                startingJvm(lanes.subList(before, lanes.size()), Math.max(start, launch));
            }
            long cpu = workerEvents.stream().filter(e -> e.getEventType().getName().equals("workbench.PoolTask")
                    && e.hasField("processCpu")).mapToLong(e -> e.getLong("processCpu")).max().orElse(-1);
            workerCpu = cpu <= 0 || workerCpu < 0 ? -1 : workerCpu + cpu;
            if (sched.sampled()) {
                period = Math.max(period, sched.period);
                if (index == 1) {
                    notes.add(sched.note(jvm + " (and the other workers)"));
                }
            } else {
                notes.add(sched.note(jvm));
            }
        }
        if (lanes.stream().anyMatch(l -> l.segments().stream().anyMatch(s -> s.state() == State.STARTING_JVM))) {
            notes.add("'" + State.STARTING_JVM.label() + "': from the parent's launch of the worker JVM"
                    + " (jdk.ProcessStart) to the first event of the worker's own recording");
        }
        Timeline.Machine machine = new Timeline.Machine(period, jvmThreads, List.of(), offsets, cores);
        return new Timeline(run.getString("title"), start, end, run.getLong("processCpu"), workerCpu, lanes, holds,
                tasks, callbacks, units, notes, machine);
    }

    /**
     * Starts each of a worker JVM's {@code lanes} at {@code launch}, when the parent started the JVM: the stretch
     * until the lane began (the worker's first recorded event) is {@link State#STARTING_JVM}.
     */
    private static void startingJvm(List<Lane> lanes, long launch) {
        for (int i = 0; i < lanes.size(); i++) {
            Lane lane = lanes.get(i);
            if (launch < lane.start()) {
                List<Lane.Segment> segments = new ArrayList<>();
                segments.add(new Lane.Segment(launch, lane.start(), State.STARTING_JVM));
                segments.addAll(lane.segments());
                lanes.set(i, new Lane(lane.pid(), lane.jvm(), lane.tid(), lane.name(), lane.virtual(), launch,
                        lane.end(), segments, lane.osTid()));
            }
        }
    }

    /**
     * Adds one JVM's lanes (one per thread in {@code threads}), holds, tasks and callbacks, its times moved back by
     * {@code shift} (a worker's clock offset), the lanes' unrecorded time split by {@code sched}; and its threads
     * without a lane, summed, to {@code jvmThreads} where it was sampled.
     */
    private static void collect(List<RecordedEvent> events, long pid, String jvm, Map<Long, ThreadInfo> threads,
            long start, long end, List<Lane> lanes, List<Timeline.Hold> holds, List<Timeline.PoolTask> tasks,
            List<Timeline.Callback> callbacks, List<Timeline.Unit> units, long shift, SchedSplit sched,
            List<Timeline.JvmThreads> jvmThreads) {
        Map<Long, List<long[]>> intervals = new HashMap<>();
        List<String> calls = new ArrayList<>();
        for (RecordedEvent e : events) {
            RecordedThread thread = e.getThread();
            if (thread == null || !threads.containsKey(thread.getJavaThreadId())) {
                continue;
            }
            long tid = thread.getJavaThreadId();
            long from = nanos(e.getStartTime()) - shift;
            long to = nanos(e.getEndTime()) - shift;
            int call = -1;
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
                case "jdk.SocketRead", "jdk.SocketWrite", "jdk.FileRead", "jdk.FileWrite" -> State.IO;
                case "workbench.BlockingCall" -> {
                    String name = e.getString("call");
                    call = calls.indexOf(name == null ? "a call" : name);
                    if (call < 0) {
                        call = calls.size();
                        calls.add(name == null ? "a call" : name);
                    }
                    yield State.BLOCKED_CALL;
                }
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
                case "workbench.WorkUnit" -> {
                    units.add(new Timeline.Unit(pid, tid, e.getString("kind"), e.getString("unit"), Math.max(start,
                            from), Math.min(end, to)));
                    yield null;
                }
                default -> null;
            };
            if (state != null && to > from) {
                intervals.computeIfAbsent(tid, k -> new ArrayList<>())
                        .add(new long[] {from, to, state.ordinal(), call});
            }
        }
        Set<Long> laneTids = new HashSet<>();
        threads.values().forEach(t -> laneTids.add(t.osTid));
        for (Map.Entry<Long, ThreadInfo> entry : threads.entrySet()) {
            ThreadInfo info = entry.getValue();
            List<Lane.Segment> segments = partition(info.start, info.end,
                    intervals.getOrDefault(entry.getKey(), List.of()), calls);
            lanes.add(new Lane(pid, jvm, entry.getKey(), info.name, info.virtual, info.start, info.end,
                    sched.split(info.osTid, laneTids, segments, info.ended ? info.end : Long.MAX_VALUE),
                    info.osTid));
        }
        if (sched.sampled()) {
            jvmThreads.add(sched.others(pid, jvm, laneTids, start, end));
        }
    }

    /** As {@link #partition(long, long, List, List)} with no named calls. */
    static List<Lane.Segment> partition(long start, long end, List<long[]> intervals) {
        return partition(start, end, intervals, List.of());
    }

    /**
     * Cuts {@code [start, end)} into segments of one state each: at every instant the first state in
     * {@link State}'s order among the intervals covering it, else {@link State#NOT_MEASURED} (which
     * {@link SchedSplit} then splits where the OS was sampled). An interval is {@code {from, to, state ordinal}},
     * and for {@link State#BLOCKED_CALL} a fourth element, the index of its call's name in {@code calls}. Adjacent
     * segments of one state (and call) are merged.
     */
    static List<Lane.Segment> partition(long start, long end, List<long[]> intervals, List<String> calls) {
        List<long[]> edges = new ArrayList<>();
        for (long[] i : intervals) {
            long from = Math.max(start, i[0]);
            long to = Math.min(end, i[1]);
            long call = i.length > 3 ? i[3] : -1;
            if (to > from) {
                edges.add(new long[] {from, 1, i[2], call});
                edges.add(new long[] {to, -1, i[2], call});
            }
        }
        edges.sort((a, b) -> Long.compare(a[0], b[0]));
        int[] active = new int[State.values().length];
        int[] activeCalls = new int[calls.size()];
        List<Lane.Segment> segments = new ArrayList<>();
        long at = start;
        int i = 0;
        while (at < end) {
            while (i < edges.size() && edges.get(i)[0] <= at) {
                active[(int) edges.get(i)[2]] += (int) edges.get(i)[1];
                if (edges.get(i)[3] >= 0) {
                    activeCalls[(int) edges.get(i)[3]] += (int) edges.get(i)[1];
                }
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
            String call = null;
            if (state == State.BLOCKED_CALL) {
                for (int c = 0; c < activeCalls.length && call == null; c++) {
                    call = activeCalls[c] > 0 ? calls.get(c) : null;
                }
            }
            Lane.Segment last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
            if (last != null && last.state() == state && java.util.Objects.equals(last.call(), call)) {
                segments.set(segments.size() - 1, new Lane.Segment(last.start(), next, state, call));
            } else {
                segments.add(new Lane.Segment(at, next, state, call));
            }
            at = next;
        }
        return segments;
    }

    /**
     * The offset of worker {@code workerPid}'s clock from the parent's, from their {@code workbench.ClockSync}
     * events: for each probe the parent's event spans its send to its answer and the worker's marks its stamp; the
     * probe with the shortest round trip gives {@code worker - (sent + answered) / 2}, within half that round
     * trip. Null where no probe was answered (no recording took them, or an older worker).
     */
    static Timeline.ClockOffset clockOffset(List<RecordedEvent> parent, List<RecordedEvent> worker, long workerPid,
            String jvm) {
        Map<Long, Long> stamps = new HashMap<>();
        for (RecordedEvent e : worker) {
            if (e.getEventType().getName().equals("workbench.ClockSync") && "worker".equals(e.getString("side"))) {
                stamps.put(e.getLong("probe"), nanos(e.getStartTime()));
            }
        }
        Timeline.ClockOffset best = null;
        for (RecordedEvent e : parent) {
            if (!e.getEventType().getName().equals("workbench.ClockSync") || !"parent".equals(e.getString("side"))
                    || e.getLong("workerPid") != workerPid) {
                continue;
            }
            Long stamp = stamps.get(e.getLong("probe"));
            if (stamp == null) {
                continue;
            }
            long sent = nanos(e.getStartTime());
            long answered = nanos(e.getEndTime());
            long error = (answered - sent + 1) / 2;
            if (best == null || error < best.error()) {
                best = new Timeline.ClockOffset(workerPid, jvm, stamp - (sent + (answered - sent) / 2), error);
            }
        }
        return best;
    }

    /**
     * What to add to a {@code CLOCK_MONOTONIC} time ({@code System.nanoTime()} on Linux, a kernel trace's clock)
     * to put it on this recording's axis: the run's start as recorded, less the monotonic time read as it began.
     */
    static long monotonicToEpoch(Path parent) throws IOException {
        RecordedEvent run = RecordingFile.readAllEvents(parent).stream()
                .filter(e -> e.getEventType().getName().equals("workbench.TimelineRun")).reduce((a, b) -> b)
                .orElseThrow(() -> new IOException(parent + " has no workbench.TimelineRun event: not a timeline"));
        return nanos(run.getStartTime()) - run.getLong("monotonic");
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
        /** Whether it ended during the run (a {@code jdk.ThreadEnd}), rather than living on past it. */
        boolean ended;

        /** The OS thread id, -1 where there is none (a virtual thread) or the recording did not say. */
        final long osTid;

        ThreadInfo(String name, boolean virtual, long start, long end, long osTid) {
            this.name = name;
            this.virtual = virtual;
            this.start = start;
            this.end = end;
            this.osTid = virtual ? -1 : osTid;
        }
    }
}
