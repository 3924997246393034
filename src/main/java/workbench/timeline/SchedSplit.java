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
 * One JVM's scheduler samples ({@code workbench.SchedRound}, {@code workbench.ThreadSchedSample}, from
 * {@code workbench.recording.SchedSampler}) and what the reader makes of them: the split of a lane's unrecorded
 * time into {@link State#ON_CPU}, {@link State#RUNNABLE} and {@link State#OFF_CPU}, and the sum of the threads that
 * have no lane ({@link Timeline.JvmThreads}).
 *
 * <p><b>The rule.</b> In each sample period a thread's measured on-CPU time {@code c} and run-queue time {@code q}
 * are laid over the part of the period that no recorded event covers ({@code F} nanoseconds, the lane's
 * {@link State#NOT_MEASURED} stretches there): {@code min(c, F)} on a CPU, then {@code min(q, F - c)} runnable, the
 * rest off CPU, so a period's shares are exact and only their place within it is laid out. The kernel counts a
 * run-queue wait when it ends, so what does not fit in its period is carried back into the free time of the
 * periods before it. The on-CPU time goes
 * where the fewest of the JVM's lanes are already drawn on a CPU (the period cut into {@link #SLOTS} slots; ties
 * broken from where the threads before it in tid order ended, wrapping: McNaughton's wrap-around schedule), so
 * that where the threads' on-CPU times add up to at most {@code k} periods the drawing shows about {@code k}
 * threads on a CPU at once, as the machine could not have more (a thread's recorded waits can force a slot over,
 * and a slot taken in part counts as taken). The runnable time, then the off-CPU rest, fill what is left in time
 * order. Time no period measured stays {@link State#NOT_MEASURED}: before the first round and after the last, the
 * part of a thread's life after the last round that read it (a thread that ended is not read again, and a thread
 * that began and ended between two reads is not measured at all: the sampler may wait for a CPU itself).
 */
final class SchedSplit {

    /** One period: a round of the sampler. */
    private record Round(long round, long start, long end) {
    }

    /** How many slots a round is cut into to lay its lanes' on-CPU time out (100 µs each at 10 ms). */
    static final int SLOTS = 100;

    /** Per round, how many lanes were laid out on a CPU in each slot so far. */
    private final Map<Long, int[]> occupancy = new HashMap<>();

    /** The nominal period in nanoseconds; 0 if this JVM was not sampled. */
    final long period;
    /** The sampler's own CPU over all rounds, in nanoseconds. */
    final long samplerCpu;
    private final List<Round> rounds;
    /** round -> tid -> {on CPU, run queue}; tids in order (for the wrap-around layout). */
    private final Map<Long, TreeMap<Long, long[]>> samples;
    /** The tids with at least one sample: read by the sampler at least once. */
    private final Set<Long> seen = new java.util.HashSet<>();

    private SchedSplit(long period, long samplerCpu, List<Round> rounds, Map<Long, TreeMap<Long, long[]>> samples) {
        this.period = period;
        this.samplerCpu = samplerCpu;
        this.rounds = rounds;
        this.samples = samples;
        samples.values().forEach(round -> seen.addAll(round.keySet()));
    }

    /** The samples among {@code events}, their times moved back by {@code shift} (a worker's clock offset). */
    static SchedSplit of(List<RecordedEvent> events, long shift) {
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
        return new SchedSplit(period, samplerCpu, rounds, samples);
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
        for (int i = 0; i < laid.size(); i++) {
            layOut(laid.get(i), osTid, laneTids, filler, out, shares[i][0], shares[i][1]);
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
     * Adds {@code round}'s part of the lane's unrecorded time ({@code filler}), each piece in its laid-out state:
     * the thread's {@code c} nanoseconds on a CPU go into the round's {@link #SLOTS} slots where the fewest lanes
     * of this JVM are already on a CPU (ties: in time order from the thread's place in the wrap-around schedule);
     * then, in time order, {@code q} runnable and the rest off CPU.
     */
    private void layOut(Round round, long osTid, Set<Long> laneTids, List<long[]> filler, List<Lane.Segment> out,
            long onCpu, long runnable) {
        long length = round.end() - round.start();
        if (length <= 0) {
            return;
        }
        long[] free = new long[SLOTS];
        List<long[]> pieces = new ArrayList<>(); // {from, to, slot}, cut at the slots' bounds, in time order
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
        long total = 0;
        for (long f : free) {
            total += f;
        }
        if (total == 0) {
            return;
        }
        TreeMap<Long, long[]> inRound = samples.getOrDefault(round.round(), new TreeMap<>());
        long before = 0;
        for (Map.Entry<Long, long[]> e : inRound.headMap(osTid).entrySet()) {
            if (laneTids.contains(e.getKey())) {
                before += e.getValue()[0];
            }
        }
        int pivot = (int) (before % length * SLOTS / length);
        int[] busy = occupancy.computeIfAbsent(round.round(), k -> new int[SLOTS]);
        List<Integer> order = new ArrayList<>();
        for (int slot = 0; slot < SLOTS; slot++) {
            if (free[slot] > 0) {
                order.add(slot);
            }
        }
        order.sort(Comparator.<Integer>comparingInt(slot -> busy[slot])
                .thenComparingInt(slot -> Math.floorMod(slot - pivot, SLOTS)));
        long[] take = new long[SLOTS];
        long left = onCpu;
        for (int slot : order) {
            if (left == 0) {
                break;
            }
            take[slot] = Math.min(free[slot], left);
            left -= take[slot];
            busy[slot]++;
        }
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
