package workbench.item63;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

import workbench.bench.BenchRunner;
import workbench.eventloop.Async;
import workbench.eventloop.EventLoop;
import workbench.timeline.TimelineRecording;
import workbench.timeline.WayTimeline;

/**
 * Item 63 (3rd ed. 78): how late the event loop's timers run while blocking writes happen on it, or beside it.
 *
 * <p><b>Book claim.</b> A blocking call on the event loop stalls every task on it; moving the call to a dedicated
 * thread keeps the loop responsive.
 *
 * <p><b>In Java.</b> One op is one 1 ms heartbeat on the loop ({@link #heartbeat}) while a background task writes
 * to a simulated slow device, either on the loop or on the {@code WRITE_THREAD} ({@link Drill#placement}).
 *
 * <p><b>You should see</b> {@code writeMillis = 0} rows near one heartbeat (its 1 ms plus the loop's timer
 * overhead) for both placements; {@code ON_LOOP} rows whose median and tail grow with {@code writeMillis} (a timer
 * waits out the write in progress, often two), and {@code WRITE_THREAD} rows that stay near one heartbeat whatever
 * the write costs.
 *
 * <p>There is no multi-process row: responsiveness is a property of one loop's one thread, and a second process
 * would bring its own loop and its own writes, so it could only move the blocking, not measure it.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar bench 63}, or this class's {@code main}.
 */
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Item63Benchmark {

    /**
     * {@link #heartbeat}'s state: the main loop and its background writer, started once per trial (a state of its
     * own, not the class, so that {@link #timeline} runs without them).
     */
    @State(Scope.Benchmark)
    public static class Drill {
        /**
         * Where the background task's writes block: {@code ON_LOOP} (Item 62's {@code run_tasks}) or on the
         * {@code WRITE_THREAD}. The task writes a stream of lines (1 ms apart) to a simulated slow device
         * ({@link SlowDevice}, {@code writeMillis} of blocking per write, no real disk).
         */
        @Param({"ON_LOOP", "WRITE_THREAD"})
        public Placement placement;

        /** How long each write blocks its caller. */
        @Param({"0", "5", "20"})
        public int writeMillis;

        private EventLoop loop;
        private CompletableFuture<Void> writer;
        private volatile boolean stopping;

        @Setup(Level.Trial)
        public void setUp() throws java.io.IOException {
            loop = EventLoop.start("main-loop");
            byte[] line = "a line for a slow device\n".getBytes(StandardCharsets.UTF_8);
            WriteThread.Opener slowDevice =
                    path -> new SlowDevice(OutputStream.nullOutputStream(), Duration.ofMillis(writeMillis));
            writer = loop.runCoroutineThreadsafe("writer", () -> placement.withOutput(loop, Path.of("slow-device"),
                    slowDevice, write -> Async.whileTrue(() -> {
                        if (stopping) {
                            return CompletableFuture.completedFuture(false);
                        }
                        return write.apply(line).thenCompose(written -> loop.sleep(Duration.ofMillis(1)))
                                .thenApply(slept -> true);
                    })));
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            stopping = true;
            try {
                writer.get(30, TimeUnit.SECONDS);
            } finally {
                loop.close();
            }
        }
    }

    /**
     * One op is one heartbeat: the benchmark thread starts a coroutine on the main loop that sleeps 1 ms
     * ({@code asyncio.sleep(0.001)}) and waits for it. Sample mode reports the distribution: an op is 1 ms plus the
     * timer's lateness plus two thread hand-offs.
     */
    @Benchmark
    public void heartbeat(Drill drill) throws Exception {
        EventLoop loop = drill.loop;
        loop.runCoroutineThreadsafe("heartbeat", () -> loop.sleep(Duration.ofMillis(1))).get(10, TimeUnit.SECONDS);
    }

    /** {@link #timeline}'s state: {@code workbench timeline 63}'s example {@code slow-device}, recorded or not. */
    @State(Scope.Benchmark)
    public static class Timeline extends WayTimeline {
        /**
         * The way's slug. Both placements run.
         */
        @Param({"on-loop", "write-thread"})
        public String way;

        public Timeline() {
            super(63, "slow-device");
        }
    }

    /**
     * One op is {@code workbench timeline 63 --example slow-device}'s run (slow writes on the event loop or handed to a
     * write thread, a heartbeat ticking) with the timeline's recording off or on ({@link TimelineRecording}: the flight
     * recording and the scheduler sampler). <b>You should see</b> the two rows within 5 %: what recording costs.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(1)
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 3, time = 1)
    public void timeline(Timeline state) throws Exception {
        state.runExample();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(BenchRunner.options(Item63Benchmark.class).build()).run();
    }
}
