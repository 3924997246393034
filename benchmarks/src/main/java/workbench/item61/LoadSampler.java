package workbench.item61;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Samples a {@link LoadServer}'s process tree every 50 ms on a daemon thread: the peak thread count; the peak RSS
 * and the CPU time are read from {@code /proc} when asked ({@code VmHWM} is already a peak). Off Linux it reads 0.
 */
final class LoadSampler implements AutoCloseable {

    private final long pid;
    private final Thread thread;
    private volatile int peakThreads;

    LoadSampler(long pid) {
        this.pid = pid;
        this.thread = Thread.ofPlatform().daemon().name("load-sampler").start(this::sample);
    }

    private void sample() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                peakThreads = Math.max(peakThreads, (int) sum("Threads:"));
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    int peakThreads() {
        return Math.max(peakThreads, (int) sum("Threads:"));
    }

    long peakRssKiB() {
        return sum("VmHWM:");
    }

    /** utime + stime of the tree, in nanoseconds (clock ticks of 10 ms). */
    long cpuNanos() {
        return tree().map(p -> {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(p), "stat"), UTF_8);
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }).sum();
    }

    /** The server and its descendants (the pre-forked workers). */
    private LongStream tree() {
        return ProcessHandle.of(pid).stream().flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                .mapToLong(ProcessHandle::pid);
    }

    private long sum(String field) {
        return tree().map(p -> {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p), "status"), UTF_8)) {
                    if (line.startsWith(field)) {
                        return Long.parseLong(line.substring(field.length()).strip().split("\\s+")[0]);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // the process is gone, or this is not Linux
            }
            return 0;
        }).sum();
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(Duration.ofSeconds(5));
    }
}
