package workbench.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadFactory;

import javax.imageio.ImageIO;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.Catalog;
import workbench.Workbench;
import workbench.examples.Example;
import workbench.gil.Gil;
import workbench.item53.BlockingCalls;
import workbench.item53.Convoy;
import workbench.item53.Item53;
import workbench.item63.Item63;
import workbench.item63.Placement;
import workbench.item64.Item64;
import workbench.parallel.Strategy;
import workbench.testing.NoLeaks;

/**
 * Properties of recorded timelines, never pixels or timings: the GIL model's forbidden outcome (two holders at
 * once) never shows; Java threads' running time overlaps on 2+ cores; every lane's states add up to its life;
 * the trace opens in Perfetto (its rules checked on the parsed JSON); the picture is a PNG of the promised size.
 */
class TimelineTest {

    @TempDir
    Path dir;

    private Timeline record(String title, Example.Task body) throws Throwable {
        Path jfr = dir.resolve("run.jfr");
        TimelineRecorder.Recorded recorded = NoLeaks.check(() -> TimelineRecorder.record(title, jfr, body));
        return TimelineReader.read(jfr, recorded.workers());
    }

    @Test
    void underTheGilModelNoTwoThreadsHoldItAtOnce() throws Throwable {
        Timeline timeline = record("gil", ctx -> Item53.factorizeOnThreads(Item53.NUMBERS, Gil.create()));
        assertFalse(timeline.holds().isEmpty(), "the GIL model's holds were recorded");
        assertTrue(timeline.gilHeldByOneAtATime());
        // The same forbidden outcome, read from the lanes' own segments rather than the raw events.
        List<Lane.Segment> holding = new ArrayList<>();
        for (Lane lane : timeline.lanes()) {
            lane.segments().stream().filter(s -> s.state() == State.GIL_HOLD).forEach(holding::add);
        }
        holding.sort(Comparator.comparingLong(Lane.Segment::start));
        for (int i = 1; i < holding.size(); i++) {
            assertTrue(holding.get(i).start() >= holding.get(i - 1).end(), "two GIL holds overlap");
        }
        for (String name : Item53.NUMBERS.stream().map(n -> "factorize-" + n).toList()) {
            Lane lane = timeline.lane(name).orElseThrow(() -> new AssertionError("no lane for " + name));
            assertTrue(lane.nanosIn(State.GIL_HOLD) > 0, name + " held the GIL to run");
        }
        assertStatesSumToLifetimes(timeline);
    }

    @Test
    void javaThreadsRunningTimeOverlapsOnTwoOrMoreCores() throws Throwable {
        assumeTrue(Runtime.getRuntime().availableProcessors() >= 2, "needs 2+ cores");
        Timeline timeline = record("java", ctx -> Item53.factorizeOnThreads(Item53.NUMBERS_3RD_EDITION, null));
        assertTrue(timeline.holds().isEmpty(), "no GIL, no holds");
        long[] overlap = timeline.runningOverlap();
        assertTrue(overlap[2] >= 2, "two or more threads were running (or runnable) at once");
        assertTrue(overlap[0] > overlap[1], "the running time summed over lanes exceeds the time any ran");
        assertStatesSumToLifetimes(timeline);
    }

    /**
     * The convoy (Item 53, beyond the book): beside a CPU-bound thread the I/O thread waits for the GIL after each
     * read until the CPU thread is asked to drop it; alone its waits all but vanish. (Its lane also spends time
     * blocked in the pipe, and how long depends on the machine's load, so the two runs are compared with each
     * other; ConvoyTest counts the forced drops.)
     */
    @Test
    void besideACpuThreadTheIoThreadWaitsForTheGilAndAloneItHardlyDoes() throws Throwable {
        ThreadFactory threads = Thread.ofPlatform().factory();
        int roundTrips = 100;
        Convoy.Peer peer = Convoy.Peer.REMOTE; // the convoy forms on every round trip, at any load
        Timeline beside = record("convoy beside", ctx -> Convoy.run(Gil.create(), true, peer, roundTrips, threads));
        Timeline alone = record("convoy alone", ctx -> Convoy.run(Gil.create(), false, peer, roundTrips, threads));

        long besideWait = beside.lane("convoy-io").orElseThrow().nanosIn(State.GIL_WAIT);
        long aloneWait = alone.lane("convoy-io").orElseThrow().nanosIn(State.GIL_WAIT);
        assertTrue(4 * aloneWait < besideWait, "beside the CPU thread the I/O thread waits for the GIL, alone its"
                + " waits all but vanish: " + besideWait + " ns beside, " + aloneWait + " ns alone");
        for (Timeline timeline : List.of(beside, alone)) {
            assertTrue(timeline.gilHeldByOneAtATime());
            assertStatesSumToLifetimes(timeline);
        }
    }

    @Test
    void blockingCallsAreBlockedNotRunning() throws Throwable {
        Timeline timeline = record("calls", ctx -> BlockingCalls.THREADS.run(5, 5, Item53.BLOCK));
        for (int t = 0; t < 5; t++) {
            Lane lane = timeline.lane("systemcall-" + t).orElseThrow();
            assertTrue(lane.nanosIn(State.BLOCKED_CALL) >= Item53.BLOCK.toNanos(), lane.name() + " blocked in select");
            assertTrue(lane.segments().stream().anyMatch(s -> s.state() == State.BLOCKED_CALL
                    && "select".equals(s.call())), lane.name() + ": the blocked stretch names its call");
        }
        assertStatesSumToLifetimes(timeline);
    }

    @Test
    void aSlowWriteOnTheLoopBlocksTheLoopAndOnTheWriteThreadItDoesNot() throws Throwable {
        long write = Item63.DRILL_WRITE_COST.toNanos();
        Timeline onLoop = record("on loop",
                ctx -> Item63.slowDeviceDrill(Placement.ON_LOOP, 3, Item63.DRILL_WRITE_COST));
        Lane loop = onLoop.lanes().get(0); // the loop runs on the thread that called asyncio.run
        assertTrue(loop.longestBlocked() >= write, "the loop was blocked at least one slow write: "
                + loop.longestBlocked());
        assertTrue(loop.nanosIn(State.SLEEP) >= 3 * write, "the three slow writes slept on the loop");
        assertStatesSumToLifetimes(onLoop);
        JsonObject trace = TraceEvents.toJson(onLoop, List.of());
        TraceChecks.assertWellFormed(trace);
        assertTrue(trace.getAsJsonArray("traceEvents").asList().stream()
                .anyMatch(e -> e.getAsJsonObject().get("ph").getAsString().equals("b")),
                "loop callbacks as async slices");

        Timeline writeThread = record("write thread", ctx -> Item63.slowDeviceDrill(Placement.WRITE_THREAD, 3,
                Item63.DRILL_WRITE_COST));
        loop = writeThread.lanes().get(0);
        assertEquals(0, loop.nanosIn(State.SLEEP), "no slow write on the loop");
        assertTrue(loop.nanosIn(State.LOOP_IDLE) > 0, "the loop idled, waiting for the heartbeat and the writes");
        Lane writer = writeThread.lane("WriteThread").orElseThrow();
        assertTrue(writer.longestBlocked() >= write && writer.nanosIn(State.SLEEP) >= 3 * write,
                "the slow writes blocked the WriteThread instead");
        assertStatesSumToLifetimes(writeThread);
    }

    @Test
    void everyProcessPoolTaskRunsOnceInOneWorkerLane() throws Throwable {
        Timeline timeline = record("processes", ctx -> Strategy.PROCESSES.map(Item64::gcd, Item64.NUMBERS, 2,
                ctx));
        List<Timeline.PoolTask> runs = timeline.tasks().stream().filter(t -> t.phase().equals("run")).toList();
        assertEquals(Item64.NUMBERS.size(), runs.size(), "each task ran once: " + runs);
        assertEquals(Item64.NUMBERS.size(), runs.stream().map(Timeline.PoolTask::task).distinct().count());
        List<Lane> workers = timeline.lanes().stream().filter(l -> !l.jvm().equals(Timeline.PARENT)).toList();
        for (Timeline.PoolTask run : runs) {
            assertEquals(1, workers.stream().filter(l -> l.pid() == run.pid() && l.tid() == run.tid()).count(),
                    "task " + run.task() + " ran in one worker lane");
            assertTrue(timeline.tasks().stream().anyMatch(t -> t.phase().equals("send") && t.task() == run.task()),
                    "task " + run.task() + " was sent by the parent");
        }
        assertTrue(runs.stream().map(Timeline.PoolTask::pid).distinct().count() >= 1);
        assertStatesSumToLifetimes(timeline);
        TraceChecks.assertWellFormed(TraceEvents.toJson(timeline, List.of()));
        // Drawn: each worker lane begins with the JVM's start, launched by the parent; each task in its lane.
        for (Lane worker : workers) {
            assertEquals(State.STARTING_JVM, worker.segments().get(0).state(), worker.label());
        }
        assertTrue(timeline.workerCpu() > 0, "the workers reported their CPU time");
        LaneChart.Layout layout = LaneChart.layout("t", List.of(new LaneChart.Band(null, timeline, List.of())));
        for (Timeline.PoolTask run : runs) {
            assertEquals(1, layout.bands().get(0).rows().stream().filter(r -> r.kind() == LaneChart.Kind.LANE
                    && r.lanes().get(0).pid() == run.pid() && r.lanes().get(0).tid() == run.tid()
                    && r.slices().stream().anyMatch(sl -> sl.text().equals("task " + run.task()))).count(),
                    "task " + run.task() + " drawn in its worker's lane");
        }
        assertEquals(1, layout.bands().get(0).rows().stream().filter(r -> r.kind() == LaneChart.Kind.FOLDED)
                .count(), "the pool's pipe threads are one row");
    }

    @Test
    void eachCellAndEachSessionIsAUnitOfWork() throws Throwable {
        Timeline cells = record("cells", ctx -> {
            try (var simulation = new workbench.item56.Sequential(workbench.life.Rules.BOOK)) {
                simulation.step(workbench.life.Life.glider(new workbench.life.LockingGrid(5, 9)));
            }
        });
        assertEquals(45, cells.units().stream().filter(u -> u.kind().equals("cell")).count());
        assertEquals(45, cells.units().stream().map(Timeline.Unit::label).distinct().count(), "each cell once");
        Lane caller = cells.lanes().get(0);
        assertTrue(cells.units().stream().allMatch(u -> u.pid() == caller.pid() && u.tid() == caller.tid()),
                "in one after another, the caller stepped every cell");
        TraceChecks.assertWellFormed(TraceEvents.toJson(cells, List.of()));

        Timeline game = record("game", workbench.Catalog.require(61).examples().examples().get(0).runs().stream()
                .filter(run -> run.way().slug().equals("platform-threads")).findFirst().orElseThrow().task());
        assertEquals(1, game.units().stream().filter(u -> u.kind().equals("session")).count(), "one client, one"
                + " session");
    }

    @Test
    void theTraceOpensInPerfettoAndThePictureIsAPng() throws Throwable {
        Example.Run run = Example.of(53, "test", "GIL threads", List.of(BlockingCalls.GIL_THREADS),
                (way, ctx) -> way.run(5, 5, Item53.BLOCK), Example.Benchmark.none("a test")).runs().get(0);
        Path jfr = dir.resolve(run.stem() + ".jfr");
        NoLeaks.check(() -> TimelineRecorder.record(run.title(), jfr, run.task()).nanos());
        Timeline timeline = TimelineReader.read(jfr);
        Timelines.Output output = Timelines.write(run, timeline, dir, jfr, 1, 1);
        JsonObject trace = JsonParser.parseString(Files.readString(output.json())).getAsJsonObject();
        TraceChecks.assertWellFormed(trace);
        assertTrue(timeline.gilHandOffs() > 0, "the GIL passed between threads");
        assertTrue(trace.getAsJsonArray("traceEvents").asList().stream()
                .anyMatch(e -> e.getAsJsonObject().get("ph").getAsString().equals("s")), "hand-offs are arrows");
        BufferedImage image = ImageIO.read(output.png().toFile());
        assertEquals(LaneChart.WIDTH, image.getWidth());
        assertTrue(image.getHeight() > 100, "the picture has lanes under its legend");
    }

    /**
     * Every run the command records (each way of each example every item declares), as the command records it:
     * files written, trace well formed.
     */
    @Test
    @Tag("slow")
    void everyExampleRecordsAWellFormedTimeline() throws Throwable {
        for (Catalog.Item item : Catalog.items()) {
            for (Example.Run run : item.examples().runs()) {
                Timelines.Output output = NoLeaks.check(() -> Timelines.record(run, dir));
                assertStatesSumToLifetimes(output.timeline());
                assertTrue(output.timeline().gilHeldByOneAtATime(), run.stem());
                TraceChecks.assertWellFormed(JsonParser.parseString(Files.readString(output.json())).getAsJsonObject());
                assertEquals(LaneChart.WIDTH, ImageIO.read(output.png().toFile()).getWidth(), run.stem());
                assertTrue(Files.size(output.jfr()) > 0 && Files.size(output.json()) < (8 << 20), run.stem());
            }
        }
    }

    @Test
    void laneStatesPartitionOverlappingWaitsByPriority() {
        // A GIL wait that parks (10-30) inside a park (0-40), with nothing recorded from 40 to 50.
        List<long[]> waits = List.of(new long[] {0, 40, State.PARK.ordinal()},
                new long[] {10, 30, State.GIL_WAIT.ordinal()});
        List<Lane.Segment> segments = TimelineReader.partition(0, 50, waits);
        assertEquals(List.of(new Lane.Segment(0, 10, State.PARK), new Lane.Segment(10, 30, State.GIL_WAIT),
                new Lane.Segment(30, 40, State.PARK), new Lane.Segment(40, 50, State.NOT_MEASURED)), segments);
    }

    @Test
    void aBadItemOrStrategyIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(Workbench.USAGE, Workbench.execute(out, errors, "timeline", "51"));
        assertEquals(Workbench.USAGE, Workbench.execute(out, errors, "timeline", "65"));
        assertEquals(Workbench.USAGE, Workbench.execute(out, errors, "timeline", "53", "--strategy", "nope"));
        assertEquals(Workbench.USAGE, Workbench.execute(out, errors, "timeline", "53", "--example", "nope"));
        assertEquals(Workbench.USAGE, Workbench.execute(out, errors, "timeline", "53", "--example", "convoy",
                "--strategy", "gil-threads")); // a way of another of Item 53's examples
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Usage: workbench timeline"));
    }

    static void assertStatesSumToLifetimes(Timeline timeline) {
        for (Lane lane : timeline.lanes()) {
            long sum = 0;
            long at = lane.start();
            for (Lane.Segment s : lane.segments()) {
                assertEquals(at, s.start(), lane.name() + ": segments are contiguous");
                assertTrue(s.end() > s.start(), lane.name() + ": no empty segment");
                sum += s.nanos();
                at = s.end();
            }
            assertEquals(lane.lifetime(), sum, lane.name() + ": states sum to the lifetime");
        }
    }
}
