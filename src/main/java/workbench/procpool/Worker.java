package workbench.procpool;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import workbench.recording.ClockSyncEvent;
import workbench.recording.PoolTaskEvent;
import workbench.recording.ProcessCpu;
import workbench.recording.SchedSampler;

/**
 * The main class of a worker JVM ({@link ProcessPool} starts it; not an API). It reads task frames from its
 * stdin, runs each task on one thread, and writes a result or failure frame to its stdout. Before the first task
 * it moves {@code System.out} to stderr (which the parent forwards) and empties {@code System.in}, so that
 * nothing a task prints or reads touches the protocol. It exits at the end of its stdin (the pool closed it, or
 * the parent died) and, while busy, as soon as its parent process is gone: no orphans.
 *
 * <p>Arguments: the parent's pid, then the user's allow-list patterns joined by {@code ;} (may be empty).
 */
public final class Worker {

    /** How often a busy worker checks that its parent is still there. */
    static final long PARENT_POLL_MILLIS = 100;

    /** The serving thread's stack: deep enough for deep object graphs and recursive tasks. */
    static final long STACK_BYTES = 64L << 20;

    static final int EXIT_PARENT_GONE = 3;

    private final DataInputStream in;
    private final DataOutputStream out;
    private final ObjectInputFilter filter;
    private final long pid = ProcessHandle.current().pid();
    /** The pool's id in flight-recorder events: the parent's pid, as the parent names it. */
    private final String pool;

    private Worker(InputStream in, FileOutputStream out, ObjectInputFilter filter, long parentPid) {
        this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        this.out = new DataOutputStream(new BufferedOutputStream(out, 1 << 16));
        this.filter = filter;
        this.pool = Long.toString(parentPid);
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: Worker <parent pid> [allow-list patterns separated by ;]");
            System.exit(2);
        }
        long parentPid = Long.parseLong(args[0]);
        List<String> allow = args.length > 1 && !args[1].isEmpty() ? Arrays.asList(args[1].split(";")) : List.of();
        ObjectInputFilter filter = Wire.filter(allow);

        FileInputStream protocolIn = new FileInputStream(FileDescriptor.in);
        FileOutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
        System.setOut(System.err);
        System.setIn(InputStream.nullInputStream());
        watchParent(parentPid);
        SchedSampler.startFromProperty(); // a recorded run's worker samples its threads' scheduling as the parent

        Worker worker = new Worker(protocolIn, protocolOut, filter, parentPid);
        int[] status = {0};
        Thread serving = new Thread(null, () -> status[0] = worker.serve(), "procpool-worker", STACK_BYTES);
        serving.start();
        serving.join();
        // Exit even if a task left non-daemon threads behind.
        System.exit(status[0]);
    }

    /** Halts this JVM as soon as the parent is gone (it is then re-parented, so its parent pid changes). */
    private static void watchParent(long parentPid) {
        Thread watcher = new Thread(() -> {
            while (true) {
                long now = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
                if (now != parentPid) {
                    Runtime.getRuntime().halt(EXIT_PARENT_GONE);
                }
                try {
                    Thread.sleep(PARENT_POLL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "procpool-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Serves tasks until the end of stdin; returns the exit status. */
    private int serve() {
        try {
            warmUp();
            Wire.writeFrame(out, Wire.READY, pid, new byte[0]);
            while (true) {
                Wire.Frame frame;
                try {
                    frame = Wire.readFrame(in);
                } catch (EOFException endOfInput) {
                    return 0;
                }
                if (frame.kind() == Wire.CLOCK) {
                    answerClock(frame);
                    continue;
                }
                if (frame.kind() != Wire.TASK) {
                    System.err.println("procpool worker: unexpected frame kind " + frame.kind());
                    return 4;
                }
                runTask(frame);
            }
        } catch (IOException e) {
            // The parent is gone or closed our stdout: nothing left to serve.
            return 5;
        }
    }

    /**
     * Runs one task frame and writes its answer, a result or a failure frame with the task's id: the one place a
     * task runs in the worker.
     */
    private void runTask(Wire.Frame task) throws IOException {
        byte kind;
        byte[] payload;
        PoolTaskEvent event = new PoolTaskEvent();
        event.begin();
        try {
            payload = Wire.checkSize(Wire.serialize(run(Wire.deserialize(task.payload(), filter))));
            kind = Wire.RESULT;
        } catch (Throwable t) {
            payload = failure(t);
            kind = Wire.FAILURE;
        }
        if (event.shouldCommit()) {
            event.phase = "run";
            event.pool = pool;
            event.task = task.id();
            event.processCpu = ProcessCpu.nanos();
            event.commit();
        }
        Wire.writeFrame(out, kind, task.id(), payload);
    }

    /** Stamps a clock probe in this JVM's recording and answers it at once (see {@link ClockSyncEvent}). */
    private void answerClock(Wire.Frame probe) throws IOException {
        ClockSyncEvent event = new ClockSyncEvent();
        if (event.shouldCommit()) {
            event.side = "worker";
            event.workerPid = pid;
            event.probe = probe.id();
            event.commit();
        }
        Wire.writeFrame(out, Wire.CLOCK, probe.id(), new byte[0]);
    }

    private static Object run(Object task) throws Exception {
        if (task instanceof Callable<?> callable) {
            return callable.call();
        }
        if (task instanceof Runnable runnable) {
            runnable.run();
            return null;
        }
        throw new IllegalArgumentException("not a task: " + (task == null ? "null" : task.getClass().getName()));
    }

    private byte[] failure(Throwable t) throws IOException {
        byte[] original;
        try {
            original = Wire.serialize(t);
        } catch (IOException | RuntimeException notSerialisable) {
            original = null;
        }
        return Wire.serialize(new Wire.Failure(RemoteTaskException.describe(t, pid), original));
    }

    /** Loads the classes of the serving path before the parent's first task arrives. */
    private void warmUp() {
        try {
            run(Wire.deserialize(Wire.serialize(new Ping()), filter));
            failure(new IllegalStateException("warm-up"));
        } catch (Exception e) {
            System.err.println("procpool worker: warm-up failed: " + e);
        }
    }

    /** A trivial task: answers the worker's pid (the warm-up's task, here and in {@link ProcessPool#prestart()}). */
    static final class Ping implements SerializableCallable<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long call() {
            return ProcessHandle.current().pid();
        }
    }
}
