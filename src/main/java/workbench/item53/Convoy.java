package workbench.item53;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import workbench.examples.Way;
import workbench.gil.Gil;
import workbench.gil.GilStats;

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
 * hides the effect. Who replies decides how often the convoy forms ({@link Peer}): a {@linkplain Peer#LOCAL local}
 * echo that replies at once, as {@code benchmarks/python/item53.py}'s echo thread does, races the woken CPU thread
 * for the GIL and sometimes wins, so some round trips wait and some do not, in CPython as in the model (on a busy
 * machine it wins more often and the effect fades); a {@linkplain Peer#REMOTE remote} peer replies only once the
 * CPU thread has run again since the byte arrived, as a peer across a network does (its round trip is longer than
 * waking a thread), and the convoy forms on every round trip, at any load. The {@link Setup}s use the local echo:
 * they are what the benchmark measures beside CPython's figures (the {@code convoy} rows of Item 53 in
 * {@code benchmarks/results/<machine>/REPORT.md}, recorded quiet or withheld by {@link CPythonConvoy}). The I/O
 * threads' loops have no check points of their own: they hold the GIL for a few statements between two calls, too
 * briefly for anyone to ask them to drop it.
 *
 * <p>The demo ({@link ConvoyDemo}), {@code ConvoyTest} and {@code Item53Benchmark.convoy} run the same {@link Setup}s;
 * {@link #run(Gil, boolean, Peer, int, ThreadFactory)} runs one configuration on threads of the caller's making
 * (for a recording of its timeline), as one {@link ConvoyRun}. {@code benchmarks/python/item53.py convoy} measures the
 * same
 * in CPython ({@link CPythonConvoy} reads its figures).
 */
public final class Convoy {

    /** Round trips per run: as many as {@code benchmarks/python/item53.py} makes. */
    public static final int ROUND_TRIPS = 200;
    /** The longest a run may take before it is stopped as stuck (a normal run takes about 2 s at most). */
    static final Duration LIMIT = Duration.ofSeconds(60);

    /** The configurations the demo, the benchmark and the tests compare. */
    public enum Setup implements Way {
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

        /** Runs this configuration once on new platform threads, with the {@linkplain Peer#LOCAL local} echo. */
        public Result run(int roundTrips) throws IOException, InterruptedException {
            return Convoy.run(newGil(), cpuThread, Peer.LOCAL, roundTrips, Thread.ofPlatform().factory());
        }
    }

    /** Who answers the I/O thread's bytes: when the reply comes decides how often the convoy forms. */
    public enum Peer {
        /**
         * An echo thread that replies at once, as {@code item53.py}'s does over its socket pair: beside a CPU-bound
         * thread it races that thread, just woken by the GIL's hand-over, to take the GIL back, and the convoy forms
         * only on the round trips where the CPU thread wins.
         */
        LOCAL,
        /**
         * A peer slower than waking a thread, as any peer across a network is: beside a CPU-bound thread under a GIL
         * it replies only once that thread has run again since the byte arrived, so it holds the GIL again and
         * every round trip waits for a forced drop, at any load. (Without a CPU thread, or a GIL, it replies at once.)
         */
        REMOTE
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
            return median(roundTripNanos.clone());
        }

        /** The median of round trips in nanoseconds (sorted in place; the upper one of an even count), or zero. */
        static Duration median(long[] roundTripNanos) {
            Arrays.sort(roundTripNanos);
            return Duration.ofNanos(roundTripNanos.length == 0 ? 0 : roundTripNanos[roundTripNanos.length / 2]);
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
     * echo thread ({@code convoy-echo}) over two pipes, the echo answering as {@code peer} does, under {@code gil},
     * with each read and write inside {@link
     * Gil#releaseAround}; if {@code besideCpu}, a CPU-bound thread ({@code convoy-cpu}) takes the GIL first and
     * loops, checking at each back edge, until the round trips are done. The threads come from {@code threads}
     * (named here by their role), run as Python threads of {@code gil}, and are all joined before it returns.
     *
     * @throws IOException if a pipe failed
     * @throws IllegalStateException if the run did not finish within a minute (its threads are then stopped)
     */
    public static Result run(Gil gil, boolean besideCpu, Peer peer, int roundTrips, ThreadFactory threads)
            throws IOException, InterruptedException {
        if (roundTrips < 1) {
            throw new IllegalArgumentException("roundTrips must be positive: " + roundTrips);
        }
        Objects.requireNonNull(peer, "peer");
        try (ConvoyRun run = new ConvoyRun(gil, besideCpu, peer, roundTrips)) {
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
}
