package workbench.results;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Whether a recording was made on a quiet machine, judged from what its sidecar and row say. A figure such as
 * CPython's convoy is CPython's behaviour only when nothing else ran: on a busy machine the woken threads race
 * differently and the effect fades.
 *
 * <p>Best evidence first: the CPU time <em>other</em> processes used while it ran ({@link #OTHER_CPU}, in percent of a
 * core, written by {@code bench}); quiet when at most {@link #QUIET_PERCENT_OF_CORE} % of a core. Without it, the one-minute load
 * average (the row's own {@code loadAverage}, else the sidecar's {@code loadAverageAtStart}) against the cores:
 * above the core count, threads queued for a CPU. The load average counts the benchmark's own threads too, so it can
 * call a run busy that only itself made busy; it never calls a busy run quiet.
 */
public final class Quietness {

    /**
     * The row field {@code bench} writes: CPU time used by other processes while the row ran, in percent of one core
     * (50 = half a core).
     */
    public static final String OTHER_CPU = "otherProcesses";
    /** The most other processes may have used for a run to count as quiet, in percent of a core. */
    public static final double QUIET_PERCENT_OF_CORE = 5;

    /** The judgement and the figure it rests on, e.g. {@code load average 4.09 on 2 cores}. */
    public record Verdict(boolean quiet, String evidence) {
    }

    private Quietness() {
    }

    /** How quiet CPython's {@code row} was, from the row and its run's {@code sidecar}. */
    public static Verdict of(PythonRow row, Sidecar sidecar) {
        OptionalDouble other = fromRow(row, OTHER_CPU).isPresent() ? fromRow(row, OTHER_CPU)
                : sidecar.number(OTHER_CPU);
        OptionalDouble load = fromRow(row, "loadAverage").isPresent() ? fromRow(row, "loadAverage")
                : sidecar.number("loadAverageAtStart");
        OptionalDouble cores = fromRow(row, "cores").isPresent() ? fromRow(row, "cores") : sidecar.number("cores");
        return judge(other, load, cores);
    }

    /** The rule itself, on the figures found (any may be absent). */
    public static Verdict judge(OptionalDouble otherCpuCores, OptionalDouble load, OptionalDouble cores) {
        if (otherCpuCores.isPresent()) {
            double other = otherCpuCores.getAsDouble();
            return new Verdict(other <= QUIET_PERCENT_OF_CORE, String.format(Locale.ROOT,
                    "other processes used %.0f %% of a core while it ran", other));
        }
        if (load.isPresent() && cores.isPresent() && load.getAsDouble() >= 0) {
            return new Verdict(load.getAsDouble() <= cores.getAsDouble(), String.format(Locale.ROOT,
                    "load average %.2f on %.0f cores", load.getAsDouble(), cores.getAsDouble()));
        }
        return new Verdict(false, "no record of how busy the machine was");
    }

    private static OptionalDouble fromRow(PythonRow row, String key) {
        double value = row.number(key);
        return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
