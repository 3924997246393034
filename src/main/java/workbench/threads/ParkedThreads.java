package workbench.threads;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import workbench.annotations.NotThreadSafe;

/**
 * Many threads alive at once, each parked on one latch (as threads blocked in slow I/O would be), for measuring
 * what a thread costs: Item 57's {@code ThreadCost} (start-up time and resident memory) and Item 60's
 * {@code ThreadMemory} (heap and resident memory) both park their threads here and read {@link #residentBytes()}
 * around them.
 *
 * <p>Bounded: {@link #park} stops at the first thread the OS refuses ({@link OutOfMemoryError}, "unable to create
 * native thread") and keeps its message instead of failing; every wait has the given timeout; {@link #close()}
 * (try-with-resources) releases the latch and joins every thread, interrupting any still alive at the deadline.
 */
@NotThreadSafe
public final class ParkedThreads implements AutoCloseable {

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    private final Duration timeout;
    private Optional<String> refused = Optional.empty();
    private boolean parked;

    private ParkedThreads(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Starts up to {@code count} threads from {@code factory}, each parking on one latch until {@link #close()} (or
     * {@code timeout}), and waits (at most {@code timeout}) until every thread started has parked.
     */
    public static ParkedThreads park(ThreadFactory factory, int count, Duration timeout) throws InterruptedException {
        ParkedThreads parkedThreads = new ParkedThreads(timeout);
        try {
            parkedThreads.start(factory, count);
            return parkedThreads;
        } catch (InterruptedException | RuntimeException | Error e) {
            try {
                parkedThreads.close();
            } catch (InterruptedException again) {
                e.addSuppressed(again);
                Thread.currentThread().interrupt();
            }
            throw e;
        }
    }

    private void start(ThreadFactory factory, int count) throws InterruptedException {
        CountDownLatch arrived = new CountDownLatch(count);
        Runnable body = () -> {
            arrived.countDown();
            try {
                release.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        for (int i = 0; i < count; i++) {
            Thread thread = factory.newThread(body);
            try {
                thread.start();
            } catch (OutOfMemoryError limit) {                    // the OS refused another native thread
                refused = Optional.of(String.valueOf(limit.getMessage()));
                break;
            }
            threads.add(thread);
        }
        for (int i = threads.size(); i < count; i++) {
            arrived.countDown();
        }
        parked = arrived.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** How many threads were started (fewer than asked for when the OS refused one). */
    public int started() {
        return threads.size();
    }

    /** Whether every thread started reached the latch within the timeout. */
    public boolean allParked() {
        return parked;
    }

    /** The OS's refusal to start one more thread, if it came. */
    public Optional<String> refused() {
        return refused;
    }

    /** Releases the threads and joins them (at most the timeout), interrupting any still alive. */
    @Override
    public void close() throws InterruptedException {
        release.countDown();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            if (!thread.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                thread.interrupt();
            }
        }
    }

    /** This process's resident set size ({@code VmRSS} in {@code /proc/self/status}), or -1 off Linux. */
    public static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Where thread-per-task breaks on this machine: each platform thread is an OS task, bounded by the kernel's
     * {@code pid_max} and {@code threads-max} (machine-wide) and the user's process limit, and each stack is memory
     * mappings counted against {@code vm.max_map_count}.
     */
    public static String osLimits() {
        return "kernel.pid_max=" + read("/proc/sys/kernel/pid_max") + ", kernel.threads-max="
                + read("/proc/sys/kernel/threads-max") + ", vm.max_map_count=" + read("/proc/sys/vm/max_map_count")
                + ", max user processes=" + maxProcesses();
    }

    private static String maxProcesses() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max processes")) {
                    return line.substring("Max processes".length()).trim().split("\\s+")[0];
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "unknown";
    }

    private static String read(String path) {
        try {
            // readAllLines, not readString: /proc files report size 0 and readString may stop short.
            return Files.readAllLines(Path.of(path)).get(0).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
