package workbench.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How much of the CPU other processes used while a stretch of a benchmark ran: the machine's busy CPU time from
 * {@code /proc/stat} minus the CPU time of this JVM and its descendants (JMH's forked JVMs, CPython's
 * {@code python3}), as a percentage of one core over the stretch. The load average cannot tell the two apart: Item
 * 53's sixteen threads push it to 7 by themselves.
 *
 * <p>Everything is in clock ticks. {@code /proc/stat}'s {@code cpu} line counts user, nice, system, idle, iowait,
 * irq, softirq and steal (guest time is already inside user and nice); busy is user, nice and system: the time
 * processes ran. Interrupts are no process's (a socket-heavy row's softirq time is mostly the network stack working
 * for the benchmark itself, which no process's stime counts, so counting it made CPython's convoy look shared), and
 * a hypervisor's theft is no process of this machine's. A process's {@code /proc/<pid>/stat} gives its utime and
 * stime, and in cutime and cstime those of the children it has reaped (and theirs): a JMH fork that ended is in
 * this JVM's cutime, one still running is read on its own. The stretch's length per core is the {@code cpu} line's
 * total over the number of {@code cpuN} lines, so no tick rate is assumed. Kernel threads count as other
 * processes; a grandchild orphaned to init escapes the tree and counts as another process too.
 */
public final class OtherProcesses {

    /**
     * Above this, a row is marked: per-process and machine-wide accounting differ by a tick here and there, and a
     * quiet machine's daemons take a percent or so; five percent of a core is interference worth a look.
     */
    public static final double THRESHOLD_PERCENT_OF_CORE = workbench.results.Quietness.QUIET_PERCENT_OF_CORE;
    /** What is said for a row recorded before this was measured, or where {@code /proc} is absent. */
    public static final String NOT_MEASURED = "not measured";

    private static final Path PROC = Path.of("/proc");

    /** One reading: the machine's busy ticks, its ticks so far per core, and this process tree's ticks. */
    public record Sample(long machineBusy, double ticksPerCore, long own) {
    }

    private OtherProcesses() {
    }

    /** A reading now, or empty where {@code /proc/stat} cannot be read (not Linux). */
    public static Optional<Sample> sample() {
        String stat;
        try {
            stat = Files.readString(PROC.resolve("stat"));
        } catch (IOException | UncheckedIOException e) {
            return Optional.empty();
        }
        ProcessHandle self = ProcessHandle.current();
        long own;
        try (Stream<ProcessHandle> descendants = self.descendants()) {
            own = Stream.concat(Stream.of(self), descendants).mapToLong(OtherProcesses::ticksOf).sum();
        }
        return Optional.of(sample(stat, own));
    }

    /** A reading from a {@code /proc/stat} text and the tree's ticks. */
    static Sample sample(String procStat, long ownTicks) {
        long[] cpu = cpuLine(procStat);
        long cores = procStat.lines().filter(line -> line.matches("cpu\\d+\\s.*")).count();
        long total = 0;
        for (int i = 0; i < Math.min(cpu.length, 8); i++) {
            total += cpu[i];
        }
        long busy = cpu[0] + cpu[1] + cpu[2]; // user, nice, system: not idle, iowait, irq, softirq or steal
        return new Sample(busy, (double) total / Math.max(cores, 1), ownTicks);
    }

    private static long[] cpuLine(String procStat) {
        String line = procStat.lines().filter(l -> l.startsWith("cpu ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no 'cpu ' line in /proc/stat"));
        String[] fields = line.substring(4).strip().split("\\s+");
        if (fields.length < 4) {
            throw new IllegalArgumentException("/proc/stat's cpu line has " + fields.length + " fields: " + line);
        }
        long[] values = new long[fields.length];
        for (int i = 0; i < fields.length; i++) {
            values[i] = Long.parseLong(fields[i]);
        }
        return values;
    }

    /** One process's ticks with its reaped children's; 0 when it has gone since it was listed. */
    private static long ticksOf(ProcessHandle process) {
        try {
            return processTicks(Files.readString(PROC.resolve(Long.toString(process.pid())).resolve("stat")));
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    /**
     * utime + stime + cutime + cstime of a {@code /proc/<pid>/stat} text. The command name in parentheses may hold
     * spaces and parentheses, so the fields are counted from the last {@code ')'}: state is the first after it.
     */
    static long processTicks(String pidStat) {
        String[] fields = pidStat.substring(pidStat.lastIndexOf(')') + 1).strip().split("\\s+");
        if (fields.length < 15) {
            throw new IllegalArgumentException("a /proc/<pid>/stat with " + fields.length + " fields after the name");
        }
        long ticks = 0;
        for (int i = 11; i <= 14; i++) { // fields 14-17 of proc(5): utime stime cutime cstime
            ticks += Long.parseLong(fields[i]);
        }
        return ticks;
    }

    /**
     * The shortest stretch a figure is given for: {@code /proc/stat} charges whole clock ticks (100 a second), so a
     * stretch of T ticks per core reads within about two ticks (one per CPU here) over T of a core: 2 % at 100 ticks,
     * a second. A 40 ms stretch could read 25 % from one tick charged to the wrong side.
     */
    public static final double MIN_TICKS_PER_CORE = 100;

    /**
     * The figure for each of consecutive stretches bounded by {@code boundaries} (n + 1 readings for n stretches),
     * each at least {@link #MIN_TICKS_PER_CORE} long: stretches shorter than that are grouped with their neighbours
     * into windows that are (a short remainder at the end joins the window before it), and each stretch gets its
     * window's figure. Used for CPython's rows, many of which last milliseconds.
     */
    public static List<Double> perStretch(List<Sample> boundaries) {
        int n = boundaries.size() - 1;
        List<Integer> starts = new ArrayList<>(List.of(0)); // where each window begins, as a boundary's index
        for (int end = 1; end < n; end++) {
            if (ticksBetween(boundaries, starts.get(starts.size() - 1), end) >= MIN_TICKS_PER_CORE) {
                starts.add(end);
            }
        }
        if (starts.size() > 1 && ticksBetween(boundaries, starts.get(starts.size() - 1), n) < MIN_TICKS_PER_CORE) {
            starts.remove(starts.size() - 1); // too short on its own: the window before it takes it in
        }
        List<Double> figures = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            int from = starts.get(k);
            int to = k + 1 < starts.size() ? starts.get(k + 1) : n;
            double figure = percentOfCore(boundaries.get(from), boundaries.get(to));
            for (int stretch = from; stretch < to; stretch++) {
                figures.add(figure);
            }
        }
        return figures;
    }

    private static double ticksBetween(List<Sample> boundaries, int from, int to) {
        return boundaries.get(to).ticksPerCore() - boundaries.get(from).ticksPerCore();
    }

    /**
     * What other processes used between two readings, in percent of one core; 0 where this tree's own accounting
     * ran ahead of the machine's by a tick, NaN where no time passed.
     */
    public static double percentOfCore(Sample start, Sample end) {
        double perCore = end.ticksPerCore() - start.ticksPerCore();
        if (perCore <= 0) {
            return Double.NaN;
        }
        long other = (end.machineBusy() - start.machineBusy()) - (end.own() - start.own());
        return 100 * Math.max(other, 0) / perCore;
    }

    /** Whether a figure is above {@link #THRESHOLD_PERCENT_OF_CORE}. */
    public static boolean busy(double percentOfCore) {
        return percentOfCore > THRESHOLD_PERCENT_OF_CORE;
    }

    /** {@code 1.2 % of a core}, or {@value #NOT_MEASURED} for NaN. */
    public static String describe(double percentOfCore) {
        return Double.isNaN(percentOfCore) ? NOT_MEASURED
                : String.format(Locale.ROOT, "%.1f %% of a core", percentOfCore);
    }

    /** A figure rounded to a tenth, as recorded. */
    static double rounded(double percentOfCore) {
        return Math.round(percentOfCore * 10) / 10.0;
    }
}
