package workbench.procpool;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Settings of a {@link ProcessPool} ({@link ProcessPool#builder()}). Not thread-safe; build once. */
public final class ProcessPoolBuilder {
    int workers = Runtime.getRuntime().availableProcessors();
    final List<String> allow = new ArrayList<>();
    final List<String> jvmFlags = new ArrayList<>(ProcessPool.WORKER_FLAGS);
    Duration closeGrace = ProcessPool.DEFAULT_CLOSE_GRACE;
    WorkerConnection.Starter starter = WorkerConnection.Starter.PROCESS_BUILDER;
    PrintStream workerStderr;

    ProcessPoolBuilder() {
    }

    /** The most worker JVMs (default: the number of processors, as Python's {@code os.cpu_count()}). */
    public ProcessPoolBuilder workers(int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        this.workers = workers;
        return this;
    }

    /**
     * Adds classes that may cross the process boundary besides java.base value types, collections and the
     * pool's protocol: {@code "com.example.Point"}, {@code "com.example.*"} (one package) or
     * {@code "com.example.**"} (a package and its sub-packages). A lambda's capturing class crosses too.
     */
    public ProcessPoolBuilder allow(String... patterns) {
        allow.addAll(Wire.checkPatterns(List.of(patterns)));
        return this;
    }

    /** The workers' JVM flags, instead of the default {@link ProcessPool#WORKER_FLAGS}. */
    public ProcessPoolBuilder jvmFlags(List<String> flags) {
        List<String> checked = checkFlags(flags);
        jvmFlags.clear();
        jvmFlags.addAll(checked);
        return this;
    }

    /** Adds JVM flags after the workers' others (the defaults unless replaced): a diagnostic, a recording. */
    public ProcessPoolBuilder addJvmFlags(List<String> flags) {
        jvmFlags.addAll(checkFlags(flags));
        return this;
    }

    private static List<String> checkFlags(List<String> flags) {
        for (String flag : flags) {
            if (!flag.startsWith("-")) {
                throw new IllegalArgumentException("not a JVM flag: " + flag);
            }
        }
        return List.copyOf(flags);
    }

    /** How long {@link ProcessPool#close()} waits for tasks before it kills the workers. */
    public ProcessPoolBuilder closeGrace(Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("negative grace: " + grace);
        }
        this.closeGrace = grace;
        return this;
    }

    /**
     * Where the workers' stderr (and what their tasks print) goes, line by line, each line prefixed with
     * {@code [procpool worker pid N]} and its control characters escaped; default: {@code System.err}, as it is
     * when a line comes. A test that provokes a worker's output gives its own stream, and asserts on it.
     */
    public ProcessPoolBuilder workerStderr(PrintStream stream) {
        this.workerStderr = Objects.requireNonNull(stream, "stream");
        return this;
    }

    /** How each worker's process is started (tests: a start that waits for them). */
    ProcessPoolBuilder starter(WorkerConnection.Starter starter) {
        this.starter = Objects.requireNonNull(starter, "starter");
        return this;
    }

    public ProcessPool build() {
        return new ProcessPool(this);
    }

    /**
     * Builds the pool and {@linkplain ProcessPool#prestart() starts and warms} every worker: what a benchmark trial
     * or a long-lived strategy wants. If starting fails or is interrupted, the pool is stopped and closed (no worker
     * is left behind) before the exception propagates.
     */
    public ProcessPool buildStarted() throws InterruptedException {
        ProcessPool pool = build();
        try {
            return pool.prestart();
        } catch (InterruptedException | RuntimeException | Error e) {
            pool.shutdownNow();
            pool.close();
            throw e;
        }
    }
}
