package workbench.timeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-CPU lanes from the kernel's scheduler trace: {@code perf sched record} (Linux's perf; root, or a low
 * {@code perf_event_paranoid}) runs around a recording, system-wide, on {@code CLOCK_MONOTONIC} (Java's
 * {@code System.nanoTime}), and {@code perf sched timehist} lists each time a CPU switched a thread out, with how
 * long it ran: one {@link Timeline.CpuSlice} each, on the lane of its CPU. Where perf is missing or not permitted,
 * {@link #start} says why and the recording goes on without these lanes.
 */
final class PerfSched {

    /** One line of {@code perf sched timehist}: time, [cpu], task name[tid/pid], wait, delay, run (ms). */
    private static final Pattern LINE = Pattern.compile("^\\s*(\\d+\\.\\d+)\\s+\\[(\\d+)\\]\\s+(.*?)\\[(\\d+)"
            + "(?:/(\\d+))?\\]\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)\\s*$");
    private static final long STOP_SECONDS = 30;

    private final Process perf;
    private final Path data;
    private final Path log;

    private PerfSched(Process perf, Path data, Path log) {
        this.perf = perf;
        this.data = data;
        this.log = log;
    }

    /** What {@link #start} gave: a running trace, or why there is none. */
    record Started(PerfSched perf, String whyNot) {
    }

    /** Starts {@code perf sched record} writing into {@code folder}, and waits until it records. */
    static Started start(Path folder) {
        Path data = folder.resolve("perf.data");
        Path log = folder.resolve("perf.log");
        Process perf;
        try {
            perf = new ProcessBuilder("perf", "sched", "record", "-k", "CLOCK_MONOTONIC", "-o", data.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            return new Started(null, "per-CPU lanes not recorded: cannot run perf (" + e.getMessage() + ")");
        }
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (perf.isAlive() && !(Files.exists(data) && Files.size(data) > 0)
                    && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            Thread.sleep(200); // its ring buffers mapped and enabled after the header is written
            if (!perf.isAlive()) {
                return new Started(null, "per-CPU lanes not recorded: perf sched record exited with status "
                        + perf.exitValue() + ": " + lastLine(log));
            }
        } catch (IOException | InterruptedException e) {
            perf.destroyForcibly();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new Started(null, "per-CPU lanes not recorded: " + e);
        }
        return new Started(new PerfSched(perf, data, log), null);
    }

    /**
     * Stops the trace (SIGINT, as perf expects), reads it with {@code perf sched timehist}, and returns the
     * per-CPU lanes between {@code start} and {@code end} (epoch nanoseconds), the trace's monotonic times moved
     * by {@code monotonicToEpoch}.
     */
    List<Timeline.CpuLane> stop(long monotonicToEpoch, long start, long end)
            throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(perf.pid())).start().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
        if (!perf.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
            perf.destroyForcibly();
            throw new IOException("perf sched record did not stop within " + STOP_SECONDS + " s");
        }
        Path text = data.resolveSibling("timehist.txt");
        Process timehist = new ProcessBuilder("perf", "sched", "timehist", "-i", data.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(text.toFile()).start();
        if (!timehist.waitFor(120, TimeUnit.SECONDS)) {
            timehist.destroyForcibly();
            throw new IOException("perf sched timehist did not finish within 120 s");
        }
        return parse(Files.readString(text, StandardCharsets.UTF_8), monotonicToEpoch, start, end);
    }

    /** Kills the trace if it still runs (the recording failed before {@link #stop}). */
    void kill() {
        if (perf.isAlive()) {
            perf.destroyForcibly();
        }
    }

    /**
     * Parses {@code perf sched timehist} output: each line is a thread switched out of a CPU at {@code time}
     * (seconds) after running {@code run time} (ms), so its slice is {@code [time - run, time)}; the idle task
     * (tid 0) is left out; a slice never reaches back before the previous switch on its CPU. Slices are clipped to
     * {@code [start, end)} after adding {@code monotonicToEpoch}.
     */
    static List<Timeline.CpuLane> parse(String timehist, long monotonicToEpoch, long start, long end) {
        Map<Integer, List<Timeline.CpuSlice>> cpus = new TreeMap<>();
        Map<Integer, Long> lastOut = new TreeMap<>();
        for (String line : timehist.split("\n")) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            long tid = Long.parseLong(m.group(4));
            if (tid == 0) {
                continue;
            }
            int cpu = Integer.parseInt(m.group(2));
            long out = seconds(m.group(1)) + monotonicToEpoch;
            // A CPU runs one thread at a time: a run time reaching back before the previous switch on this CPU
            // (perf lost events, or counted from a switch-in it did not see) starts at that switch.
            long in = Math.max(out - milliseconds(m.group(8)), lastOut.getOrDefault(cpu, Long.MIN_VALUE));
            lastOut.put(cpu, out);
            long from = Math.max(start, in);
            long to = Math.min(end, out);
            if (to <= from) {
                continue;
            }
            long pid = m.group(5) == null ? tid : Long.parseLong(m.group(5));
            cpus.computeIfAbsent(cpu, k -> new ArrayList<>())
                    .add(new Timeline.CpuSlice(from, to, pid, tid, m.group(3).strip()));
        }
        List<Timeline.CpuLane> lanes = new ArrayList<>();
        cpus.forEach((cpu, slices) -> lanes.add(new Timeline.CpuLane(cpu, slices)));
        return lanes;
    }

    /** {@code "3201.748055"} seconds as nanoseconds, without floating point. */
    private static long seconds(String decimal) {
        int dot = decimal.indexOf('.');
        String fraction = (decimal.substring(dot + 1) + "000000000").substring(0, 9);
        return Long.parseLong(decimal.substring(0, dot)) * 1_000_000_000L + Long.parseLong(fraction);
    }

    /** {@code "0.328"} milliseconds as nanoseconds. */
    private static long milliseconds(String decimal) {
        int dot = decimal.indexOf('.');
        String fraction = dot < 0 ? "000000" : (decimal.substring(dot + 1) + "000000").substring(0, 6);
        return Long.parseLong(dot < 0 ? decimal : decimal.substring(0, dot)) * 1_000_000L + Long.parseLong(fraction);
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).strip();
        } catch (IOException e) {
            return "(no output)";
        }
    }
}
