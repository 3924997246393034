package workbench.item53;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import workbench.demo.Narrator;

/**
 * Item 53's demo section on the {@link Convoy}: each {@link Convoy.Setup} once, its time in the book's format and its
 * median round trip, with CPython's recorded figure beside the model's where that recording was quiet
 * ({@link CPythonConvoy}).
 */
public final class ConvoyDemo {

    private ConvoyDemo() {
    }

    /** The demo's section. */
    public static void show(Narrator out) throws IOException, InterruptedException {
        out.beyond("the convoy effect");
        out.javaf("An I/O thread makes %d one-byte round trips with an echo thread over two pipes, releasing the GIL"
                + " around every read and write as CPython's sockets do; beside a CPU-bound thread the echo replies"
                + " once that thread runs again, as a network peer would (CPython bpo-7946, Beazley 2010).",
                Convoy.ROUND_TRIPS);
        Optional<CPythonConvoy> cpython = CPythonConvoy.recorded();
        for (Convoy.Setup setup : Convoy.Setup.values()) {
            out.java(setup.description() + ":");
            Convoy.Result result = setup.run(Convoy.ROUND_TRIPS);
            out.printf("Took %.3f seconds%n", result.seconds());
            String gil = setup.switchInterval().isEmpty() ? "no GIL to wait for"
                    : String.format(Locale.ROOT, "the I/O threads waited %s for the GIL per round trip, %d forced"
                            + " drops", time(result.ioGilWaitPerRoundTrip()), result.gil().forcedDrops());
            out.javaf("median round trip %s; %s.%s", time(result.medianRoundTrip()), gil,
                    cpython.flatMap(c -> c.quietRow(setup)).map(row -> " CPython: " + row + ".").orElse(""));
        }
        out.java(cpythonSource(cpython));
        out.java("Beside a CPU-bound thread each round trip waits a switch interval or two for the GIL: threads still"
                + " overlap blocking I/O, but an I/O thread's latency becomes the switch interval. A shorter interval"
                + " shortens the wait and costs the CPU thread more switches; Java threads have no GIL to wait for.");
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
