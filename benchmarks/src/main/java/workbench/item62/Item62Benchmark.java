package workbench.item62;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import workbench.item62.Migration.LockedOutput;
import workbench.eventloop.EventLoop;
import workbench.tail.LogHarness;
import workbench.tail.Tails.AsyncLineWriter;
import workbench.tail.Workload;
import workbench.timeline.TimelineRecording;
import workbench.timeline.WayTimeline;

/**
 * Item 62 (3rd ed. 77): what each migration step costs.
 *
 * <p><b>Book claim.</b> Threads and an event loop interoperate, so a threaded program can move to asyncio one
 * step at a time, top-down or bottom-up.
 *
 * <p><b>In Java.</b> The book's log-merging program at each step of {@link Migration}: a whole merge
 * ({@link #merge}), and the one per-line cost that differs between the steps, a lock against a hop onto the loop
 * ({@link #writeOneLine}).
 *
 * <p><b>You should see</b> the four steps merge within a few milliseconds of each other (the migration changes the
 * plumbing, not the pace); a hop onto the loop costing microseconds against tens of nanoseconds for the lock.
 *
 * <p>There is no multi-process row: the item is about threads and one event loop handing work to each other
 * inside one process, and a process per tail would replace both, measuring process start-up instead.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar bench 62}, or this class's {@code main}.
 */
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class Item62Benchmark {

    /** One full merge per op. */
    @State(Scope.Benchmark)
    public static class MergeRun {
        @Param({"THREADS", "TOP_DOWN", "FULLY_ASYNC", "BOTTOM_UP"})
        public Migration strategy;

        /** The worker count: files, hence tails (threads or tasks). */
        @Param({"5"})
        public int files;

        @Param({"5"})
        public int lines;

        Workload workload;

        @Setup(Level.Trial)
        public void setUp() throws java.io.IOException {
            workload = new Workload(files, lines, Duration.ofMillis(2), Duration.ofMillis(1));
        }
    }

    /** A running loop and an output that discards its bytes, so only the hand-off is measured. */
    @State(Scope.Benchmark)
    public static class OneLine {
        @Param({"LOCK", "LOOP_HOP"})
        public String strategy;

        final byte[] line = "/tmp/workbench-tail-0/0-00-abcdefghij\n".getBytes(StandardCharsets.UTF_8);
        EventLoop loop;
        LockedOutput locked;
        AsyncLineWriter writeAsync;

        @Setup(Level.Trial)
        public void setUp() throws java.io.IOException {
            loop = EventLoop.start("bench-loop");
            locked = new LockedOutput(OutputStream.nullOutputStream());
            writeAsync = Migration.writeOnLoop(OutputStream.nullOutputStream());
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            locked.close();
            loop.close();
        }
    }

    /**
     * One op is one full harness run on a small workload ({@code files} files x {@code lines} lines, writes every
     * [0, 2) ms, polls every 1 ms): set up the files and writer threads, merge with the {@code strategy} step of
     * {@link Migration}, {@code confirm_merge}, delete everything. The writers' random delays dominate (about
     * {@code lines} x 1 ms), so the four steps should land within a few milliseconds of each other: the migration
     * changes the plumbing, not the pace, and that is the point. Expect bottom-up to pay a little more (a loop and an
     * executor per tail) and every row to be noisy.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public LogHarness.Merged merge(MergeRun run) throws Exception {
        try (LogHarness harness = LogHarness.setup(run.workload)) {
            return harness.run(run.strategy);
        }
    }

    /**
     * The per-line cost that differs between the steps, without the noise. One op is one line written from a plain
     * thread: {@code LOCK} takes a lock around the write ({@code run_threads}); {@code LOOP_HOP} submits the write to
     * a running event loop and blocks on the result ({@code run_coroutine_threadsafe(write_async(data),
     * loop).result()}, top-down's {@code write}). Expect the hop to cost a few microseconds (two thread hand-offs, a
     * wake-up each) against tens of nanoseconds for the lock.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public void writeOneLine(OneLine state) throws Exception {
        if (state.strategy.equals("LOCK")) {
            state.locked.write(state.line);
        } else {
            state.loop.runCoroutineThreadsafe("write_async", () -> state.writeAsync.apply(state.line))
                    .get(10, TimeUnit.SECONDS);
        }
    }

    /** {@link #timeline}'s state: {@code workbench timeline 62}'s example {@code merge}, recorded or not. */
    @State(Scope.Benchmark)
    public static class Timeline extends WayTimeline {
        /**
         * The way's slug. All four ways run: none starts a JVM.
         */
        @Param({"threads", "top-down", "fully-async", "bottom-up"})
        public String way;

        public Timeline() {
            super(62, "merge");
        }
    }

    /**
     * One op is {@code workbench timeline 62 --example merge}'s run (merging the book's five logs at each step of the
     * migration to asyncio) with the timeline's recording off or on ({@link TimelineRecording}: the flight recording
     * and the scheduler sampler). <b>You should see</b> the two rows within 5 %: what recording costs.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(1)
    @Warmup(iterations = 1, time = 2)
    @Measurement(iterations = 3, time = 2)
    public void timeline(Timeline state) throws Exception {
        state.runExample();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(BenchRunner.options(Item62Benchmark.class).build()).run();
    }
}
