package workbench.procpool;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import workbench.annotations.GuardedBy;
import workbench.proc.ProcessTree;
import workbench.recording.ClockSyncEvent;

/**
 * One worker JVM as its pool sees it: the process, the thread that reads its answers, the thread that forwards its
 * stderr, and the last stderr lines, kept to say why it died. It knows nothing of the pool's state: it hands each
 * frame to its {@link Listener} and tells it once when the worker's output ends.
 */
final class WorkerConnection {

    /** The most of a worker's stderr forwarded per line, and in all, before the rest is dropped (drained). */
    static final int MAX_LINE = 8 * 1024;
    static final long MAX_FORWARDED = 1L << 20;
    /** How much of a dead worker's stderr its pool's error message quotes, and how long it waits to read it. */
    static final int LAST_ERR_LINES = 3;
    static final int LAST_ERR_CHARS = 300;
    static final Duration STDERR_GRACE = Duration.ofSeconds(1);

    /** What the pool hears from a worker; called on the worker's reader thread. */
    interface Listener {
        /** The worker JVM is up and serving. */
        void ready();

        /** An answer (result or failure frame) arrived; an exception breaks the connection (protocol error). */
        void answered(Wire.Frame frame) throws IOException;

        /** The worker's output ended (called once, last): it exited, was killed, or broke the protocol. */
        void ended(WorkerConnection worker, Throwable cause);
    }

    /** Starts a worker's process. The pool's is {@link #PROCESS_BUILDER}; a test may slow one down. */
    @FunctionalInterface
    interface Starter {
        Starter PROCESS_BUILDER = command -> new ProcessBuilder(command).start();

        Process start(List<String> command) throws IOException;
    }

    private final Process process;
    private final long pid;
    private final OutputStream out;
    private final DataInputStream in;
    private final Listener listener;
    /** Where its stderr lines go; null: {@code System.err} as it is when a line comes. */
    private final PrintStream stderr;
    private final Thread reader;
    private final Thread errors;
    /** The worker's last few stderr lines, to say why it died (a host's stderr may be nowhere to be seen). */
    @GuardedBy("lastErr")
    private final ArrayDeque<String> lastErr = new ArrayDeque<>();
    /** How much of its stderr was forwarded; touched by the {@code errors} thread only. */
    private long forwardedBytes;
    private boolean droppedSaid;
    /** The clock probe in flight, if any; touched by the {@code reader} thread only. */
    private ClockSyncEvent probe;
    private long probes;
    /** Held while a frame goes out: the dispatching thread's tasks and the reader's clock probes. */
    private final Object sending = new Object();

    private WorkerConnection(Process process, long number, Listener listener, PrintStream stderr) {
        this.process = process;
        this.stderr = stderr;
        this.pid = process.pid();
        this.out = process.getOutputStream();
        this.in = new DataInputStream(process.getInputStream());
        this.listener = listener;
        this.errors = new Thread(this::forwardStderr, "procpool-" + number + "-stderr-pid" + pid);
        this.reader = new Thread(this::readAnswers, "procpool-" + number + "-reader-pid" + pid);
        errors.setDaemon(true);
        reader.setDaemon(true);
    }

    /** Connects to a started worker process: its reader and stderr threads start now. */
    static WorkerConnection open(Process process, long number, Listener listener, PrintStream stderr) {
        WorkerConnection connection = new WorkerConnection(process, number, listener, stderr);
        connection.errors.start();
        connection.reader.start();
        return connection;
    }

    long pid() {
        return pid;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** Sends a task frame. Only the thread that gave this worker the task calls this, and never under a lock. */
    void send(byte[] frame) {
        try {
            synchronized (sending) {
                out.write(frame);
                out.flush();
            }
        } catch (IOException e) {
            // The worker is gone; its reader sees the end of its output and tells the listener.
            kill();
        }
    }

    /** Closes the worker's stdin: it finishes and exits. */
    void retire() {
        try {
            out.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Kills the worker with its descendants; its reader then sees the end of its output. */
    void kill() {
        ProcessTree.kill(process.toHandle());
    }

    private void readAnswers() {
        Throwable cause;
        try {
            while (true) {
                Wire.Frame frame = Wire.readFrame(in);
                if (frame.kind() == Wire.READY) {
                    probeClock(); // only while a recording takes the probes' events
                    listener.ready();
                } else if (frame.kind() == Wire.CLOCK) {
                    clockAnswered(frame);
                } else {
                    listener.answered(frame);
                }
            }
        } catch (Throwable e) {
            cause = e;
        }
        if (!(cause instanceof EOFException)) {
            kill(); // it broke the protocol (or we did): it cannot go on
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                kill();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            errors.join(STDERR_GRACE.toMillis()); // its last words, for exitDescription
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener.ended(this, cause);
    }

    /**
     * How many clock probes a recorded pool exchanges with each worker when it is up; the timeline keeps the one
     * with the shortest round trip (NTP's rule: the least delay, the least error).
     */
    static final int CLOCK_PROBES = 5;

    /**
     * Sends the next clock probe, its parent-side event begun now, if a recording takes them. Unlike a task's
     * {@link #send}, a probe that cannot be sent kills nothing: a retired worker's stdin is closed.
     */
    private void probeClock() {
        ClockSyncEvent event = new ClockSyncEvent();
        if (!event.isEnabled() || probes >= CLOCK_PROBES) {
            return;
        }
        probe = event;
        long number = ++probes;
        event.begin();
        try {
            synchronized (sending) {
                out.write(Wire.frame(Wire.CLOCK, number, new byte[0]));
                out.flush();
            }
        } catch (IOException e) {
            // The pool retired it (closed its stdin) meanwhile: no more probes; it exits, and records, as usual.
            probe = null;
        }
    }

    /** A clock probe came back: its round trip is committed, the next one sent. */
    private void clockAnswered(Wire.Frame frame) throws IOException {
        ClockSyncEvent event = probe;
        if (event == null || frame.id() != probes) {
            throw new IOException("protocol error: clock answer " + frame.id() + ", expected " + probes);
        }
        probe = null;
        event.end();
        if (event.shouldCommit()) {
            event.side = "parent";
            event.workerPid = pid;
            event.probe = frame.id();
            event.commit();
        }
        probeClock();
    }

    /** How the worker ended, with the last lines of its stderr. */
    String exitDescription() {
        String how = process.isAlive() ? "stopped answering" : "exited with status " + process.exitValue();
        synchronized (lastErr) {
            return lastErr.isEmpty() ? how : how + "; its stderr ended with: " + String.join(" | ", lastErr);
        }
    }

    /** Forwards the worker's stderr (and its System.out) line by line with a prefix, bounded. */
    private void forwardStderr() {
        String prefix = "[procpool worker pid " + pid + "] ";
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream err = process.getErrorStream()) {
            int n;
            while ((n = err.read(buffer)) >= 0) {
                for (int i = 0; i < n; i++) {
                    byte b = buffer[i];
                    if (b != '\n' && line.size() < MAX_LINE) {
                        line.write(b);
                        continue;
                    }
                    if (b != '\n') {
                        line.write(b);
                    }
                    lineEnded(prefix, line);
                }
            }
        } catch (IOException ignored) {
            // the worker is gone
        }
        if (line.size() > 0) {
            lineEnded(prefix, line);
        }
    }

    /**
     * One line of the worker's stderr: kept among its last words, and forwarded while fewer than
     * {@link #MAX_FORWARDED} bytes were; the first line past that says the rest is dropped.
     */
    private void lineEnded(String prefix, ByteArrayOutputStream line) {
        String text = printable(line.toString(StandardCharsets.UTF_8));
        remember(text.strip());
        PrintStream to = stderr != null ? stderr : System.err;
        if (forwardedBytes < MAX_FORWARDED) {
            to.println(prefix + text);
            forwardedBytes += line.size();
        } else if (!droppedSaid) {
            droppedSaid = true;
            to.println(prefix + "(more than " + MAX_FORWARDED + " bytes: the rest dropped)");
        }
        line.reset();
    }

    /**
     * A worker's line as it can be shown on a terminal or in a log: a control character (a NUL, a bell, an escape
     * that would recolour the terminal, a carriage return) written as {@code \xNN}, or as Java's escape of four hex
     * digits for the C1 controls; tabs kept.
     */
    static String printable(String line) {
        StringBuilder shown = new StringBuilder(line.length());
        line.codePoints().forEach(c -> {
            if (c == '\t' || !Character.isISOControl(c)) {
                shown.appendCodePoint(c);
            } else {
                shown.append(String.format(c < 0x80 ? "\\x%02x" : "\\u%04x", c));
            }
        });
        return shown.toString();
    }

    private void remember(String text) {
        if (text.isEmpty()) {
            return;
        }
        synchronized (lastErr) {
            if (lastErr.size() == LAST_ERR_LINES) {
                lastErr.removeFirst();
            }
            lastErr.addLast(text.length() > LAST_ERR_CHARS ? text.substring(0, LAST_ERR_CHARS) + "..." : text);
        }
    }
}
