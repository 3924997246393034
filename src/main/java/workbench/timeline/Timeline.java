package workbench.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A recorded run read back: one {@link Lane} per thread (of every JVM that took part), the GIL model's holds,
 * the process pool's tasks and the loops' callbacks (for arrows), the units of work the item is about, and the
 * legend lines that say what the recording cannot show. Built by {@link TimelineReader}; drawn by
 * {@link LaneChart}; exported by {@link TraceEvents}.
 *
 * @param title     what ran (item, example, strategy)
 * @param start     when the run began, nanoseconds since the epoch
 * @param end       when it ended
 * @param cpu       the CPU time the parent JVM used during the run, all its threads; -1 if unknown
 * @param workerCpu the CPU time the worker JVMs used, summed, each from its start to its last task's end (as each
 *                  reports it); 0 without workers, -1 if one did not say
 * @param holds     every GIL-model hold, in start order
 * @param tasks     every process pool task phase recorded, in start order
 * @param callbacks every event-loop callback, in start order (for the tasks they ran for)
 * @param units     every unit of work recorded (cells, sessions), in start order
 * @param notes     legend lines: what is not shown, what was aggregated
 * @param machine   what the OS measured beside the flight recorder: the sample period, the JVMs' own threads,
 *                  per-CPU lanes, the worker JVMs' clock offsets
 */
public record Timeline(String title, long start, long end, long cpu, long workerCpu, List<Lane> lanes,
        List<Hold> holds, List<PoolTask> tasks, List<Callback> callbacks, List<Unit> units, List<String> notes,
        Machine machine) {

    /** The {@link Lane#jvm()} of the JVM that ran the example. */
    public static final String PARENT = "parent";
    /** The parent's threads that only move bytes for a child: a pool's pipe reader and stderr drain, a child's. */
    private static final java.util.regex.Pattern PLUMBING = java.util.regex.Pattern.compile(
            "procpool-\\d+-(reader|stderr)-pid\\d+|child-\\d+-\\w+");

    public Timeline {
        lanes = List.copyOf(lanes);
        holds = holds.stream().sorted(Comparator.comparingLong(Hold::start)).toList();
        tasks = tasks.stream().sorted(Comparator.comparingLong(PoolTask::start)).toList();
        callbacks = callbacks.stream().sorted(Comparator.comparingLong(Callback::start)).toList();
        units = units.stream().sorted(Comparator.comparingLong(Unit::start)).toList();
        notes = List.copyOf(notes);
        machine = machine == null ? Machine.NONE : machine;
    }

    /** A timeline with nothing measured beside the flight recorder ({@link Machine#NONE}). */
    public Timeline(String title, long start, long end, long cpu, long workerCpu, List<Lane> lanes,
            List<Hold> holds, List<PoolTask> tasks, List<Callback> callbacks, List<Unit> units, List<String> notes) {
        this(title, start, end, cpu, workerCpu, lanes, holds, tasks, callbacks, units, notes, Machine.NONE);
    }

    /**
     * What the OS measured beside the flight recorder.
     *
     * <p>{@code samplePeriod} is the resolution of the on-CPU / runnable split of the lanes ({@link State#ON_CPU},
     * {@link State#RUNNABLE}, {@link State#OFF_CPU}): each thread's {@code /proc/self/task/<tid>/schedstat} read
     * once per period; 0 where nothing was sampled (then the lanes' unrecorded time is
     * {@link State#NOT_MEASURED}). Within one period the OS says how long, not when: the reader lays the measured
     * shares out as described in {@link TimelineReader}.
     *
     * @param samplePeriod  the sampler's period in nanoseconds, 0 if none ran
     * @param jvmThreads    per JVM, its threads that have no lane (GC, JIT compilers, the VM thread, JFR, the
     *                      sampler itself, idle JDK threads), summed per sample period
     * @param cpus          per CPU, which thread ran on it when (the kernel's scheduler trace, {@code --cpus});
     *                      empty where it was not recorded
     * @param clockOffsets  per worker JVM, how far its clock was from the parent's (already subtracted from its
     *                      lanes, holds, tasks and callbacks)
     * @param cores         the recording machine's cores ({@code Runtime.availableProcessors()} as recorded), 0 if
     *                      the recording did not say
     */
    public record Machine(long samplePeriod, List<JvmThreads> jvmThreads, List<CpuLane> cpus,
            List<ClockOffset> clockOffsets, int cores) {

        /** Nothing measured. */
        public static final Machine NONE = new Machine(0, List.of(), List.of(), List.of(), 0);

        public Machine {
            jvmThreads = List.copyOf(jvmThreads);
            cpus = cpus.stream().sorted(Comparator.comparingInt(CpuLane::cpu)).toList();
            clockOffsets = List.copyOf(clockOffsets);
        }

        /** What was measured on a machine whose cores the recording did not say. */
        public Machine(long samplePeriod, List<JvmThreads> jvmThreads, List<CpuLane> cpus,
                List<ClockOffset> clockOffsets) {
            this(samplePeriod, jvmThreads, cpus, clockOffsets, 0);
        }

        /** This with {@code lanes} as its per-CPU lanes. */
        public Machine withCpus(List<CpuLane> lanes) {
            return new Machine(samplePeriod, jvmThreads, lanes, clockOffsets, cores);
        }
    }

    /**
     * One JVM's threads that have no lane of their own, summed: the aggregate lane "JVM (GC, JIT, ...)", which
     * says why two busy Java threads do not make exactly 2.0 cores.
     *
     * @param pid     the JVM's process id
     * @param jvm     as {@link Lane#jvm()}
     * @param samples one per sample period, in time order
     */
    public record JvmThreads(long pid, String jvm, List<CpuSample> samples) {

        /** The aggregate lane's name. */
        public static final String LABEL = "JVM (GC, JIT, ...)";

        public JvmThreads {
            samples = List.copyOf(samples);
        }

        /** Nanoseconds on a CPU, all these threads together, over the whole timeline. */
        public long onCpu() {
            return samples.stream().mapToLong(CpuSample::onCpu).sum();
        }

        /** The lane's label: {@link #LABEL}, with the JVM when that is not the parent. */
        public String label() {
            return jvm.equals(PARENT) ? LABEL : jvm + ": " + LABEL;
        }
    }

    /**
     * Several threads' OS accounting over one sample period.
     *
     * @param start   the period's start, epoch nanoseconds on the parent's clock
     * @param end     its end
     * @param onCpu   nanoseconds on a CPU, summed over the threads (may exceed the period: several CPUs)
     * @param runnable nanoseconds waiting on a run queue, summed over the threads
     * @param threads how many threads were summed (those seen in this period)
     */
    public record CpuSample(long start, long end, long onCpu, long runnable, int threads) {

        /** Cores kept busy on average over the period: {@code onCpu / (end - start)}. */
        public double cores() {
            return end > start ? onCpu / (double) (end - start) : 0;
        }
    }

    /**
     * One CPU's lane from the kernel's scheduler trace: which thread ran on it when; what is not covered, the CPU
     * was idle (or ran a thread the trace did not attribute).
     *
     * @param cpu    the CPU's number
     * @param slices what ran, in time order, not overlapping
     */
    public record CpuLane(int cpu, List<CpuSlice> slices) {

        public CpuLane {
            slices = slices.stream().sorted(Comparator.comparingLong(CpuSlice::start)).toList();
        }
    }

    /**
     * One thread on one CPU, from being switched in to being switched out.
     *
     * @param start epoch nanoseconds on the parent's clock
     * @param end   epoch nanoseconds
     * @param pid   the process (thread group) id, -1 where the trace did not say
     * @param tid   the OS thread id (as {@code RecordedThread.getOSThreadId()} and the sampler name it)
     * @param name  the thread's name as the kernel knows it (its {@code comm}, at most 15 characters)
     */
    public record CpuSlice(long start, long end, long pid, long tid, String name) {
    }

    /**
     * How far a worker JVM's flight-recorder clock was from the parent's, measured NTP-style over the pool's own
     * pipe: the parent's event spans its probe's send and the answer, the worker stamps the probe in between; the
     * offset is {@code worker - (sent + answered) / 2}, the round trip with the least delay of those exchanged.
     *
     * @param pid      the worker JVM's process id
     * @param jvm      as {@link Lane#jvm()}
     * @param offset   nanoseconds to subtract from the worker's times to put them on the parent's clock
     * @param error    the bound on the offset's error: half that round trip, in nanoseconds
     */
    public record ClockOffset(long pid, String jvm, long offset, long error) {
    }

    /** One unit of work ({@code workbench.WorkUnit}): a cell's step, a client session, in the thread that ended it. */
    public record Unit(long pid, long tid, String kind, String label, long start, long end) {
    }

    /** One hold of a GIL model by one thread. */
    public record Hold(long pid, long tid, int gil, long switchNumber, long start, long end) {
    }

    /** One phase (submit, run, result) of one process pool task, in the JVM and thread that did it. */
    public record PoolTask(long pid, long tid, String phase, String pool, long task, int worker, long start,
            long end) {
    }

    /** This timeline with {@code more} legend lines. */
    public Timeline withNotes(List<String> more) {
        List<String> all = new ArrayList<>(notes);
        all.addAll(more);
        return new Timeline(title, start, end, cpu, workerCpu, lanes, holds, tasks, callbacks, units, all, machine);
    }

    /** This timeline with {@code cpus} as its per-CPU lanes ({@link Machine#cpus()}). */
    public Timeline withCpus(List<CpuLane> cpus) {
        return new Timeline(title, start, end, cpu, workerCpu, lanes, holds, tasks, callbacks, units, notes,
                machine.withCpus(cpus));
    }

    /** One callback an event loop ran, for the task or handle {@code owner}. */
    public record Callback(long pid, long tid, String owner, long start, long end) {
    }

    public long nanos() {
        return end - start;
    }

    /** Whether no two holds of one GIL overlap in time: the GIL model's forbidden outcome never happened. */
    public boolean gilHeldByOneAtATime() {
        for (int i = 0; i < holds.size(); i++) {
            for (int j = i + 1; j < holds.size() && holds.get(j).start() < holds.get(i).end(); j++) {
                if (holds.get(j).gil() == holds.get(i).gil()) {
                    return false;
                }
            }
        }
        return true;
    }

    /** How many times the GIL passed from one thread to another. */
    public int gilHandOffs() {
        return handOffs().size();
    }

    /** Consecutive holds of one GIL by two different threads: the hand-offs, each from one hold to the next. */
    public List<Hold[]> handOffs() {
        List<Hold[]> handOffs = new ArrayList<>();
        List<Hold> ordered = holds.stream()
                .sorted(Comparator.comparingInt(Hold::gil).thenComparingLong(Hold::switchNumber)).toList();
        for (int i = 1; i < ordered.size(); i++) {
            Hold before = ordered.get(i - 1);
            Hold after = ordered.get(i);
            if (before.gil() == after.gil() && (before.tid() != after.tid() || before.pid() != after.pid())) {
                handOffs.add(new Hold[] {before, after});
            }
        }
        return handOffs;
    }

    /**
     * The running intervals of all lanes, overlaid: {@code [sum of running time, time with at least one running,
     * most running at once]}, in nanoseconds (the last a count).
     */
    public long[] runningOverlap() {
        return overlap(State::running);
    }

    /**
     * The lanes' stretches in the states {@code in}, overlaid: {@code [their sum, time with at least one, most at
     * once]}, in nanoseconds (the last a count).
     */
    public long[] overlap(java.util.function.Predicate<State> in) {
        List<long[]> edges = new ArrayList<>();
        for (Lane lane : lanes) {
            for (Lane.Segment s : lane.segments()) {
                if (in.test(s.state()) && s.nanos() > 0) {
                    edges.add(new long[] {s.start(), 1});
                    edges.add(new long[] {s.end(), -1});
                }
            }
        }
        edges.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
        long sum = 0;
        long busy = 0;
        long most = 0;
        long count = 0;
        long last = 0;
        for (long[] e : edges) {
            if (count > 0) {
                sum += count * (e[0] - last);
                busy += e[0] - last;
            }
            count += e[1];
            most = Math.max(most, count);
            last = e[0];
        }
        return new long[] {sum, busy, most};
    }

    /** Whether {@code lane} is a thread of the parent that only moves a child's bytes (drawn folded). */
    public static boolean plumbing(Lane lane) {
        return lane.jvm().equals(PARENT) && PLUMBING.matcher(lane.name()).matches();
    }

    /** The process ids of the worker JVMs that have lanes. */
    public List<Long> workerPids() {
        return lanes.stream().filter(l -> !l.jvm().equals(PARENT)).map(Lane::pid).distinct().toList();
    }

    /**
     * The lanes' time on a CPU as the OS measured it ({@link State#ON_CPU}), overlaid: {@code [sum over lanes,
     * time with at least one on a CPU, most on a CPU at once]}, in nanoseconds (the last a count); all zero where
     * nothing was sampled.
     */
    public long[] onCpuOverlap() {
        return overlap(s -> s == State.ON_CPU);
    }

    /** The lanes of the JVM that ran the example. */
    public List<Lane> parentLanes() {
        return lanes.stream().filter(l -> l.jvm().equals(PARENT)).toList();
    }

    /** The lane of the named thread of the parent JVM, if any. */
    public Optional<Lane> lane(String name) {
        return lanes.stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /**
     * The summary printed under the picture: each line a fact read from this recording, a sum saying what it is
     * summed over, a state called by its legend's words ({@link State#label()}).
     */
    public List<String> summary(int cores) {
        List<String> lines = new ArrayList<>();
        double run = nanos() / 1e6;
        lines.add(String.format(Locale.ROOT, "%s: %.1f ms, %d lane%s", title, run, lanes.size(),
                lanes.size() == 1 ? "" : "s"));
        if (!holds.isEmpty()) {
            long waiting = lanes.stream().filter(l -> l.nanosIn(State.GIL_WAIT) > 0).count();
            String waits = waiting == 0 ? "no thread was '" + State.GIL_WAIT.label() + "'" : String.format(
                    Locale.ROOT, "'%s' %.1f ms, summed over %d thread%s, in a %.1f ms run", State.GIL_WAIT.label(),
                    lanes.stream().mapToLong(l -> l.nanosIn(State.GIL_WAIT)).sum() / 1e6, waiting,
                    waiting == 1 ? "" : "s", run);
            lines.add(String.format(Locale.ROOT, "GIL held by one thread at a time: %s; %d hand-offs; %s",
                    gilHeldByOneAtATime() ? "yes" : "NO", gilHandOffs(), waits));
        }
        List<Long> workers = workerPids();
        if (cpu >= 0 && nanos() > 0 && (workers.isEmpty() || workerCpu >= 0)) {
            lines.add(String.format(Locale.ROOT, "CPU busy: %.1f of %d cores on average over the %.1f ms run (%s)",
                    (cpu + Math.max(0, workerCpu)) / (double) nanos(), cores, run, workers.isEmpty()
                    ? "the parent JVM's process CPU time, all its threads, GC and JIT included"
                    : "process CPU time as each JVM reports it: the parent's and its " + workers.size()
                    + " worker JVMs', theirs from their start to their last task's end"));
        } else if (cpu >= 0 && nanos() > 0) {
            lines.add(String.format(Locale.ROOT, "CPU busy: %.1f of %d cores at least, the parent JVM's alone: a"
                    + " worker JVM did not report its CPU time", cpu / (double) nanos(), cores));
        }
        long[] overlap = runningOverlap();
        if (overlap[1] > 0) {
            lines.add(String.format(Locale.ROOT, "threads running or runnable at once (%s): %.1f on average while"
                    + " any was, at most %d", runningStates(), overlap[0] / (double) overlap[1], overlap[2]));
        }
        long[] onCpu = onCpuOverlap();
        if (onCpu[1] > 0) {
            lines.add(String.format(Locale.ROOT, "threads '%s' at once: %.1f on average while any was, at most %d"
                    + " (the OS's schedstat, read every %.0f ms)%s", State.ON_CPU.label(), onCpu[0] / (double) onCpu[1],
                    onCpu[2], machine.samplePeriod() / 1e6, onCpu[2] <= cores ? "" : String.format(Locale.ROOT,
                    "; more than the %d cores: on-CPU time that fit under them in no period near its own is drawn"
                    + " where the fewest were (see the notes)", cores)));
        }
        for (JvmThreads jvm : machine.jvmThreads()) {
            lines.add(String.format(Locale.ROOT, "%s: %.2f cores on average over the run ('%s', summed over the"
                    + " JVM's threads that have no lane)", jvm.label(), jvm.onCpu() / (double) Math.max(1, nanos()),
                    State.ON_CPU.label()));
        }
        if (!lanes.isEmpty()) {
            Lane caller = lanes.get(0);
            long blocked = caller.segments().stream().filter(s -> s.state().blocked()).mapToLong(Lane.Segment::nanos)
                    .sum();
            lines.add(String.format(Locale.ROOT, "%s (ran the example) blocked %.1f ms of its %.1f, longest %.1f ms",
                    caller.name(), blocked / 1e6, caller.lifetime() / 1e6, caller.longestBlocked() / 1e6));
        }
        lanes.stream().filter(l -> l.longestBlocked() > 0 && !plumbing(l))
                .max(Comparator.comparingLong(Lane::longestBlocked))
                .ifPresent(l -> lines.add(String.format(Locale.ROOT, "longest blocked stretch: %.1f ms (%s)",
                        l.longestBlocked() / 1e6, l.label())));
        long runs = tasks.stream().filter(t -> t.phase().equals("run")).count();
        if (runs > 0) {
            lines.add(String.format(Locale.ROOT, "process pool: %d tasks ran in %d worker JVMs", runs,
                    tasks.stream().filter(t -> t.phase().equals("run")).map(PoolTask::pid).distinct().count()));
        }
        java.util.Map<String, Long> kinds = new java.util.TreeMap<>();
        units.forEach(u -> kinds.merge(u.kind(), 1L, Long::sum));
        kinds.forEach((kind, count) -> {
            long threads = units.stream().filter(u -> u.kind().equals(kind)).map(u -> u.pid() + "/" + u.tid())
                    .distinct().count();
            lines.add(String.format(Locale.ROOT, "units of work: %d %s%s, on %d thread%s", count, kind,
                    count == 1 ? "" : "s", threads, threads == 1 ? "" : "s"));
        });
        return lines;
    }

    /** The states counted as running or runnable in this timeline, by their legend's words. */
    private String runningStates() {
        return String.join(", ", lanes.stream().flatMap(l -> l.segments().stream()).map(Lane.Segment::state)
                .filter(State::running).distinct().sorted().map(State::label).toList());
    }
}
