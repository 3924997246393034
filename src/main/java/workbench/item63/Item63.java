package workbench.item63;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import workbench.Demo;
import workbench.demo.Narrator;
import workbench.eventloop.Async;
import workbench.eventloop.EventLoop;
import workbench.futures.Futures;
import workbench.tail.LogHarness;
import workbench.tail.Workload;

/**
 * Item 63 (3rd ed. 78): Avoid Blocking the asyncio Event Loop to Maximize Responsiveness.
 *
 * <p><b>Book claim.</b> A system call in a coroutine (file I/O, {@code time.sleep}, even {@code Thread.start})
 * stalls the whole loop, and debug mode reports it. The fix: a thread with a loop of its own ({@code WriteThread}).
 *
 * <p><b>In Java.</b> Item 61's {@link EventLoop} with asyncio's debug mode and Item 62's harness
 * ({@link Placement}); a {@link Heartbeat} every 10 ms measures what the book only asserts, and a
 * {@link SlowDevice} (20 ms a write) makes the difference plain.
 *
 * <p><b>You should see</b> the debug warning for the 0.5 s sleep (perhaps one for a cold JVM too),
 * {@code confirm_merge} passing for both placements, and on the slow device ticks 20-40 ms late with the writes on
 * the loop, well under 1 ms with the {@link WriteThread}.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar run 63}, or this class's {@code main} from an IDE.
 */
public final class Item63 implements Demo {

    /** The main loop's heartbeat period. */
    static final Duration HEARTBEAT = Duration.ofMillis(10);
    /** The slow-device drill: this many lines, each write blocking this long. */
    public static final int DRILL_WRITES = 20;
    public static final Duration DRILL_WRITE_COST = Duration.ofMillis(20);
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Workload workload;

    public Item63() {
        this(Workload.BOOK);
    }

    /** The demo on another workload (the tests use {@link Workload#SMALL}). */
    public Item63(Workload workload) {
        this.workload = workload;
    }

    public static void main(String[] args) throws Exception {
        new Item63().run(Narrator.stdout());
    }

    @Override
    public void run(Narrator out) throws Exception {
        List<String> coldStart = warmUp();
        if (!coldStart.isEmpty()) {
            out.javaf("A silent warm-up run tripped debug mode %d time(s), e.g. '%s': a cold JVM loads classes on the"
                    + " loop thread, which blocks it too.", coldStart.size(), coldStart.get(0));
        }

        out.example("1", "the problem: Item 62's run_tasks opens, writes and closes the merged file on the loop");
        Heartbeat.Lateness onLoop = mergeAndConfirm(out, Placement.ON_LOOP);

        out.example("2", "asyncio.run(slow_coroutine(), debug=True) where slow_coroutine calls time.sleep(0.5)");
        EventLoop.run("main", "slow_coroutine", loop -> slowCoroutine(), TIMEOUT,
                EventLoop.Options.debug(out::println));

        out.example("3-9", "WriteThread: a thread with its own loop owns the file; run_fully_async hands it lines");
        Heartbeat.Lateness writeThread = mergeAndConfirm(out, Placement.WRITE_THREAD);

        out.javaf("On a local disk the placements differ little (max %.2f ms late on the loop, %.2f ms with the"
                + " WriteThread): a write takes microseconds.", onLoop.max(), writeThread.max());

        out.beyond("a simulated slow device, " + DRILL_WRITE_COST.toMillis() + " ms a write");
        Map<Placement, Heartbeat.Lateness> drills = new EnumMap<>(Placement.class);
        for (Placement placement : Placement.values()) {
            Heartbeat.Lateness drill = slowDeviceDrill(placement, DRILL_WRITES, DRILL_WRITE_COST);
            drills.put(placement, drill);
            out.fact("drill:" + placement, drill);
            out.javaf("%s, %d writes: heartbeat every %d ms: %s", placement, DRILL_WRITES, HEARTBEAT.toMillis(),
                    drill);
        }
        out.java(drillSentence(drills.get(Placement.ON_LOOP), drills.get(Placement.WRITE_THREAD)));

        out.seeTimeline(63);
    }

    /** How many writes a tick waited: its median lateness over the cost of one write, to the nearest half. */
    static double writesWaited(Heartbeat.Lateness lateness) {
        return Math.round(lateness.p50() / DRILL_WRITE_COST.toMillis() * 2) / 2.0;
    }

    /**
     * What the drill's figures say, worded from them: how many writes a tick waited on the loop
     * ({@link #writesWaited}), against the WriteThread's median lateness.
     */
    static String drillSentence(Heartbeat.Lateness onLoop, Heartbeat.Lateness writeThread) {
        double writes = writesWaited(onLoop);
        String waited = writes == 0 ? "barely waited for the writes"
                : writes == 0.5 ? "waited out about half a write"
                : String.format(Locale.ROOT, "waited about %.1f writes", writes);
        return String.format(Locale.ROOT, "On the loop a tick %s (late by p50 %.1f ms, %d ms a write); with the"
                + " WriteThread, p50 %.1f ms: its loop only hands lines over.", waited, onLoop.p50(),
                DRILL_WRITE_COST.toMillis(), writeThread.p50());
    }

    /**
     * Runs both placements once on a tiny harness and the drill on a fast "slow" device, in debug mode, printing
     * nothing; returns the slow-callback warnings of this cold start.
     */
    static List<String> warmUp() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Workload tiny = new Workload(2, 2, Duration.ofMillis(1), Duration.ofMillis(1));
        for (Placement placement : Placement.values()) {
            try (LogHarness harness = LogHarness.setup(tiny)) {
                harness.run((handles, interval, output, timeout) -> EventLoop.run("main", "warm_up",
                        loop -> placement.mergeAsync(loop, handles, interval, output), timeout,
                        EventLoop.Options.debug(warnings::add)));
            }
            slowDeviceDrill(placement, 2, Duration.ofMillis(1));
        }
        return warnings;
    }

    /** {@code async def slow_coroutine(): time.sleep(0.5)}: deliberately blocks the loop thread, bounded. */
    static CompletableFuture<Void> slowCoroutine() {
        try {
            Thread.sleep(500);
            return CompletableFuture.completedFuture(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Runs one placement over the harness in debug mode with a heartbeat on the main loop, then confirm_merge. */
    private Heartbeat.Lateness mergeAndConfirm(Narrator out, Placement placement) throws Exception {
        AtomicReference<Heartbeat.Lateness> lateness = new AtomicReference<>();
        try (LogHarness harness = LogHarness.setup(workload)) {
            LogHarness.Merged merged = harness.run((handles, interval, output, timeout) ->
                    EventLoop.run("main", placement == Placement.ON_LOOP ? "run_tasks" : "run_fully_async", loop -> {
                        Heartbeat heartbeat = Heartbeat.start(loop, HEARTBEAT);
                        return placement.mergeAsync(loop, handles, interval, output)
                                .whenComplete((done, error) -> lateness.set(heartbeat.stop()));
                    }, timeout, EventLoop.Options.debug(out::println)));
            out.fact("merged:" + placement, merged);
            out.javaf("%s: confirm_merge passed (%s); heartbeat every %d ms on the main loop: %s", placement, merged,
                    HEARTBEAT.toMillis(), lateness.get());
        }
        return lateness.get();
    }

    /**
     * {@code writes} lines written one after another to a slow device, placed as {@code placement} says, while a
     * heartbeat ticks on the main loop; returns how late the ticks ran.
     */
    public static Heartbeat.Lateness slowDeviceDrill(Placement placement, int writes, Duration perWrite)
            throws Exception {
        Path dir = Files.createTempDirectory("workbench-slow-device-");
        Path output = dir.resolve("out");
        try {
            return EventLoop.run("main", "slow_device_drill", loop -> {
                Heartbeat heartbeat = Heartbeat.start(loop, HEARTBEAT);
                AtomicInteger written = new AtomicInteger();
                byte[] line = "a line for a slow device\n".getBytes(UTF_8);
                return placement.withOutput(loop, output, SlowDevice.opener(perWrite),
                        write -> Async.whileTrue(() -> write.apply(line).thenCompose(done -> loop.sleep(Duration.ZERO))
                                .thenApply(yielded -> written.incrementAndGet() < writes)))
                        .handle((done, error) -> {
                            Heartbeat.Lateness lateness = heartbeat.stop();
                            if (error != null) {
                                throw new IllegalStateException("slow-device drill failed", Futures.unwrap(error));
                            }
                            return lateness;
                        });
            }, TIMEOUT);
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(dir);
        }
    }
}
