package workbench.item61;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadFactory;

import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;
import workbench.eventloop.AsyncServer;
import workbench.recording.Blocking;

/**
 * What the blocking servers share ({@link ThreadPerConnectionServer}, {@link PreForkedServer}): bind the loopback
 * address with a backlog that holds a burst ({@link AsyncServer#BACKLOG}), run a blocking accept loop on a
 * platform thread of its own, and hand each connection to a handler thread of the given factory; {@link #close}
 * stops accepting, closes every connection and joins those threads (at most {@link #CLOSE_TIMEOUT}). A subclass
 * says only what serving one connection means ({@link #accepted}) and, if it has more to start or end, does so in
 * {@link #beforeAccepting}, {@link #afterHandlers} and {@link #release}.
 *
 * <p>The acceptor is a platform thread whatever the handlers are: a virtual acceptor would wait for a carrier
 * behind every runnable handler, and a burst of connects would overflow the accept queue meanwhile.
 */
@ThreadSafe
abstract class AcceptingServer implements GuessServer {

    /** How long {@link #close} waits for the server's threads. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** Guards this class's state and the subclass's. */
    protected final Object lock = new Object();
    protected final ThreadFactory threads;
    private final InetSocketAddress requested;

    // The listening socket and its address (with the real port) from start() on; closed from close() on.
    @GuardedBy("lock") private ServerSocket listener;
    @GuardedBy("lock") private InetSocketAddress bound;
    @GuardedBy("lock") private boolean closed;
    // The connections accepted and not yet finished; the acceptor thread and the handler threads.
    @GuardedBy("lock") private final Set<Socket> connections = new HashSet<>();
    @GuardedBy("lock") private final Set<Thread> running = new HashSet<>();

    AcceptingServer(ThreadFactory threads, InetSocketAddress address) {
        this.threads = threads;
        this.requested = address;
    }

    /**
     * Under the lock: takes on a connection just accepted and returns what serves it on a thread of its own, or
     * null to hang up on it. The connection counts as open until that code returns.
     */
    @GuardedBy("lock")
    protected abstract Runnable accepted(Socket connection);

    /** Whether {@link #close} has begun; call it holding the lock. */
    @GuardedBy("lock")
    protected final boolean isClosed() {
        return closed;
    }

    /** Runs after binding, before accepting; a failure closes the server. */
    protected void beforeAccepting() throws IOException, InterruptedException {
    }

    /** Runs in {@link #close} once the handlers have ended: returns the failure to throw for a stuck thread. */
    protected IllegalStateException afterHandlers(long deadlineNanos) throws InterruptedException {
        return null;
    }

    /** Runs last in {@link #close}, whatever happened; {@code abrupt} when a thread was stuck or we were interrupted. */
    protected void release(boolean abrupt) {
    }

    @Override
    public final GuessServer start() throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(requested, AsyncServer.BACKLOG);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        synchronized (lock) {
            if (closed || listener != null) {
                socket.close();
                throw new IllegalStateException(closed ? "server closed" : "server already started");
            }
            listener = socket;
            bound = new InetSocketAddress(requested.getAddress(), socket.getLocalPort());
        }
        try {
            beforeAccepting();
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the server started");
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("server closed");
            }
            Thread acceptor = Thread.ofPlatform().name("guess-acceptor-" + socket.getLocalPort())
                    .unstarted(() -> acceptLoop(socket));
            running.add(acceptor);
            acceptor.start();
        }
        return this;
    }

    @Override
    public final InetSocketAddress address() {
        synchronized (lock) {
            if (bound == null) {
                throw new IllegalStateException("server not started");
            }
            return bound;
        }
    }

    @Override
    public final int openConnections() {
        synchronized (lock) {
            return connections.size();
        }
    }

    private void acceptLoop(ServerSocket socket) {
        try {
            while (true) {
                Socket connection;
                try {
                    connection = Blocking.call("accept", socket::accept);
                } catch (IOException e) {
                    if (socket.isClosed()) {
                        return;
                    }
                    Thread.sleep(10);
                    continue;
                }
                synchronized (lock) {
                    if (closed) {
                        closeQuietly(connection);
                        return;
                    }
                    Runnable handler = accepted(connection);
                    if (handler == null) {
                        closeQuietly(connection);
                        continue;
                    }
                    connections.add(connection);
                    Thread thread = threads.newThread(() -> serve(connection, handler));
                    running.add(thread);
                    thread.start();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (lock) {
                running.remove(Thread.currentThread());
            }
        }
    }

    private void serve(Socket connection, Runnable handler) {
        try {
            handler.run();
        } finally {
            synchronized (lock) {
                connections.remove(connection);
                running.remove(Thread.currentThread());
            }
        }
    }

    @Override
    public final void close() {
        List<Thread> toJoin;
        synchronized (lock) {
            closed = true;
            if (listener != null) {
                closeQuietly(listener);
            }
            connections.forEach(AcceptingServer::closeQuietly);
            toJoin = List.copyOf(running);
        }
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        IllegalStateException stuck = null;
        boolean interrupted = false;
        try {
            stuck = join(toJoin, deadline);
            IllegalStateException later = afterHandlers(deadline);
            stuck = stuck != null ? stuck : later;
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            release(interrupted || stuck != null);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (stuck != null) {
            throw stuck;
        }
    }

    /** Joins {@code threads} by {@code deadline}; returns the failure to throw for one still running, or null. */
    static IllegalStateException join(List<Thread> threads, long deadlineNanos) throws InterruptedException {
        for (Thread thread : threads) {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                return new IllegalStateException(thread + " still running " + CLOSE_TIMEOUT.toSeconds()
                        + " s after close()");
            }
        }
        return null;
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing during shutdown: nothing useful to do with a failure
        }
    }
}
