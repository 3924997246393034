package workbench.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import workbench.item64.Item64;
import workbench.parallel.Strategy;
import workbench.testing.NoLeaks;

/**
 * Worker JVMs' recordings on the parent's clock: after alignment by the offset measured over the pool's pipe,
 * every task ran in its worker inside the window from its send to its result in the parent (each bound widened by
 * that worker's measured error bound, half its best probe's round trip, and nothing else).
 */
class ClockAlignmentTest {

    @TempDir
    Path dir;

    @Test
    void everyTaskRunsInsideItsSendToResultWindowAfterAlignment() throws Throwable {
        Path jfr = dir.resolve("run.jfr");
        TimelineRecorder.Recorded recorded = NoLeaks.check(() -> TimelineRecorder.record("processes", jfr,
                ctx -> Strategy.PROCESSES.map(Item64::gcd, Item64.NUMBERS, 2, ctx)));
        Timeline timeline = TimelineReader.read(jfr, recorded.workers());
        Map<Long, Timeline.ClockOffset> offsets = timeline.machine().clockOffsets().stream()
                .collect(Collectors.toMap(Timeline.ClockOffset::pid, Function.identity()));
        List<Timeline.PoolTask> runs = timeline.tasks().stream().filter(t -> t.phase().equals("run")).toList();
        assertEquals(Item64.NUMBERS.size(), runs.size());
        for (Timeline.PoolTask run : runs) {
            Timeline.ClockOffset offset = offsets.get(run.pid());
            assertTrue(offset != null, "worker " + run.pid() + "'s clock offset was measured: " + offsets);
            Timeline.PoolTask send = phase(timeline, "send", run.task());
            Timeline.PoolTask result = phase(timeline, "result", run.task());
            assertTrue(run.start() >= send.start() - offset.error(), "task " + run.task() + " ran "
                    + (send.start() - run.start()) + " ns before it was sent (error bound " + offset.error() + ")");
            assertTrue(run.end() <= result.end() + offset.error(), "task " + run.task() + " ended "
                    + (run.end() - result.end()) + " ns after its result (error bound " + offset.error() + ")");
        }
        TimelineTest.assertStatesSumToLifetimes(timeline);
    }

    private static Timeline.PoolTask phase(Timeline timeline, String phase, long task) {
        return timeline.tasks().stream().filter(t -> t.phase().equals(phase) && t.task() == task).findFirst()
                .orElseThrow(() -> new AssertionError("no " + phase + " of task " + task));
    }
}
