package workbench.recording;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples the OS scheduler's accounting of every thread of this JVM while a timeline records: once per period it
 * reads each {@code /proc/self/task/<tid>/schedstat} (nanoseconds on a CPU, nanoseconds waiting on a run queue;
 * Linux, no privileges) and commits the deltas as {@link ThreadSchedSampleEvent}s, one {@link SchedRoundEvent} per
 * period. JFR records neither: without this a timeline cannot tell a thread on a CPU from one waiting for a CPU.
 *
 * <p>Every thread of the JVM is read, Java or not (GC, JIT compilers, the VM thread): the reader maps the Java
 * threads' tids to lanes and sums the rest. Each tid's file stays open and is re-read from offset 0 (the kernel
 * regenerates it), so a round costs one {@code pread} per thread and one directory listing; each round event
 * carries the sampler's own CPU time, so the cost is in the data. Measured on the 2-core machine of this project
 * under a load of 12, with 22 threads: 0.27-0.30 ms of CPU per round at {@link #DEFAULT_PERIOD}, 2.6 % of one core
 * (1.3 % of the machine); every timeline's notes print the figure of its own run.
 *
 * <p>What the data cannot say: when, within a period, a thread ran (only how long), and the last partial period of
 * a thread that ended between two rounds.
 *
 * <p>A worker JVM starts one from its main when the system property {@link #PROPERTY} holds a period
 * ({@link #startFromProperty()}); the timeline passes it with its other flags.
 */
public final class SchedSampler implements AutoCloseable {

    /** The system property that makes {@link #startFromProperty()} start a sampler: its period in microseconds. */
    public static final String PROPERTY = "workbench.sched.sampler.micros";

    /** The period a timeline samples at: the resolution of its on-CPU / runnable split. */
    public static final Duration DEFAULT_PERIOD = Duration.ofMillis(10);

    /** The sampler thread's name; a timeline draws no lane for it (its CPU counts with the JVM's own threads). */
    public static final String THREAD_NAME = "workbench-sched-sampler";

    private static final Path TASKS = Path.of("/proc/self/task");
    private static final java.io.File TASKS_DIR = TASKS.toFile();

    private final long period;
    private final Thread thread;
    private final Map<Long, Tracked> tracked = new HashMap<>();
    private final ThreadMXBean cpuClock = ManagementFactory.getThreadMXBean();
    private final ByteBuffer buffer = ByteBuffer.allocate(256);
    private volatile boolean stopping;
    private long round;

    private SchedSampler(Duration period) {
        this.period = period.toNanos();
        this.thread = Thread.ofPlatform().name(THREAD_NAME).daemon().unstarted(this::loop);
    }

    /** Whether this OS gives each thread's scheduler accounting ({@code /proc/self/task/<tid>/schedstat}). */
    public static boolean available() {
        return Files.isReadable(TASKS) && Files.isReadable(Path.of("/proc/thread-self/schedstat"));
    }

    /**
     * Starts sampling every {@code period}, or returns empty where the OS has no such accounting
     * ({@link #available()}). The first round only takes the baseline.
     */
    public static Optional<SchedSampler> start(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a sampling period must be positive: " + period);
        }
        if (!available()) {
            return Optional.empty();
        }
        SchedSampler sampler = new SchedSampler(period);
        sampler.sample(); // the baseline, before the thread starts: the first period begins now
        sampler.thread.start();
        return Optional.of(sampler);
    }

    /**
     * Starts a sampler for the rest of this JVM's life if {@link #PROPERTY} names a period (a worker JVM of a
     * recorded run); returns whether one started. A malformed value is reported on stderr and ignored.
     */
    public static boolean startFromProperty() {
        String micros = System.getProperty(PROPERTY);
        if (micros == null || micros.isBlank()) {
            return false;
        }
        try {
            return start(Duration.ofNanos(TimeUnit.MICROSECONDS.toNanos(Long.parseLong(micros.strip()))))
                    .isPresent();
        } catch (IllegalArgumentException e) {
            System.err.println("workbench: ignoring -D" + PROPERTY + "=" + micros + ": " + e.getMessage());
            return false;
        }
    }

    /** The flag that makes a JVM started with it run {@link #startFromProperty()} at this period. */
    public static String flag(Duration period) {
        return "-D" + PROPERTY + "=" + TimeUnit.NANOSECONDS.toMicros(period.toNanos());
    }

    /** Stops sampling after one last round (so the samples reach this moment) and closes the files. */
    @Override
    public void close() {
        stopping = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.NANOSECONDS.toMillis(period) + 2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        long next = System.nanoTime() + period;
        try {
            while (!stopping) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                    continue;
                }
                sample();
                next = Math.max(next + period, System.nanoTime() + period / 2);
            }
            sample();
        } finally {
            tracked.values().forEach(Tracked::close);
            tracked.clear();
        }
    }

    private SchedRoundEvent pendingRound;

    /** One round: every thread read once, the deltas committed, the round's event committed and the next begun. */
    private void sample() {
        long cpuBefore = cpuClock.getCurrentThreadCpuTime();
        boolean baseline = pendingRound == null;
        String[] tids = TASKS_DIR.list();
        if (tids == null) {
            return; // /proc unreadable this round: the next round's event spans this one's period too
        }
        int seen = 0;
        for (String name : tids) {
            long tid;
            try {
                tid = Long.parseLong(name);
            } catch (NumberFormatException e) {
                continue;
            }
            Tracked t = tracked.get(tid);
            if (t == null) {
                t = Tracked.open(TASKS.resolve(name));
                if (t == null) {
                    continue; // it ended meanwhile
                }
                tracked.put(tid, t);
            }
            if (!read(t)) {
                continue;
            }
            t.seen = round;
            seen++;
            // A thread first seen after the baseline began within the period: its whole count is the delta.
            long dOn = t.readOnCpu - t.onCpu;
            long dQueue = t.readRunQueue - t.runQueue;
            t.onCpu = t.readOnCpu;
            t.runQueue = t.readRunQueue;
            if (!baseline && (dOn != 0 || dQueue != 0)) {
                ThreadSchedSampleEvent event = new ThreadSchedSampleEvent();
                if (event.shouldCommit()) {
                    event.round = round;
                    event.osThreadId = tid;
                    event.threadName = t.name;
                    event.onCpu = dOn;
                    event.runQueue = dQueue;
                    event.commit();
                }
            }
        }
        for (Iterator<Tracked> it = tracked.values().iterator(); it.hasNext(); ) {
            Tracked t = it.next();
            if (t.seen != round) {
                t.close();
                it.remove();
            }
        }
        if (pendingRound != null && pendingRound.shouldCommit()) {
            pendingRound.round = round;
            pendingRound.period = period;
            pendingRound.threads = seen;
            pendingRound.samplerCpu = cpuClock.getCurrentThreadCpuTime() - cpuBefore;
            pendingRound.commit();
        }
        round++;
        pendingRound = new SchedRoundEvent();
        pendingRound.begin();
    }

    /** Reads {@code t}'s schedstat into its {@code read*} fields; false if the thread is gone. */
    private boolean read(Tracked t) {
        buffer.clear();
        try {
            if (t.channel.read(buffer, 0) <= 0) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        int field = 0;
        long value = 0;
        boolean inNumber = false;
        for (int i = 0; i < buffer.position() && field < 2; i++) {
            byte b = buffer.get(i);
            if (b >= '0' && b <= '9') {
                value = value * 10 + (b - '0');
                inNumber = true;
            } else if (inNumber) {
                if (field++ == 0) {
                    t.readOnCpu = value;
                } else {
                    t.readRunQueue = value;
                }
                value = 0;
                inNumber = false;
            }
        }
        return field == 2;
    }

    /** One thread's open schedstat file, its name, and its counts at the last round. */
    private static final class Tracked {
        final FileChannel channel;
        final String name;
        long onCpu;
        long runQueue;
        /** The last round it was read in. */
        long seen = -1;
        long readOnCpu;
        long readRunQueue;

        private Tracked(FileChannel channel, String name) {
            this.channel = channel;
            this.name = name;
        }

        static Tracked open(Path task) {
            try {
                String name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
                return new Tracked(FileChannel.open(task.resolve("schedstat")), name);
            } catch (IOException e) {
                return null;
            }
        }

        void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // a /proc file: nothing to flush
            }
        }
    }
}
