package workbench.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code bench --require-quiet}: before an item is recorded, wait for a window in which other processes use at
 * most {@link OtherProcesses#THRESHOLD_PERCENT_OF_CORE} of a core, measured window after window until one is quiet
 * or the wait is over.
 */
public final class QuietStart {

    /** How long each look at the machine lasts. */
    public static final Duration WINDOW = Duration.ofSeconds(5);

    /** What the wait found. */
    public enum Outcome {
        /** A window was quiet: record. */
        QUIET,
        /** Every window until the end of the wait was busy. */
        BUSY,
        /** {@code /proc} is absent: quiet cannot be measured here. */
        NOT_MEASURED
    }

    private QuietStart() {
    }

    /** Waits up to {@code wait} for a quiet {@link #WINDOW}, saying on {@code log} what each window measured. */
    public static Outcome await(Duration wait, PrintStream log) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        do {
            OptionalDouble percent = window();
            if (percent.isEmpty()) {
                log.println("Other processes: " + OtherProcesses.NOT_MEASURED + " (no /proc/stat); going on.");
                return Outcome.NOT_MEASURED;
            }
            log.println("Other processes in the last " + WINDOW.toSeconds() + " s: "
                    + OtherProcesses.describe(percent.getAsDouble()));
            if (!OtherProcesses.busy(percent.getAsDouble())) {
                return Outcome.QUIET;
            }
        } while (System.nanoTime() < deadline);
        return Outcome.BUSY;
    }

    private static OptionalDouble window() throws InterruptedException {
        Optional<OtherProcesses.Sample> start = OtherProcesses.sample();
        if (start.isEmpty()) {
            return OptionalDouble.empty();
        }
        Thread.sleep(WINDOW);
        Optional<OtherProcesses.Sample> end = OtherProcesses.sample();
        return end.isEmpty() ? OptionalDouble.empty()
                : OptionalDouble.of(OtherProcesses.percentOfCore(start.get(), end.get()));
    }
}
