package workbench.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import workbench.examples.Example;
import workbench.item53.Item53;
import workbench.recording.SchedSampler;
import workbench.testing.NoLeaks;

/**
 * The split of a lane's unrecorded time by the OS scheduler's samples: on Java threads the lanes never show more
 * threads on a CPU than there are cores (within a stated sampling tolerance); every lane still sums to its
 * lifetime; with the sampler off nothing is drawn as running, only as not measured.
 */
class SchedSamplingTest {

    @TempDir
    Path dir;

    private Timeline record(Example.Task body, Duration period) throws Throwable {
        Path jfr = dir.resolve("run.jfr");
        TimelineRecorder.Recorded recorded = NoLeaks.check(() -> TimelineRecorder.record("sched", jfr, body,
                period));
        return TimelineReader.read(jfr, recorded.workers());
    }

    /**
     * Item 53's factorization on 16 Java threads. Averaged over each window of ten sample periods, the lanes on a
     * CPU number at most the cores plus 0.25. The tolerance: each thread's delta spans its own two reads, which lie
     * up to a round's reading time (more when the sampler itself waits for a CPU on a loaded machine) from the
     * round's bounds, so a round's sums can exceed its length a little; over ten periods that evens out. (The
     * instantaneous count is not asserted: on a loaded machine such a round can draw a third lane on a CPU for a
     * moment.)
     */
    @Test
    void onJavaThreadsNoMoreLanesAreOnACpuThanThereAreCores() throws Throwable {
        assumeTrue(SchedSampler.available(), "no /proc/self/task/<tid>/schedstat here");
        int cores = Runtime.getRuntime().availableProcessors();
        Timeline timeline = record(ctx -> Item53.factorizeOnThreads(Item53.NUMBERS_3RD_EDITION, null),
                SchedSampler.DEFAULT_PERIOD);
        TimelineTest.assertStatesSumToLifetimes(timeline);
        long period = timeline.machine().samplePeriod();
        assertEquals(SchedSampler.DEFAULT_PERIOD.toNanos(), period);
        List<Lane> factorizers = timeline.lanes().stream().filter(l -> l.name().startsWith("factorize-")).toList();
        assertEquals(16, factorizers.size());
        // The caller lives through the run and the sampler reads it every period from before the run began to
        // after it ended: none of its life is unmeasured. (A factorizer can be: one that began and ended between
        // two reads, or its last part after the last read, when the sampler itself waited for a CPU.)
        Lane caller = timeline.lanes().get(0);
        assertEquals(0, caller.nanosIn(State.NOT_MEASURED), caller.name() + ": " + caller.segments());
        assertTrue(caller.nanosIn(State.ON_CPU) > 0, "the caller was seen on a CPU");
        long window = 10 * period;
        for (long from = timeline.start(); from + window <= timeline.end(); from += period) {
            double average = onCpuIn(timeline, from, from + window) / (double) window;
            assertTrue(average <= cores + 0.25, String.format(Locale.ROOT,
                    "%.2f lanes on a CPU on average over %d ms from %d ms on %d cores", average, window / 1_000_000,
                    (from - timeline.start()) / 1_000_000, cores));
        }
        Timeline.JvmThreads jvm = timeline.machine().jvmThreads().stream()
                .filter(j -> j.jvm().equals(Timeline.PARENT)).findFirst().orElseThrow();
        assertTrue(jvm.onCpu() > 0, "the JVM's own threads (the sampler at least) used a CPU");
    }

    @Test
    void withTheSamplerOffUnrecordedTimeIsNotMeasuredNeverRunning() throws Throwable {
        Timeline timeline = record(ctx -> Item53.factorizeOnThreads(Item53.NUMBERS_3RD_EDITION, null), null);
        TimelineTest.assertStatesSumToLifetimes(timeline);
        assertEquals(0, timeline.machine().samplePeriod());
        assertTrue(timeline.machine().jvmThreads().isEmpty());
        for (Lane lane : timeline.lanes()) {
            for (State measured : List.of(State.ON_CPU, State.RUNNABLE, State.OFF_CPU)) {
                assertEquals(0, lane.nanosIn(measured), lane.name() + " has no " + measured + " unmeasured");
            }
        }
        assertTrue(timeline.lane("factorize-" + Item53.NUMBERS_3RD_EDITION.get(0)).orElseThrow()
                .nanosIn(State.NOT_MEASURED) > 0);
        assertFalse(timeline.notes().isEmpty());
    }

    private static long onCpuIn(Timeline timeline, long from, long to) {
        long sum = 0;
        for (Lane lane : timeline.lanes()) {
            for (Lane.Segment s : lane.segments()) {
                if (s.state() == State.ON_CPU) {
                    sum += Math.max(0, Math.min(to, s.end()) - Math.max(from, s.start()));
                }
            }
        }
        return sum;
    }
}
