package workbench.item53;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import workbench.demo.Narrator;

/**
 * Item 53's demo section on the {@link Convoy}: the model warmed up, then each {@link Convoy.Setup} timed as {@code
 * item53.py} times CPython (the median of {@value #RUNS} runs), its time in the book's format and its median round
 * trip, with CPython's recorded figure and the ratio of the two times beside the model's where that recording was
 * quiet ({@link CPythonConvoy}).
 */
public final class ConvoyDemo {

    private ConvoyDemo() {
    }

    /** Runs per setup, as many as {@code item53.py convoy} times CPython's: the median is shown. */
    static final int RUNS = 5;
    /**
     * How long the section warms the model up before it times anything, as a benchmark's warm-up does: runs of the
     * setup that exercises every path (forced drops, hand-overs, pipe reads) most often. A cold first run is slower
     * and races differently.
     */
    static final Duration WARM_UP = Duration.ofSeconds(1);

    /** The demo's section. */
    public static void show(Narrator out) throws IOException, InterruptedException {
        out.beyond("the convoy effect");
        out.javaf("An I/O thread makes %d one-byte round trips with an echo thread over two pipes, releasing the GIL"
                + " around every read and write as CPython's sockets do; the echo replies at once, as item53.py's"
                + " does (CPython bpo-7946, Beazley 2010). After %d s of warm-up each setup runs %d times, as"
                + " item53.py times CPython: the median run is shown.", Convoy.ROUND_TRIPS, WARM_UP.toSeconds(),
                RUNS);
        Measured.warmUp();
        Optional<CPythonConvoy> cpython = CPythonConvoy.recorded();
        for (Convoy.Setup setup : Convoy.Setup.values()) {
            out.java(setup.description() + ":");
            Measured measured = Measured.of(setup);
            Convoy.Result result = measured.median();
            out.printf("Took %.3f seconds%n", result.seconds()); // the median run, as the section says
            String gil = setup.switchInterval().isEmpty() ? "no GIL to wait for"
                    : String.format(Locale.ROOT, "the I/O threads waited %s for the GIL per round trip, %d forced"
                            + " drops", time(result.ioGilWaitPerRoundTrip()), result.gil().forcedDrops());
            out.javaf("median round trip %s; %s.%s", time(measured.medianRoundTrip()), gil,
                    cpython.flatMap(c -> c.quietComparison(setup, result.seconds())).map(line -> " " + line)
                            .orElse(""));
        }
        out.java(cpythonSource(cpython));
        out.java("Beside a CPU-bound thread a round trip waits a switch interval or two for the GIL whenever the CPU"
                + " thread retakes it first: threads still overlap blocking I/O, but an I/O thread's latency becomes"
                + " the switch interval. A shorter interval shortens the wait and costs the CPU thread more switches;"
                + " Java threads have no GIL to wait for. Alone, nothing waits for the GIL: the time is how fast the OS"
                + " hands a byte between two threads, a few microseconds a round trip while it keeps them on one CPU,"
                + " an order of magnitude more while it wakes the other CPU each time, in CPython as in Java, so that"
                + " row can stand that far from CPython's in either direction.");
    }

    /** One setup's runs: the run of median time and every round trip of all of them. */
    public record Measured(List<Convoy.Result> runs) {

        /** Runs the setup {@link #RUNS} times. */
        public static Measured of(Convoy.Setup setup) throws IOException, InterruptedException {
            List<Convoy.Result> runs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                runs.add(setup.run(Convoy.ROUND_TRIPS));
            }
            return new Measured(List.copyOf(runs));
        }

        /** {@link #WARM_UP} of runs, not shown. */
        public static void warmUp() throws IOException, InterruptedException {
            long end = System.nanoTime() + WARM_UP.toNanos();
            do {
                Convoy.Setup.SWITCH_100US.run(Convoy.ROUND_TRIPS);
            } while (System.nanoTime() < end);
        }

        /** The run whose time is the median of the runs'. */
        public Convoy.Result median() {
            List<Convoy.Result> sorted = new ArrayList<>(runs);
            sorted.sort(Comparator.comparingLong(Convoy.Result::elapsedNanos));
            return sorted.get(sorted.size() / 2);
        }

        /** The median of every run's round trips together, as {@code item53.py} takes it. */
        public Duration medianRoundTrip() {
            return Convoy.Result.median(runs.stream().flatMapToLong(r -> Arrays.stream(r.roundTripNanos())).toArray());
        }
    }

    /**
     * CPython's recorded convoy figures, read from {@code benchmarks/results} (this machine's, else another's): a
     * line per setup it measured on a quiet machine, then where they come from (or why some are withheld); or one
     * line saying how to record them.
     */
    public static List<String> cpythonFigures() {
        Optional<CPythonConvoy> cpython = CPythonConvoy.recorded();
        List<String> lines = new ArrayList<>();
        for (Convoy.Setup setup : Convoy.Setup.values()) {
            cpython.flatMap(c -> c.quietRow(setup)).ifPresent(row -> lines.add(setup.description() + ": " + row));
        }
        lines.add(cpythonSource(cpython));
        return lines;
    }

    private static String cpythonSource(Optional<CPythonConvoy> cpython) {
        return cpython.map(CPythonConvoy::source).orElse(CPythonConvoy.NOT_RECORDED);
    }

    /** A short span for the demo: {@code 5.20 ms}, or {@code 4.7 µs} below a millisecond. */
    static String time(Duration d) {
        double micros = d.toNanos() / 1e3;
        return micros < 1000 ? String.format(Locale.ROOT, "%.1f µs", micros)
                : String.format(Locale.ROOT, "%.2f ms", micros / 1e3);
    }
}
