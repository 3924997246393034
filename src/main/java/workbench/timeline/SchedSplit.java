package workbench.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;

/**
 * One JVM's scheduler samples ({@code workbench.SchedRound}, {@code workbench.ThreadSchedSample}, from {@code
 * workbench.recording.SchedSampler}) and what the reader makes of them: the split of a lane's unrecorded time into
 * {@link State#ON_CPU}, {@link State#RUNNABLE} and {@link State#OFF_CPU}, and the sum of the threads that have no lane
 * ({@link Timeline.JvmThreads}).
 *
 * <p><b>The rule.</b> In each sample period a thread's measured on-CPU time {@code c} and run-queue time {@code q} are
 * laid over the part of the period that no recorded event covers ({@code F} nanoseconds, the lane's {@link
 * State#NOT_MEASURED} stretches there): {@code min(c, F)} on a CPU, then {@code min(q, F - c)} runnable, the rest off
 * CPU, so a period's shares are exact and only their place within it is laid out. The kernel counts a run-queue wait
 * when it ends, so what does not fit in its period is carried back into the free time of the periods before it. The
 * on-CPU time goes where the fewest of the JVM's lanes are already drawn on a CPU (the period cut into {@link #SLOTS}
 * slots; ties broken from where the threads before it in tid order ended, wrapping: McNaughton's wrap-around
 * schedule), so that where the threads' on-CPU times add up to at most {@code k} periods the drawing shows about
 * {@code k} threads on a CPU at once. Never more than the machine's {@link #cores}, the lanes of all its JVMs together
 * ({@link Occupancy}; a slot taken in part counts as taken): the sampler reads each thread at a slightly different
 * instant, so one reading can hold time of the next period and a period's sums exceed the cores; what does not fit
 * under them in its period goes to the nearest periods of the same lane with room (next, then previous, then further),
 * keeping each thread's total; only what fits nowhere is laid where the fewest are, over the cap ({@link #overCapNote}
 * says how much). The runnable time, then the off-CPU rest, fill what is left in time order. Time no period measured
 * stays {@link State#NOT_MEASURED}: before the first round and after the last, the part of a thread's life after the
 * last round that read it (a thread that ended is not read again, and a thread that began and ended between two reads
 * is not measured at all: the sampler may wait for a CPU itself).
 */
final class SchedSplit {

    /** One period: a round of the sampler. */
    private record Round(long round, long start, long end) {
    }

    /** How many slots a round is cut into to lay its lanes' on-CPU time out (100 µs each at 10 ms). */
    static final int SLOTS = 100;

    /** How many lanes are laid out on a CPU when, so far: shared by the JVMs of one machine. */
    private final Occupancy occupancy;

    /**
     * How many lanes (of every JVM read into one timeline) are laid out on a CPU at each instant: a step function
     * on the time axis; a slot a lane takes counts as taken over its whole length.
     */
    static final class Occupancy {
        /** From each key until the next, that many lanes. */
        private final TreeMap<Long, Integer> steps = new TreeMap<>(Map.of(Long.MIN_VALUE, 0));

        /** The most lanes on a CPU at once within {@code [from, to)}. */
        int most(long from, long to) {
            int most = steps.floorEntry(from).getValue();
            for (int n : steps.subMap(from, false, to, false).values()) {
                most = Math.max(most, n);
            }
            return most;
        }

        /** One more lane on a CPU over {@code [from, to)}. */
        void take(long from, long to) {
            steps.putIfAbsent(from, steps.floorEntry(from).getValue());
            steps.putIfAbsent(to, steps.floorEntry(to).getValue());
            for (Map.Entry<Long, Integer> e : steps.subMap(from, true, to, false).entrySet()) {
                e.setValue(e.getValue() + 1);
            }
        }
    }

    /** The nominal period in nanoseconds; 0 if this JVM was not sampled. */
    final long period;
    /** At most this many of this JVM's lanes are laid out on a CPU at once (the machine's cores; 0: no cap). */
    final int cores;
    /** On-CPU time that fit under {@link #cores} in no period of its lane, laid out over the cap, in nanoseconds. */
    private long overCap;
    /** The most lanes on a CPU in one slot that laying out over the cap made. */
    private int mostOverCap;
    /** The sampler's own CPU over all rounds, in nanoseconds. */
    final long samplerCpu;
    private final List<Round> rounds;
    /** round -> tid -> {on CPU, run queue}; tids in order (for the wrap-around layout). */
    private final Map<Long, TreeMap<Long, long[]>> samples;
    /** The tids with at least one sample: read by the sampler at least once. */
    private final Set<Long> seen = new java.util.HashSet<>();

    private SchedSplit(long period, int cores, Occupancy occupancy, long samplerCpu, List<Round> rounds,
            Map<Long, TreeMap<Long, long[]>> samples) {
        this.period = period;
        this.cores = cores;
        this.occupancy = occupancy;
        this.samplerCpu = samplerCpu;
        this.rounds = rounds;
        this.samples = samples;
        samples.values().forEach(round -> seen.addAll(round.keySet()));
    }

    /**
     * The samples among {@code events}, their times moved back by {@code shift} (a worker's clock offset), laid out
     * with at most {@code cores} lanes on a CPU at once, counting those already laid out in {@code occupancy} (the
     * other JVMs' of the machine), where the readings allow it.
     */
    static SchedSplit of(List<RecordedEvent> events, long shift, int cores, Occupancy occupancy) {
        long period = 0;
        long samplerCpu = 0;
        List<Round> rounds = new ArrayList<>();
        Map<Long, TreeMap<Long, long[]>> samples = new HashMap<>();
        for (RecordedEvent e : events) {
            switch (e.getEventType().getName()) {
                case "workbench.SchedRound" -> {
                    rounds.add(new Round(e.getLong("round"), TimelineReader.nanos(e.getStartTime()) - shift,
                            TimelineReader.nanos(e.getEndTime()) - shift));
                    period = e.getLong("period");
                    samplerCpu += e.getLong("samplerCpu");
                }
                case "workbench.ThreadSchedSample" -> samples.computeIfAbsent(e.getLong("round"), k -> new TreeMap<>())
                        .put(e.getLong("osThreadId"), new long[] {e.getLong("onCpu"), e.getLong("runQueue")});
                default -> {
                }
            }
        }
        rounds.sort(Comparator.comparingLong(Round::round));
        // Consecutive rounds are contiguous by construction (each begins as the last one is committed): close the
        // microseconds between one's commit and the next one's begin.
        for (int i = 1; i < rounds.size(); i++) {
            Round before = rounds.get(i - 1);
            Round round = rounds.get(i);
            if (round.round() == before.round() + 1 && round.start() > before.end()) {
                rounds.set(i, new Round(round.round(), before.end(), round.end()));
            }
        }
        return new SchedSplit(period, cores, occupancy, samplerCpu, rounds, samples);
    }

    /**
     * Samples given directly: {@code rounds} as {@code {round, start, end}}, {@code samples} as round -> OS thread
     * id -> {on CPU, run queue} nanoseconds (as the sampler's events carry them).
     */
    static SchedSplit of(long period, int cores, Occupancy occupancy, List<long[]> rounds,
            Map<Long, TreeMap<Long, long[]>> samples) {
        return new SchedSplit(period, cores, occupancy, 0, rounds.stream().map(r -> new Round(r[0], r[1], r[2]))
                .toList(), samples);
    }

    /** Nanoseconds of on-CPU time laid out over the cap ({@link #cores}): they fit under it nowhere near. */
    long overCap() {
        return overCap;
    }

    /** The legend line saying how much on-CPU time had to be drawn over the cores, if any. */
    java.util.Optional<String> overCapNote(String jvm) {
        if (overCap == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(String.format(Locale.ROOT, "%s: %.3f ms of the threads' measured on-CPU time fit"
                + " under the %d cores in no sample period of its thread: drawn where the fewest were, so up to %d"
                + " lanes may show on a CPU at once there (a thread's readings of neighbouring periods overlap)", jvm,
                overCap / 1e6, cores, mostOverCap));
    }

    boolean sampled() {
        return !rounds.isEmpty();
    }

    /**
     * {@code segments} (a lane's, from {@link TimelineReader#partition}) with their {@link State#NOT_MEASURED}
     * stretches split by thread {@code osTid}'s samples; {@code laneTids} are the tids that have lanes (their
     * order sets the wrap-around layout). A tid below 0 (a virtual thread) is left as it is.
     */
    List<Lane.Segment> split(long osTid, Set<Long> laneTids, List<Lane.Segment> segments, long endedAt) {
        if (osTid < 0 || rounds.isEmpty() || segments.isEmpty() || !seen.contains(osTid)) {
            return segments; // never read by the sampler (it began and ended within one period): not measured
        }
        List<Lane.Segment> out = new ArrayList<>();
        List<long[]> filler = new ArrayList<>();
        for (Lane.Segment s : segments) {
            if (s.state() == State.NOT_MEASURED) {
                filler.add(new long[] {s.start(), s.end()});
            } else {
                out.add(s);
            }
        }
        long laneStart = segments.get(0).start();
        long laneEnd = segments.get(segments.size() - 1).end();
        List<Round> laid = new ArrayList<>();
        for (Round round : rounds) {
            // A thread that ended before a round's reads was not read in it: that last part is not measured.
            if (round.end() > laneStart && round.start() < laneEnd && round.end() <= endedAt) {
                laid.add(round);
            }
        }
        // The kernel adds a wait on the run queue to the count when the wait ends (the thread gets a CPU), so a
        // round's run-queue time can belong to rounds before it: what does not fit in its round's free time is
        // carried back into the free time of the rounds before (on-CPU time likewise, should it not fit).
        long[][] shares = new long[laid.size()][];
        long carryCpu = 0;
        long carryQueue = 0;
        for (int i = laid.size() - 1; i >= 0; i--) {
            Round round = laid.get(i);
            long free = fillerIn(round, filler);
            long[] own = samples.getOrDefault(round.round(), new TreeMap<>()).getOrDefault(osTid, new long[2]);
            long onCpu = Math.min(free, own[0] + carryCpu);
            carryCpu = own[0] + carryCpu - onCpu;
            long runnable = Math.min(free - onCpu, own[1] + carryQueue);
            carryQueue = own[1] + carryQueue - runnable;
            shares[i] = new long[] {onCpu, runnable};
        }
        long[][] takes = new long[laid.size()][SLOTS];
        long[] placed = new long[laid.size()];
        long[] left = new long[laid.size()];
        for (int i = 0; i < laid.size(); i++) { // each period's own on-CPU time, under the cap
            placed[i] = place(laid.get(i), osTid, laneTids, filler, takes[i], shares[i][0], true);
            left[i] = shares[i][0] - placed[i];
        }
        // What did not fit under the cap goes to the nearest periods of this lane with room: next, then previous,
        // then further out; what fits nowhere, into its own period where the fewest lanes are.
        for (int i = 0; i < laid.size(); i++) {
            for (int d = 1; left[i] > 0 && d < laid.size(); d++) {
                for (int j : new int[] {i + d, i - d}) {
                    if (left[i] > 0 && j >= 0 && j < laid.size()) {
                        long more = place(laid.get(j), osTid, laneTids, filler, takes[j], left[i], true);
                        placed[j] += more;
                        left[i] -= more;
                    }
                }
            }
            for (int d = 0; left[i] > 0 && d < laid.size(); d++) { // over the cap: its own period first
                for (int j : d == 0 ? new int[] {i} : new int[] {i + d, i - d}) {
                    if (left[i] > 0 && j >= 0 && j < laid.size()) {
                        long more = place(laid.get(j), osTid, laneTids, filler, takes[j], left[i], false);
                        placed[j] += more;
                        overCap += more;
                        left[i] -= more;
                    }
                }
            }
        }
        // The runnable time where the on-CPU time left room, carried back as the kernel counts it (then forward).
        long[] runnable = new long[laid.size()];
        long carry = 0;
        for (int i = laid.size() - 1; i >= 0; i--) {
            long room = Math.max(0, fillerIn(laid.get(i), filler) - placed[i]);
            runnable[i] = Math.min(room, shares[i][1] + carry);
            carry = shares[i][1] + carry - runnable[i];
        }
        for (int i = 0; i < laid.size() && carry > 0; i++) {
            long more = Math.min(carry, Math.max(0, fillerIn(laid.get(i), filler) - placed[i] - runnable[i]));
            runnable[i] += more;
            carry -= more;
        }
        for (int i = 0; i < laid.size(); i++) {
            layOut(laid.get(i), filler, out, takes[i], runnable[i]);
        }
        // What no round measured stays not measured (before the first round, after the last, a thread's end).
        for (long[] piece : filler) {
            long at = piece[0];
            for (Round round : laid) {
                if (round.end() <= at || round.start() >= piece[1]) {
                    continue;
                }
                if (round.start() > at) {
                    out.add(new Lane.Segment(at, round.start(), State.NOT_MEASURED));
                }
                at = Math.max(at, round.end());
            }
            if (at < piece[1]) {
                out.add(new Lane.Segment(at, piece[1], State.NOT_MEASURED));
            }
        }
        out.sort(Comparator.comparingLong(Lane.Segment::start));
        return merge(out);
    }

    /**
     * The lane's unrecorded time ({@code filler}) in each of {@code round}'s {@link #SLOTS} slots, and its pieces cut
     * at the slots' bounds, in time order, as {@code {from, to, slot}} (the last array of the list holds the free
     * nanoseconds per slot).
     */
    private static List<long[]> slots(Round round, List<long[]> filler) {
        long length = round.end() - round.start();
        long[] free = new long[SLOTS];
        List<long[]> pieces = new ArrayList<>();
        for (long[] f : filler) {
            long a = Math.max(f[0], round.start());
            long b = Math.min(f[1], round.end());
            while (a < b) {
                int slot = (int) Math.min(SLOTS - 1, (a - round.start()) * SLOTS / length);
                long slotEnd = round.start() + length * (slot + 1) / SLOTS;
                long to = Math.min(b, Math.max(slotEnd, a + 1));
                pieces.add(new long[] {a, to, slot});
                free[slot] += to - a;
                a = to;
            }
        }
        pieces.add(free);
        return pieces;
    }

    /**
     * Takes up to {@code onCpu} more nanoseconds of {@code round}'s unrecorded time on a CPU for thread
     * {@code osTid} into {@code takes} (per slot): first the slots it already holds, then those where the fewest
     * lanes of this JVM are on a CPU (ties: in time order from the thread's place in the wrap-around schedule);
     * {@code capped}, no slot that already holds {@link #cores} lanes. Returns the nanoseconds taken.
     */
    private long place(Round round, long osTid, Set<Long> laneTids, List<long[]> filler, long[] takes, long onCpu,
            boolean capped) {
        long length = round.end() - round.start();
        if (length <= 0 || onCpu <= 0) {
            return 0;
        }
        List<long[]> pieces = slots(round, filler);
        long[] free = pieces.get(pieces.size() - 1);
        TreeMap<Long, long[]> inRound = samples.getOrDefault(round.round(), new TreeMap<>());
        long before = 0;
        for (Map.Entry<Long, long[]> e : inRound.headMap(osTid).entrySet()) {
            if (laneTids.contains(e.getKey())) {
                before += e.getValue()[0];
            }
        }
        int pivot = (int) (before % length * SLOTS / length);
        int[] busy = new int[SLOTS];
        long[] bounds = new long[SLOTS + 1];
        for (int slot = 0; slot <= SLOTS; slot++) {
            bounds[slot] = round.start() + length * slot / SLOTS;
        }
        for (int slot = 0; slot < SLOTS; slot++) {
            busy[slot] = free[slot] > takes[slot] ? occupancy.most(bounds[slot], bounds[slot + 1]) : 0;
        }
        List<Integer> order = new ArrayList<>();
        for (int slot = 0; slot < SLOTS; slot++) {
            if (free[slot] > takes[slot]) {
                order.add(slot);
            }
        }
        order.sort(Comparator.<Integer>comparingInt(slot -> takes[slot] > 0 ? 0 : 1)
                .thenComparingInt(slot -> busy[slot]).thenComparingInt(slot -> Math.floorMod(slot - pivot, SLOTS)));
        long left = onCpu;
        for (int slot : order) {
            if (left == 0) {
                break;
            }
            if (takes[slot] == 0) {
                if (capped && cores > 0 && busy[slot] >= cores) {
                    continue;
                }
                occupancy.take(bounds[slot], bounds[slot + 1]);
                busy[slot] = occupancy.most(bounds[slot], bounds[slot + 1]);
                if (cores > 0 && busy[slot] > cores) {
                    mostOverCap = Math.max(mostOverCap, busy[slot]);
                }
            }
            long take = Math.min(free[slot] - takes[slot], left);
            takes[slot] += take;
            left -= take;
        }
        return onCpu - left;
    }

    /**
     * Adds {@code round}'s part of the lane's unrecorded time ({@code filler}), each piece in its laid-out state:
     * on a CPU where {@code takes} says (per slot, at the start of the slot's free time), then, in time order,
     * {@code runnable} nanoseconds runnable and the rest off CPU.
     */
    private static void layOut(Round round, List<long[]> filler, List<Lane.Segment> out, long[] takes,
            long runnable) {
        if (round.end() <= round.start()) {
            return;
        }
        List<long[]> pieces = slots(round, filler);
        pieces.remove(pieces.size() - 1);
        long[] take = takes.clone();
        long[] budgets = {runnable, Long.MAX_VALUE};
        State[] states = {State.RUNNABLE, State.OFF_CPU};
        int k = 0;
        for (long[] piece : pieces) {
            int slot = (int) piece[2];
            long at = piece[0];
            long cpu = Math.min(take[slot], piece[1] - at);
            if (cpu > 0) {
                out.add(new Lane.Segment(at, at + cpu, State.ON_CPU));
                take[slot] -= cpu;
                at += cpu;
            }
            while (at < piece[1]) {
                while (budgets[k] == 0) {
                    k++;
                }
                long part = Math.min(piece[1] - at, budgets[k]);
                out.add(new Lane.Segment(at, at + part, states[k]));
                budgets[k] -= part;
                at += part;
            }
        }
    }

    /** How much of {@code filler} lies in {@code round}. */
    private static long fillerIn(Round round, List<long[]> filler) {
        long total = 0;
        for (long[] f : filler) {
            total += Math.max(0, Math.min(f[1], round.end()) - Math.max(f[0], round.start()));
        }
        return total;
    }

    /** Adjacent segments of one state (and call) joined. */
    private static List<Lane.Segment> merge(List<Lane.Segment> pieces) {
        List<Lane.Segment> merged = new ArrayList<>();
        for (Lane.Segment s : pieces) {
            if (s.nanos() <= 0) {
                continue;
            }
            if (!merged.isEmpty()) {
                Lane.Segment last = merged.get(merged.size() - 1);
                if (last.state() == s.state() && java.util.Objects.equals(last.call(), s.call())
                        && last.end() == s.start()) {
                    merged.set(merged.size() - 1, new Lane.Segment(last.start(), s.end(), s.state(), s.call()));
                    continue;
                }
            }
            merged.add(s);
        }
        return merged;
    }

    /**
     * The threads of this JVM that have no lane (not in {@code laneTids}), summed per round, the rounds clipped
     * to {@code [start, end)} (a clipped round's sums scaled to the part kept).
     */
    Timeline.JvmThreads others(long pid, String jvm, Set<Long> laneTids, long start, long end) {
        List<Timeline.CpuSample> out = new ArrayList<>();
        for (Round round : rounds) {
            long a = Math.max(start, round.start());
            long b = Math.min(end, round.end());
            if (b <= a) {
                continue;
            }
            long onCpu = 0;
            long runnable = 0;
            int threads = 0;
            for (Map.Entry<Long, long[]> e : samples.getOrDefault(round.round(), new TreeMap<>()).entrySet()) {
                if (!laneTids.contains(e.getKey())) {
                    onCpu += e.getValue()[0];
                    runnable += e.getValue()[1];
                    threads++;
                }
            }
            double kept = (b - a) / (double) Math.max(1, round.end() - round.start());
            out.add(new Timeline.CpuSample(a, b, Math.round(onCpu * kept), Math.round(runnable * kept), threads));
        }
        return new Timeline.JvmThreads(pid, jvm, out);
    }

    /** The legend line saying the resolution and the sampler's own cost, or that nothing was sampled. */
    String note(String jvm) {
        if (!sampled()) {
            return jvm + ": no scheduler samples (no /proc/self/task/<tid>/schedstat, or the sampler was off):"
                    + " unrecorded time is 'not measured here', on a CPU or runnable, unknown which";
        }
        return String.format(Locale.ROOT, "%s: on a CPU / waiting for a CPU / off CPU measured by sampling each"
                + " thread's schedstat every %.0f ms (within a period only the shares are known, their place is"
                + " laid out); the sampler used %.2f%% of one core", jvm, period / 1e6,
                100.0 * samplerCpu / Math.max(1, rounds.get(rounds.size() - 1).end() - rounds.get(0).start()));
    }
}
