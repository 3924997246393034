package workbench.proc;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import workbench.recording.Blocking;

/**
 * A running child process whose stdout and stderr are drained from the moment it starts, each by its own daemon
 * thread, so a chatty child can never fill a pipe and deadlock against its parent. It is the workbench's
 * {@code subprocess.Popen}: {@link #communicate} is {@code Popen.communicate}, {@link #run} is
 * {@code subprocess.run(..., timeout=..., check=True)}.
 *
 * <p>Every wait takes a timeout. {@link #close()} (try-with-resources) ends a child that is still running,
 * together with its descendants: nothing outlives the block that started it. An interrupt while waiting ends
 * the child too, and the interrupt is re-asserted.
 */
public final class Child implements AutoCloseable {

    /** How long {@link #close()} lets a child exit on SIGTERM before it is killed. */
    public static final Duration CLOSE_GRACE = Duration.ofSeconds(2);
    /** How much of stderr is kept: its last 64 KiB (a failing child's message is at the end). */
    static final int STDERR_TAIL_BYTES = 64 * 1024;

    private final List<String> command;
    private final Process process;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final TailBuffer stderr = new TailBuffer(STDERR_TAIL_BYTES);
    private final Thread stdoutDrain;
    private final Thread stderrDrain;
    private volatile IOException drainFailure;

    private Child(List<String> command, Process process, OutputStream stdoutSink) {
        this.command = List.copyOf(command);
        this.process = process;
        this.stdoutDrain = drain("stdout", process.getInputStream(), stdoutSink == null ? stdout : stdoutSink);
        this.stderrDrain = drain("stderr", process.getErrorStream(), stderr);
    }

    /** Starts {@code builder}'s command with its streams drained. */
    public static Child start(ProcessBuilder builder) throws ChildStartException {
        return start(builder, null);
    }

    /**
     * Starts {@code builder}'s command with its stdout written to {@code stdoutSink} as it comes, by the drain
     * thread, instead of kept ({@link Result#stdout()} is then empty): for a long-running child whose progress
     * the parent shows while it runs. The sink sees everything once {@link #communicate} has returned.
     */
    public static Child start(ProcessBuilder builder, OutputStream stdoutSink) throws ChildStartException {
        try {
            return new Child(builder.command(), builder.start(), stdoutSink);
        } catch (IOException e) {
            throw new ChildStartException(builder.command(), e);
        }
    }

    /**
     * Starts a pipeline: each stage's stdout feeds the next stage's stdin through an OS pipe the parent never
     * reads (Python's {@code stdin=previous.stdout} followed by closing the parent's copy). The parent writes
     * the first stage's {@link #stdin()} and reads the last stage's output.
     */
    public static List<Child> startPipeline(List<ProcessBuilder> stages) throws ChildStartException {
        List<Process> processes;
        try {
            processes = ProcessBuilder.startPipeline(stages);
        } catch (IOException e) {
            throw new ChildStartException(stages.stream().flatMap(b -> b.command().stream()).toList(), e);
        }
        List<Child> children = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            children.add(new Child(stages.get(i).command(), processes.get(i), null));
        }
        return List.copyOf(children);
    }

    /**
     * Runs a command to completion: feeds it {@code input} (null for none), collects its output, and fails
     * with a typed exception when it outlives {@code timeout} (it is then ended with its descendants) or exits
     * with a non-zero status.
     */
    public static Result run(ProcessBuilder builder, byte[] input, Duration timeout)
            throws ChildProcessException, InterruptedException {
        try (Child child = start(builder)) {
            return child.communicate(input, timeout).checkExitCode();
        }
    }

    public List<String> command() {
        return command;
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    /** The child's standard input, for writing to it while it runs (Python's {@code proc.stdin}). */
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status if the child has ended, else empty (Python's {@code proc.poll()} returning None). */
    public OptionalInt poll() {
        return process.isAlive() ? OptionalInt.empty() : OptionalInt.of(process.exitValue());
    }

    /**
     * Sends {@code input} (if not null), closes stdin, waits for the child to exit and for its output to be
     * read: Python's {@code communicate(input, timeout)}. On timeout the child keeps running, as in Python:
     * the caller decides whether to {@link #terminate()} it; {@link #close()} ends it in any case.
     */
    public Result communicate(byte[] input, Duration timeout) throws ChildTimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Thread writer = feedAndClose(input);
        try {
            if (!Blocking.call("waitFor child", () -> process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS))) {
                throw new ChildTimeoutException(command, timeout);
            }
            for (Thread thread : new Thread[] {writer, stdoutDrain, stderrDrain}) {
                if (thread != null && !thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                    // The child exited but something it started still holds its output open.
                    throw new ChildTimeoutException(command, timeout);
                }
            }
        } catch (InterruptedException e) {
            ProcessTree.destroy(process.toHandle(), Duration.ZERO);
            throw e;
        }
        if (drainFailure != null) {
            throw new UncheckedIOException("reading the output of " + ChildProcessException.describe(command),
                    drainFailure);
        }
        return new Result(command, process.exitValue(), stdoutBytes(), stderr.toByteArray());
    }

    public Result communicate(Duration timeout) throws ChildTimeoutException, InterruptedException {
        return communicate(null, timeout);
    }

    /** Waits for the child to exit and returns its status; on timeout it keeps running. */
    public int waitFor(Duration timeout) throws ChildTimeoutException, InterruptedException {
        if (!Blocking.call("waitFor child", () -> process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS))) {
            throw new ChildTimeoutException(command, timeout);
        }
        return process.exitValue();
    }

    /** Asks the child and its descendants to stop: SIGTERM on Unix (Python's {@code proc.terminate()}). */
    public void terminate() {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        tree.forEach(ProcessHandle::destroy);
    }

    /** SIGTERM, then SIGKILL after {@code grace}, to the child and its descendants; true when all are gone. */
    public boolean destroy(Duration grace) {
        boolean gone = ProcessTree.destroy(process.toHandle(), grace);
        return awaitReaped() && gone;
    }

    /** Waits briefly until {@link Process} itself has seen the exit its handle already reported. */
    private boolean awaitReaped() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Ends the child and its descendants if still running, and releases its streams. Never blocks for long. */
    @Override
    public void close() {
        if (process.isAlive() || process.descendants().findAny().isPresent()) {
            destroy(CLOSE_GRACE);
        }
        closeQuietly(process.getOutputStream());
        boolean interrupted = false;
        for (Thread drain : new Thread[] {stdoutDrain, stderrDrain}) {
            try {
                if (!drain.join(CLOSE_GRACE)) {
                    closeQuietly(drain == stdoutDrain ? process.getInputStream() : process.getErrorStream());
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] stdoutBytes() {
        synchronized (stdout) {
            return stdout.toByteArray();
        }
    }

    private Thread feedAndClose(byte[] input) {
        OutputStream stdin = process.getOutputStream();
        if (input == null || input.length == 0) {
            closeQuietly(stdin);
            return null;
        }
        // A separate writer: a child that answers before it has read all its input cannot block us.
        return Thread.ofPlatform().daemon().name("child-" + process.pid() + "-stdin").start(() -> {
            try (stdin) {
                stdin.write(input);
            } catch (IOException e) {
                // The child closed its stdin early (EPIPE): like Python, that is the child's business.
            }
        });
    }

    private Thread drain(String name, InputStream from, OutputStream to) {
        return Thread.ofPlatform().daemon().name("child-" + process.pid() + "-" + name).start(() -> {
            byte[] buffer = new byte[8192];
            try (from) {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    synchronized (to) {
                        to.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                if (process.isAlive()) {
                    drainFailure = e;
                }
            }
        });
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // already closed or broken: nothing left to release
        }
    }

    /** What a finished child left: its exit status and everything it wrote. */
    public record Result(List<String> command, int exitCode, byte[] stdout, byte[] stderr) {

        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        public String stderrText() {
            return new String(stderr, StandardCharsets.UTF_8);
        }

        /** Python's {@code check_returncode()}: this result, or a {@link ChildFailedException}. */
        public Result checkExitCode() throws ChildFailedException {
            if (exitCode != 0) {
                throw new ChildFailedException(command, exitCode, tail(stderrText(), 2000));
            }
            return this;
        }

        private static String tail(String text, int chars) {
            return text.length() <= chars ? text : "..." + text.substring(text.length() - chars);
        }
    }

    /** Keeps the last {@code capacity} bytes written to it. */
    static final class TailBuffer extends OutputStream {

        private final byte[] ring;
        private long written;

        TailBuffer(int capacity) {
            this.ring = new byte[capacity];
        }

        @Override
        public void write(int b) {
            ring[(int) (written++ % ring.length)] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            for (int i = 0; i < length; i++) {
                write(bytes[offset + i]);
            }
        }

        synchronized byte[] toByteArray() {
            int size = (int) Math.min(written, ring.length);
            byte[] out = new byte[size];
            long start = written - size;
            for (int i = 0; i < size; i++) {
                out[i] = ring[(int) ((start + i) % ring.length)];
            }
            return out;
        }
    }
}
