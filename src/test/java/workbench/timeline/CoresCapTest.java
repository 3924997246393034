package workbench.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The layout of measured on-CPU time never draws more lanes on a CPU at once than the machine has cores, though
 * the readings of single periods add up to more (the sampler reads each thread at a slightly different instant),
 * and each lane keeps exactly its measured total.
 */
class CoresCapTest {

    private static final long MS = 1_000_000;
    private static final long T0 = 1_000_000_000_000L;
    private static final int ROUNDS = 10;

    /**
     * Four threads over ten 10 ms periods on 2 cores: each read 5.5 ms on a CPU in the even periods (22 ms
     * together: 2 ms over the cores' 20) and 3.5 ms in the odd ones, and 1 ms waiting for a CPU in each; over the
     * run 180 ms of the cores' 200. Lanes: {@code lanes} of the split, each unrecorded from start to end, but for
     * lane 2 a recorded park of 3 ms in the middle of each period (its free time fragmented).
     */
    private static List<Lane> lanes(int cores, SchedSplit[] split) {
        return lanes(cores, split, false);
    }

    /** As {@link #lanes(int, SchedSplit[])}, {@code twoJvms}: threads 101-102 in one JVM, 103-104 in another. */
    private static List<Lane> lanes(int cores, SchedSplit[] split, boolean twoJvms) {
        List<long[]> rounds = new ArrayList<>();
        Map<Long, TreeMap<Long, long[]>> samples = new HashMap<>();
        for (long r = 0; r < ROUNDS; r++) {
            rounds.add(new long[] {r, T0 + r * 10 * MS, T0 + (r + 1) * 10 * MS});
            TreeMap<Long, long[]> round = new TreeMap<>();
            for (long tid = 101; tid <= 104; tid++) {
                long jitter = (r + tid) % 3 * 100_000; // each thread read a little apart
                round.put(tid, new long[] {(r % 2 == 0 ? 5_500_000 : 3_500_000) + (r % 2 == 0 ? jitter : -jitter), MS});
            }
            samples.put(r, round);
        }
        SchedSplit.Occupancy machine = new SchedSplit.Occupancy();
        split[0] = SchedSplit.of(10 * MS, cores, machine, rounds, samples);
        if (twoJvms) {
            Map<Long, TreeMap<Long, long[]>> first = new HashMap<>();
            Map<Long, TreeMap<Long, long[]>> second = new HashMap<>();
            samples.forEach((r, round) -> {
                first.put(r, new TreeMap<>(round.headMap(103L)));
                second.put(r, new TreeMap<>(round.tailMap(103L)));
            });
            split[0] = SchedSplit.of(10 * MS, cores, machine, rounds, first);
            split[1] = SchedSplit.of(10 * MS, cores, machine, rounds, second);
        }
        List<Lane> lanes = new ArrayList<>();
        for (long tid = 101; tid <= 104; tid++) {
            SchedSplit jvm = twoJvms && tid >= 103 ? split[1] : split[0];
            Set<Long> tids = !twoJvms ? Set.of(101L, 102L, 103L, 104L) : tid >= 103 ? Set.of(103L, 104L)
                    : Set.of(101L, 102L);
            List<long[]> recorded = new ArrayList<>();
            if (tid == 102) {
                for (long r = 0; r < ROUNDS; r++) {
                    recorded.add(new long[] {T0 + r * 10 * MS + 4 * MS, T0 + r * 10 * MS + 7 * MS,
                            State.PARK.ordinal()});
                }
            }
            long end = T0 + ROUNDS * 10 * MS;
            List<Lane.Segment> segments = TimelineReader.partition(T0, end, recorded);
            lanes.add(new Lane(twoJvms && tid >= 103 ? 2 : 1, twoJvms && tid >= 103 ? "worker 1" : Timeline.PARENT,
                    tid, "t" + tid, false, T0, end, jvm.split(tid, tids, segments, Long.MAX_VALUE), tid));
        }
        return lanes;
    }

    private static long measured(long tid) {
        long total = 0;
        for (long r = 0; r < ROUNDS; r++) {
            long jitter = (r + tid) % 3 * 100_000;
            total += (r % 2 == 0 ? 5_500_000 : 3_500_000) + (r % 2 == 0 ? jitter : -jitter);
        }
        return total;
    }

    @Test
    void neverMoreLanesOnACpuThanCoresAndEachLaneKeepsItsMeasuredTotal() {
        SchedSplit[] split = new SchedSplit[1];
        List<Lane> lanes = lanes(2, split);
        Timeline timeline = new Timeline("cap", T0, T0 + ROUNDS * 10 * MS, -1, 0, lanes, List.of(), List.of(),
                List.of(), List.of(), List.of());
        TimelineTest.assertStatesSumToLifetimes(timeline);
        assertTrue(timeline.onCpuOverlap()[2] <= 2, "lanes on a CPU at once: " + timeline.onCpuOverlap()[2]);
        for (Lane lane : lanes) {
            assertEquals(measured(lane.osTid()), lane.nanosIn(State.ON_CPU), lane.name() + "'s on-CPU total");
            assertEquals(ROUNDS * MS, lane.nanosIn(State.RUNNABLE), lane.name() + "'s runnable total");
        }
        assertEquals(0, split[0].overCap(), "all of it fit under the cores somewhere");
        assertTrue(split[0].overCapNote("parent").isEmpty());
    }

    /** With a cap per JVM instead, these two JVMs' four lanes were drawn on a CPU at once on 2 cores. */
    @Test
    void theCoresAreSharedByTheJvmsOfOneMachine() {
        SchedSplit[] split = new SchedSplit[2];
        List<Lane> lanes = lanes(2, split, true);
        Timeline timeline = new Timeline("two JVMs", T0, T0 + ROUNDS * 10 * MS, -1, 0, lanes, List.of(), List.of(),
                List.of(), List.of(), List.of());
        assertTrue(timeline.onCpuOverlap()[2] <= 2, "lanes of both JVMs on a CPU at once: "
                + timeline.onCpuOverlap()[2]);
        for (Lane lane : lanes) {
            assertEquals(measured(lane.osTid()), lane.nanosIn(State.ON_CPU), lane.name() + "'s on-CPU total");
        }
        assertEquals(0, split[0].overCap() + split[1].overCap());
    }

    @Test
    void withoutTheCapTheSamePeriodsDrawMoreThanTheCores() {
        SchedSplit[] split = new SchedSplit[1];
        List<Lane> lanes = lanes(0, split); // cores unknown: no cap, as before the cap
        Timeline timeline = new Timeline("uncapped", T0, T0 + ROUNDS * 10 * MS, -1, 0, lanes, List.of(), List.of(),
                List.of(), List.of(), List.of());
        assertTrue(timeline.onCpuOverlap()[2] > 2, "the jitter the cap absorbs: " + timeline.onCpuOverlap()[2]);
        for (Lane lane : lanes) {
            assertEquals(measured(lane.osTid()), lane.nanosIn(State.ON_CPU), lane.name());
        }
    }

    @Test
    void whatFitsUnderTheCoresNowhereIsDrawnOverThemAndSaidSo() {
        SchedSplit[] split = new SchedSplit[1];
        List<Lane> lanes = lanes(1, split); // 180 ms of on-CPU time cannot fit under one core's 100
        for (Lane lane : lanes) {
            assertEquals(measured(lane.osTid()), lane.nanosIn(State.ON_CPU), lane.name() + " keeps its total");
        }
        long total = lanes.stream().mapToLong(l -> l.nanosIn(State.ON_CPU)).sum();
        assertTrue(split[0].overCap() >= total - ROUNDS * 10 * MS, "at least the excess over one core: "
                + split[0].overCap());
        assertTrue(split[0].overCapNote("parent").isPresent());
    }
}
