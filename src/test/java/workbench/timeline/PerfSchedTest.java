package workbench.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import workbench.examples.Example;
import workbench.item53.Item53;
import workbench.parallel.Strategy;
import workbench.testing.NoLeaks;

/** Per-CPU lanes: the parser on a captured {@code perf sched timehist} sample, and the real path where perf works. */
class PerfSchedTest {

    @TempDir
    Path dir;

    @Test
    void parsesTimehistIntoPerCpuSlicesWithoutTheIdleTask() throws Exception {
        String text;
        try (InputStream in = PerfSchedTest.class.getResourceAsStream("perf-sched-timehist.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        long shift = 1_000_000_000_000L;
        List<Timeline.CpuLane> lanes = PerfSched.parse(text, shift, 0, Long.MAX_VALUE);
        assertEquals(List.of(0, 1), lanes.stream().map(Timeline.CpuLane::cpu).toList());
        Timeline.CpuLane cpu1 = lanes.get(1);
        assertEquals(2, cpu1.slices().size(), "java and the C1 compiler; <idle> left out: " + cpu1.slices());
        Timeline.CpuSlice compiler = cpu1.slices().get(1);
        assertEquals(new Timeline.CpuSlice(shift + 3201_771225000L - 396_000L, shift + 3201_771225000L, 19294, 19362,
                "C1 CompilerThre"), compiler);
        Timeline.CpuSlice kernelThread = lanes.get(0).slices().get(0);
        assertEquals(15, kernelThread.tid());
        assertEquals(15, kernelThread.pid(), "a lone [pid] is its own thread group");
        List<Timeline.CpuLane> clipped = PerfSched.parse(text, 0, 3201_771000000L, 3201_772000000L);
        assertEquals(1, clipped.size());
        assertEquals(3201_771000000L, clipped.get(0).slices().get(0).start(), "clipped to the window");
    }

    /** Where perf can trace (root here), the lanes hold this JVM's threads inside the run, one at a time per CPU. */
    @Test
    void recordsPerCpuLanesWherePerfWorks() throws Throwable {
        assumeTrue(perfWorks(), "perf sched record is not available or not permitted here");
        Example.Run run = Example.of(53, "cpus", "factorize on threads", List.of(Strategy.THREADS),
                (way, ctx) -> Item53.factorizeOnThreads(Item53.NUMBERS, null), Example.Benchmark.none("a test"))
                .runs().get(0);
        Timelines.Output output = NoLeaks.check(() -> Timelines.record(run, dir, true));
        Timeline timeline = output.timeline();
        List<Timeline.CpuLane> cpus = timeline.machine().cpus();
        assertFalse(cpus.isEmpty(), "per-CPU lanes: " + timeline.notes());
        long pid = ProcessHandle.current().pid();
        assertTrue(cpus.stream().flatMap(c -> c.slices().stream()).anyMatch(s -> s.pid() == pid),
                "this JVM's threads ran on some CPU");
        assertTrue(cpus.stream().flatMap(c -> c.slices().stream()).anyMatch(s -> LaneChart.ranOn(s,
                timeline.lanes()) != null), "a lane's thread is found on a CPU by its OS thread id");
        LaneChart.Layout layout = LaneChart.layout("t", List.of(new LaneChart.Band(null, timeline, List.of())));
        assertEquals(cpus.size(), layout.bands().get(0).rows().stream().filter(r -> r.kind() == LaneChart.Kind.CPU)
                .count(), "a row per CPU");
        TraceChecks.assertWellFormed(TraceEvents.toJson(timeline, output.summary())); // CPU tracks do not overlap
        for (Timeline.CpuLane cpu : cpus) {
            long last = timeline.start();
            for (Timeline.CpuSlice slice : cpu.slices()) {
                assertTrue(slice.start() >= timeline.start() && slice.end() <= timeline.end(), "inside the run");
                assertTrue(slice.start() >= last - 1_000, "one thread at a time on CPU " + cpu.cpu() + ": " + slice
                        + " starts " + (last - slice.start()) + " ns before the last ended"); // timehist: µs
                last = slice.end();
            }
        }
    }

    private static boolean perfWorks() throws Exception {
        try {
            Process p = new ProcessBuilder("perf", "sched", "record", "-o", "/dev/null", "--", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
