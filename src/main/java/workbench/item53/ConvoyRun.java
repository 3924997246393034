package workbench.item53;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import workbench.gil.Gil;
import workbench.gil.Site;
import workbench.recording.Blocking;

/**
 * One run of {@link Convoy#run}: its pipes, its threads (the I/O thread, the echo and the CPU-bound one) and what
 * they measure; closing it stops whatever still runs.
 */
final class ConvoyRun implements AutoCloseable {

    /** How often the echo thread looks whether the CPU-bound thread has run again. */
    private static final Duration PEER_POLL = Duration.ofNanos(20_000);
    private static final Duration LIMIT = Convoy.LIMIT;

    private final Gil gil;
    /** Whether the echo waits for the CPU-bound thread to run again before it replies ({@link Convoy.Peer#REMOTE}). */
    private final boolean slowPeer;
    private final int roundTrips;
    private final Pipe toEcho;
    private final Pipe fromEcho;
    /** Counted down once the CPU-bound thread holds the GIL and loops. */
    final CountDownLatch cpuHoldsGil = new CountDownLatch(1);
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    // Each written by one thread and read after joining it.
    private final long[] roundTripNanos;
    private long elapsedNanos;
    private long ioWaitNanos;
    private long echoWaitNanos;
    /** The CPU-bound thread's iterations so far, published at each one for the echo thread. */
    private volatile long cpuProgress;

    ConvoyRun(Gil gil, boolean cpuThread, Convoy.Peer peer, int roundTrips) throws IOException {
        this.gil = gil;
        this.slowPeer = peer == Convoy.Peer.REMOTE && cpuThread && !gil.isFreeThreaded();
        this.roundTrips = roundTrips;
        this.roundTripNanos = new long[roundTrips];
        this.toEcho = Pipe.open();
        Pipe other;
        try {
            other = Pipe.open();
        } catch (IOException e) {
            closePipes(toEcho);
            throw e;
        }
        this.fromEcho = other;
    }

    /** The CPU-bound thread: loops under the GIL, checking at each back edge, until the round trips end. */
    void cpuBound() {
        cpuHoldsGil.countDown();
        long n = 0;
        while (!stop.get()) {
            cpuProgress = ++n;
            gil.check(Site.BACK_EDGE);
        }
    }

    /**
     * The echo thread: reads each byte and writes it back, the GIL released around both calls. As a {@linkplain
     * Convoy.Peer#REMOTE remote} peer under a GIL, with a CPU-bound thread beside it, it replies only once that
     * thread has run again since the byte arrived.
     */
    void echo() throws IOException, InterruptedException {
        ByteBuffer buffer = ByteBuffer.allocate(1);
        for (int i = 0; i < roundTrips; i++) {
            buffer.clear();
            echoWaitNanos += timedRelease(() -> {
                readOne(toEcho.source(), buffer);
                if (slowPeer) {
                    awaitCpuProgress();
                }
            });
            buffer.flip();
            echoWaitNanos += timedRelease(() -> writeAll(fromEcho.sink(), buffer));
        }
    }

    /**
     * Waits, without the GIL, until the CPU-bound thread has counted another iteration: it then holds the GIL.
     * This is the reply of a peer slower than waking a thread (any network peer); a local echo that replied at
     * once would race the woken CPU thread for the GIL and, on a busy machine, win.
     */
    private void awaitCpuProgress() throws IOException {
        long seen = cpuProgress;
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (cpuProgress == seen && !stop.get()) {
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the CPU-bound thread");
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the CPU-bound thread made no progress within " + LIMIT);
            }
            LockSupport.parkNanos(PEER_POLL.toNanos());
        }
    }

    /** The I/O thread: the timed round trips; stops the CPU thread when done. */
    void roundTrips() throws IOException, InterruptedException {
        try {
            ByteBuffer out = ByteBuffer.allocate(1);
            ByteBuffer in = ByteBuffer.allocate(1);
            long begin = System.nanoTime();
            for (int i = 0; i < roundTrips; i++) {
                long start = System.nanoTime();
                out.clear().put((byte) i).flip();
                ioWaitNanos += timedRelease(() -> writeAll(toEcho.sink(), out));
                in.clear();
                ioWaitNanos += timedRelease(() -> readOne(fromEcho.source(), in));
                if (in.get(0) != (byte) i) {
                    throw new IOException("round trip " + i + " came back as " + in.get(0));
                }
                roundTripNanos[i] = System.nanoTime() - start;
            }
            elapsedNanos = System.nanoTime() - begin;
        } finally {
            stop.set(true);
        }
    }

    Convoy.Result result() throws IOException {
        if (!failures.isEmpty()) {
            throw new IOException("the convoy run failed in a thread", failures.get(0));
        }
        return new Convoy.Result(roundTripNanos, elapsedNanos, ioWaitNanos + echoWaitNanos, cpuProgress,
                gil.stats());
    }

    /** Runs a blocking call with the GIL released; returns how long taking the GIL back took after it. */
    private long timedRelease(Io call) throws IOException, InterruptedException {
        long[] returned = new long[1];
        gil.releaseAround(() -> {
            call.run();
            returned[0] = System.nanoTime();
        });
        return System.nanoTime() - returned[0];
    }

    /** Starts a thread from {@code factory}, named by its role, that runs {@code body} as a Python thread. */
    void start(ThreadFactory factory, String name, Gil.ThrowingRunnable<Exception> body) {
        Thread thread = factory.newThread(() -> {
            try {
                gil.runAsPythonThread(body);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(e);
            } catch (Exception | Error e) {
                fail(e);
            }
        });
        if (thread == null) {
            throw new IllegalStateException("the thread factory made no thread for " + name);
        }
        thread.setName(name);
        threads.add(thread);
        thread.start();
    }

    /** A thread failed: record it and close the pipes, so the others stop rather than wait for it. */
    private void fail(Throwable e) {
        failures.add(e);
        stop.set(true);
        closePipes(toEcho, fromEcho);
    }

    /** Joins every thread within {@link #LIMIT}; a run that overstays is reported stuck (and stopped by close). */
    void joinAll() throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                throw new IllegalStateException(thread.getName() + " did not finish within " + LIMIT
                        + ": stuck, so the run was stopped");
            }
        }
    }

    /** Stops whatever still runs: the CPU loop by its flag, blocked reads by closing the pipes and interrupts. */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        closePipes(toEcho, fromEcho);
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            if (!thread.join(Duration.ofSeconds(10))) {
                throw new IllegalStateException(thread.getName() + " did not stop within 10 s of its interrupt");
            }
        }
    }

    private interface Io {
        void run() throws IOException;
    }

    private static void readOne(Pipe.SourceChannel source, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (Blocking.call("pipe read", () -> source.read(buffer)) < 0) {
                throw new EOFException("the pipe closed mid round trip");
            }
        }
    }

    private static void writeAll(Pipe.SinkChannel sink, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            Blocking.call("pipe write", () -> sink.write(buffer));
        }
    }

    /** Closes both ends of each pipe, quietly: they are only ever closed to end a run. */
    private static void closePipes(Pipe... pipes) {
        for (Pipe pipe : pipes) {
            for (Channel end : List.of(pipe.sink(), pipe.source())) {
                try {
                    end.close();
                } catch (IOException e) {
                    // the run is ending either way; a pipe end that fails to close has nothing left to give it
                }
            }
        }
    }
}
