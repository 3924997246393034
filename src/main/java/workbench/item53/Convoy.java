package workbench.item53;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import workbench.demo.Narrator;
import workbench.gil.Gil;
import workbench.gil.GilStats;
import workbench.gil.Site;
import workbench.recording.Blocking;

/**
 * The GIL convoy effect (CPython bpo-7946; David Beazley, "Understanding the Python GIL", 2010): a caveat to Item
 * 53's "use threads for blocking I/O" that the book does not show. An I/O-bound thread makes one-byte round trips
 * with an echo thread over two pipes, each read and write releasing the GIL as CPython's socket calls do. Alone,
 * a round trip costs a few microseconds. Beside one CPU-bound thread, every time a read returns the I/O thread
 * must take the GIL back from the CPU thread, which gives it up only when asked, and it is asked only after the
 * waiter has waited a whole switch interval: each round trip costs one or two switch intervals (5 ms each by
 * default), however fast the I/O itself is.
 *
 * <p>The reads block for real (pipes): a hand-off that spins before it parks, such as {@link
 * java.util.concurrent.SynchronousQueue}, lets the I/O threads retake the GIL before the woken CPU thread can, and
 * hides the effect. A local echo that replies at once races the woken CPU thread the same way: on an idle machine
 * the CPU thread wins and the convoy forms (CPython measured it so: 1.3-1.7 s for 200 round trips), on a busy one it
 * often loses and the effect fades, in CPython as in the model. So here, beside the CPU thread, the echo replies
 * only once the CPU thread has run again since the byte arrived, as a peer across a network always does (its round
 * trip is longer than waking a thread): the convoy then forms on every round trip, at any load. The I/O threads'
 * loops have no check points of their own: they hold the GIL for a few statements between two calls, too briefly
 * for anyone to ask them to drop it.
 *
 * <p>The demo ({@link #show}), {@code ConvoyTest} and {@code Item53Benchmark.convoy} run the same {@link Setup}s;
 * {@link #run(Gil, boolean, int, ThreadFactory)} runs one configuration on threads of the caller's making (for a
 * recording of its timeline). {@code benchmarks/python/item53.py convoy} measures the same in CPython.
 */
public final class Convoy {

    /** Round trips per run: as many as {@code benchmarks/python/item53.py} makes. */
    public static final int ROUND_TRIPS = 200;
    /** The longest a run may take before it is stopped as stuck (a normal run takes about 2 s at most). */
    static final Duration LIMIT = Duration.ofSeconds(60);
    /** How often the echo thread looks whether the CPU-bound thread has run again. */
    private static final Duration PEER_POLL = Duration.ofNanos(20_000);

    /** The configurations the demo, the benchmark and the tests compare. */
    public enum Setup {
        /** The two I/O threads alone under the GIL model. */
        ALONE("GIL model, the I/O threads alone", false, Gil.DEFAULT_SWITCH_INTERVAL),
        /** The same beside one CPU-bound thread, CPython's default switch interval (5 ms). */
        BESIDE_CPU("GIL model, beside one CPU-bound thread", true, Gil.DEFAULT_SWITCH_INTERVAL),
        /** Java threads without a GIL, beside the same CPU-bound thread. */
        NO_GIL("Java threads, no GIL, beside one CPU-bound thread", true, null),
        /** Beside the CPU thread, switch interval 1 ms: {@code sys.setswitchinterval(0.001)}. */
        SWITCH_1MS("GIL model, beside the CPU thread, sys.setswitchinterval(0.001)", true, Duration.ofMillis(1)),
        /** Beside the CPU thread, switch interval 0.1 ms: {@code sys.setswitchinterval(0.0001)}. */
        SWITCH_100US("GIL model, beside the CPU thread, sys.setswitchinterval(0.0001)", true,
                Duration.ofNanos(100_000));

        private final String description;
        private final boolean cpuThread;
        private final Duration switchInterval;

        Setup(String description, boolean cpuThread, Duration switchInterval) {
            this.description = description;
            this.cpuThread = cpuThread;
            this.switchInterval = switchInterval;
        }

        public String description() {
            return description;
        }

        /** Whether a CPU-bound thread runs beside the I/O threads. */
        public boolean cpuThread() {
            return cpuThread;
        }

        /** The GIL model's switch interval; empty for {@link #NO_GIL}, which has no GIL. */
        public Optional<Duration> switchInterval() {
            return Optional.ofNullable(switchInterval);
        }

        /** A fresh GIL for one run: the model with this switch interval, or a free-threaded one for {@link #NO_GIL}. */
        public Gil newGil() {
            return switchInterval == null ? Gil.freeThreaded() : Gil.builder().switchInterval(switchInterval).build();
        }

        /** Runs this configuration once on new platform threads. */
        public Result run(int roundTrips) throws IOException, InterruptedException {
            return Convoy.run(newGil(), cpuThread, roundTrips, Thread.ofPlatform().factory());
        }
    }

    /**
     * What one run measured.
     *
     * @param roundTripNanos   each round trip as the I/O thread timed it, in order
     * @param elapsedNanos     from the first round trip's start to the last one's end
     * @param ioGilWaitNanos   the time the two I/O threads spent taking the GIL back after their calls returned
     *                         (zero without a GIL): the convoy itself
     * @param cpuIterations    loop iterations the CPU-bound thread ran meanwhile (zero when there was none)
     * @param gil              what the GIL did ({@link GilStats#NONE} without one)
     */
    public record Result(long[] roundTripNanos, long elapsedNanos, long ioGilWaitNanos, long cpuIterations,
                         GilStats gil) {

        public double seconds() {
            return elapsedNanos / 1e9;
        }

        public Duration medianRoundTrip() {
            long[] sorted = roundTripNanos.clone();
            Arrays.sort(sorted);
            return Duration.ofNanos(sorted.length == 0 ? 0 : sorted[sorted.length / 2]);
        }

        /** What the I/O threads waited for the GIL, together, per round trip (their waits may overlap). */
        public Duration ioGilWaitPerRoundTrip() {
            return Duration.ofNanos(ioGilWaitNanos / Math.max(1, roundTripNanos.length));
        }
    }

    private Convoy() {
    }

    /**
     * Runs one configuration: an I/O thread ({@code convoy-io}) makes {@code roundTrips} one-byte round trips with an
     * echo thread ({@code convoy-echo}) over two pipes, under {@code gil}, with each read and write inside {@link
     * Gil#releaseAround}; if {@code besideCpu}, a CPU-bound thread ({@code convoy-cpu}) takes the GIL first and
     * loops, checking at each back edge, until the round trips are done. The threads come from {@code threads}
     * (named here by their role), run as Python threads of {@code gil}, and are all joined before it returns.
     *
     * @throws IOException if a pipe failed
     * @throws IllegalStateException if the run did not finish within a minute (its threads are then stopped)
     */
    public static Result run(Gil gil, boolean besideCpu, int roundTrips, ThreadFactory threads)
            throws IOException, InterruptedException {
        if (roundTrips < 1) {
            throw new IllegalArgumentException("roundTrips must be positive: " + roundTrips);
        }
        try (Run run = new Run(gil, besideCpu, roundTrips)) {
            if (besideCpu) {
                run.start(threads, "convoy-cpu", run::cpuBound);
                if (!run.cpuHoldsGil.await(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the CPU-bound thread did not start within " + LIMIT);
                }
            }
            run.start(threads, "convoy-echo", run::echo);
            run.start(threads, "convoy-io", run::roundTrips);
            run.joinAll();
            return run.result();
        }
    }

    /**
     * The demo's section: each {@link Setup} once, its time in the book's format and its median round trip, and
     * CPython's figures from {@code benchmarks/results} beside the model's.
     */
    public static void show(Narrator out) throws IOException, InterruptedException {
        out.beyond("the convoy effect");
        out.javaf("An I/O thread makes %d one-byte round trips with an echo thread over two pipes, releasing the GIL"
                + " around every read and write as CPython's sockets do; beside a CPU-bound thread the echo replies"
                + " once that thread runs again, as a network peer would (CPython bpo-7946, Beazley 2010).",
                ROUND_TRIPS);
        Optional<CPythonConvoy> cpython = CPythonConvoy.recorded();
        for (Setup setup : Setup.values()) {
            out.java(setup.description() + ":");
            Result result = setup.run(ROUND_TRIPS);
            out.printf("Took %.3f seconds%n", result.seconds());
            String gil = setup.switchInterval().isEmpty() ? "no GIL to wait for"
                    : String.format(Locale.ROOT, "the I/O threads waited %s for the GIL per round trip, %d forced"
                            + " drops", time(result.ioGilWaitPerRoundTrip()), result.gil().forcedDrops());
            out.javaf("median round trip %s; %s.%s", time(result.medianRoundTrip()), gil,
                    cpython.flatMap(c -> c.row(setup)).map(row -> " CPython: " + row + ".").orElse(""));
        }
        out.java(cpythonSource(cpython));
        out.java("Beside a CPU-bound thread each round trip waits a switch interval or two for the GIL: threads still"
                + " overlap blocking I/O, but an I/O thread's latency becomes the switch interval. A shorter interval"
                + " shortens the wait and costs the CPU thread more switches; Java threads have no GIL to wait for.");
    }

    /**
     * CPython's recorded convoy figures, read from {@code benchmarks/results} (this machine's, else another's): a
     * line per setup it measured, then where they come from; or one line saying how to record them.
     */
    public static List<String> cpythonFigures() {
        Optional<CPythonConvoy> cpython = CPythonConvoy.recorded();
        List<String> lines = new ArrayList<>();
        for (Setup setup : Setup.values()) {
            cpython.flatMap(c -> c.row(setup)).ifPresent(row -> lines.add(setup.description() + ": " + row));
        }
        lines.add(cpythonSource(cpython));
        return lines;
    }

    private static String cpythonSource(Optional<CPythonConvoy> cpython) {
        return cpython.map(c -> "CPython's figures: " + c.provenance() + ". Its echo replies at once, racing the"
                + " woken CPU thread: on a busy machine the effect fades.").orElse(CPythonConvoy.NOT_RECORDED);
    }

    /** A short span for the demo: {@code 5.20 ms}, or {@code 4.7 µs} below a millisecond. */
    static String time(Duration d) {
        double micros = d.toNanos() / 1e3;
        return micros < 1000 ? String.format(Locale.ROOT, "%.1f µs", micros)
                : String.format(Locale.ROOT, "%.2f ms", micros / 1e3);
    }

    // ---- one run ----

    /** One run's pipes, threads and measurements; closing it stops whatever still runs. */
    private static final class Run implements AutoCloseable {

        private final Gil gil;
        private final boolean cpuThread;
        private final int roundTrips;
        private final Pipe toEcho;
        private final Pipe fromEcho;
        private final CountDownLatch cpuHoldsGil = new CountDownLatch(1);
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();
        private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        // Each written by one thread and read after joining it.
        private final long[] roundTripNanos;
        private long elapsedNanos;
        private long ioWaitNanos;
        private long echoWaitNanos;
        /** The CPU-bound thread's iterations so far, published at each one for the echo thread. */
        private volatile long cpuProgress;

        Run(Gil gil, boolean cpuThread, int roundTrips) throws IOException {
            this.gil = gil;
            this.cpuThread = cpuThread;
            this.roundTrips = roundTrips;
            this.roundTripNanos = new long[roundTrips];
            this.toEcho = Pipe.open();
            Pipe other;
            try {
                other = Pipe.open();
            } catch (IOException e) {
                closePipes(toEcho);
                throw e;
            }
            this.fromEcho = other;
        }

        /** The CPU-bound thread: loops under the GIL, checking at each back edge, until the round trips end. */
        void cpuBound() {
            cpuHoldsGil.countDown();
            long n = 0;
            while (!stop.get()) {
                cpuProgress = ++n;
                gil.check(Site.BACK_EDGE);
            }
        }

        /**
         * The echo thread: reads each byte and writes it back, the GIL released around both calls. Under a GIL, with
         * a CPU-bound thread beside it, it replies only once that thread has run again since the byte arrived.
         */
        void echo() throws IOException, InterruptedException {
            ByteBuffer buffer = ByteBuffer.allocate(1);
            boolean slowPeer = cpuThread && !gil.isFreeThreaded();
            for (int i = 0; i < roundTrips; i++) {
                buffer.clear();
                echoWaitNanos += timedRelease(() -> {
                    readOne(toEcho.source(), buffer);
                    if (slowPeer) {
                        awaitCpuProgress();
                    }
                });
                buffer.flip();
                echoWaitNanos += timedRelease(() -> writeAll(fromEcho.sink(), buffer));
            }
        }

        /**
         * Waits, without the GIL, until the CPU-bound thread has counted another iteration: it then holds the GIL.
         * This is the reply of a peer slower than waking a thread (any network peer); a local echo that replied at
         * once would race the woken CPU thread for the GIL and, on a busy machine, win.
         */
        private void awaitCpuProgress() throws IOException {
            long seen = cpuProgress;
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (cpuProgress == seen && !stop.get()) {
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for the CPU-bound thread");
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("the CPU-bound thread made no progress within " + LIMIT);
                }
                LockSupport.parkNanos(PEER_POLL.toNanos());
            }
        }

        /** The I/O thread: the timed round trips; stops the CPU thread when done. */
        void roundTrips() throws IOException, InterruptedException {
            try {
                ByteBuffer out = ByteBuffer.allocate(1);
                ByteBuffer in = ByteBuffer.allocate(1);
                long begin = System.nanoTime();
                for (int i = 0; i < roundTrips; i++) {
                    long start = System.nanoTime();
                    out.clear().put((byte) i).flip();
                    ioWaitNanos += timedRelease(() -> writeAll(toEcho.sink(), out));
                    in.clear();
                    ioWaitNanos += timedRelease(() -> readOne(fromEcho.source(), in));
                    if (in.get(0) != (byte) i) {
                        throw new IOException("round trip " + i + " came back as " + in.get(0));
                    }
                    roundTripNanos[i] = System.nanoTime() - start;
                }
                elapsedNanos = System.nanoTime() - begin;
            } finally {
                stop.set(true);
            }
        }

        Result result() throws IOException {
            if (!failures.isEmpty()) {
                throw new IOException("the convoy run failed in a thread", failures.get(0));
            }
            return new Result(roundTripNanos, elapsedNanos, ioWaitNanos + echoWaitNanos, cpuProgress,
                    gil.stats());
        }

        /** Runs a blocking call with the GIL released; returns how long taking the GIL back took after it. */
        private long timedRelease(Io call) throws IOException, InterruptedException {
            long[] returned = new long[1];
            gil.releaseAround(() -> {
                call.run();
                returned[0] = System.nanoTime();
            });
            return System.nanoTime() - returned[0];
        }

        /** Starts a thread from {@code factory}, named by its role, that runs {@code body} as a Python thread. */
        void start(ThreadFactory factory, String name, Gil.ThrowingRunnable<Exception> body) {
            Thread thread = factory.newThread(() -> {
                try {
                    gil.runAsPythonThread(body);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail(e);
                } catch (Exception | Error e) {
                    fail(e);
                }
            });
            if (thread == null) {
                throw new IllegalStateException("the thread factory made no thread for " + name);
            }
            thread.setName(name);
            threads.add(thread);
            thread.start();
        }

        /** A thread failed: record it and close the pipes, so the others stop rather than wait for it. */
        private void fail(Throwable e) {
            failures.add(e);
            stop.set(true);
            closePipes(toEcho, fromEcho);
        }

        /** Joins every thread within {@link #LIMIT}; a run that overstays is reported stuck (and stopped by close). */
        void joinAll() throws InterruptedException {
            long deadline = System.nanoTime() + LIMIT.toNanos();
            for (Thread thread : threads) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                    throw new IllegalStateException(thread.getName() + " did not finish within " + LIMIT
                            + ": stuck, so the run was stopped");
                }
            }
        }

        /** Stops whatever still runs: the CPU loop by its flag, blocked reads by closing the pipes and interrupts. */
        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            closePipes(toEcho, fromEcho);
            for (Thread thread : threads) {
                thread.interrupt();
            }
            for (Thread thread : threads) {
                if (!thread.join(Duration.ofSeconds(10))) {
                    throw new IllegalStateException(thread.getName() + " did not stop within 10 s of its interrupt");
                }
            }
        }
    }

    private interface Io {
        void run() throws IOException;
    }

    private static void readOne(Pipe.SourceChannel source, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (Blocking.call("pipe read", () -> source.read(buffer)) < 0) {
                throw new EOFException("the pipe closed mid round trip");
            }
        }
    }

    private static void writeAll(Pipe.SinkChannel sink, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            Blocking.call("pipe write", () -> sink.write(buffer));
        }
    }

    /** Closes both ends of each pipe, quietly: they are only ever closed to end a run. */
    private static void closePipes(Pipe... pipes) {
        for (Pipe pipe : pipes) {
            for (Channel end : List.of(pipe.sink(), pipe.source())) {
                try {
                    end.close();
                } catch (IOException e) {
                    // the run is ending either way; a pipe end that fails to close has nothing left to give it
                }
            }
        }
    }
}
