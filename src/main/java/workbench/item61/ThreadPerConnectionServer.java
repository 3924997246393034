package workbench.item61;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;
import workbench.eventloop.LineTooLongException;
import workbench.pyrandom.PyRandom;

/**
 * The book's threaded server ({@code run_server} and {@code handle_connection}): a blocking accept loop that
 * starts a thread per connection, each reading lines and answering them with its own {@link GuessSession}.
 *
 * <p>Which threads is the constructor's business: {@link ServerStyle#PLATFORM_THREADS} hands it a platform-thread
 * factory, {@link ServerStyle#VIRTUAL_THREADS} a virtual-thread one, and not a line here changes. A virtual thread
 * blocked in {@code read} parks and frees its carrier, so this code then scales like the event loop.
 *
 * <p>Unlike the book's daemon threads, which are abandoned at exit, {@link #close} ends every thread: closing
 * the listening socket ends the accept loop, closing each connection's socket ends its handler's blocked read,
 * and then it joins them all (at most {@link #CLOSE_TIMEOUT}). A client that vanishes mid-game ends only its own
 * handler.
 */
@ThreadSafe
public final class ThreadPerConnectionServer implements GuessServer {

    /** How long {@link #close} waits for the server's threads. */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    /** How long a connection closed for an over-long line waits for its client to hang up first. */
    static final Duration LINGER = Duration.ofSeconds(1);

    private final ThreadFactory threads;
    private final InetSocketAddress requested;
    private final PyRandom random;
    private final Consumer<String> log;

    private final Object lock = new Object();
    @GuardedBy("lock")
    private ServerSocket listener;
    @GuardedBy("lock")
    private InetSocketAddress bound;
    @GuardedBy("lock")
    private boolean closed;
    @GuardedBy("lock")
    private final Set<Socket> connections = new HashSet<>();
    @GuardedBy("lock")
    private final Set<Thread> running = new HashSet<>();

    public ThreadPerConnectionServer(ThreadFactory threads, InetSocketAddress address, PyRandom random,
                                     Consumer<String> log) {
        this.threads = threads;
        this.requested = address;
        this.random = random;
        this.log = log;
    }

    @Override
    public GuessServer start() throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(requested, 128);
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
            Thread acceptor = threads.newThread(() -> acceptLoop(socket));
            running.add(acceptor);
            acceptor.start();
        }
        return this;
    }

    @Override
    public InetSocketAddress address() {
        synchronized (lock) {
            if (bound == null) {
                throw new IllegalStateException("server not started");
            }
            return bound;
        }
    }

    @Override
    public int openConnections() {
        synchronized (lock) {
            return connections.size();
        }
    }

    private void acceptLoop(ServerSocket socket) {
        try {
            while (true) {
                Socket connection;
                try {
                    connection = socket.accept();
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
                    connections.add(connection);
                    Thread handler = threads.newThread(() -> handle(connection));
                    running.add(handler);
                    handler.start();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            finished(null);
        }
    }

    /** {@code handle_connection}: one session until the client leaves, a line is too long, or we close. */
    private void handle(Socket connection) {
        try (LineSocket lines = new LineSocket(connection, GuessSession.MAX_LINE_BYTES)) {
            GuessSession session = new GuessSession(random, log);
            try {
                String command;
                while ((command = lines.receive()) != null) {
                    String reply = session.onLine(command);
                    if (reply != null) {
                        lines.send(reply);
                    }
                }
            } catch (LineTooLongException e) {
                lines.send(GuessSession.lineTooLong(e.limit()));
                lines.closeGracefully(LINGER);
            }
        } catch (IOException e) {
            // The client vanished (reset, broken pipe) or close() closed the socket: this session is over.
        } finally {
            finished(connection);
        }
    }

    private void finished(Socket connection) {
        synchronized (lock) {
            if (connection != null) {
                connections.remove(connection);
            }
            running.remove(Thread.currentThread());
        }
    }

    @Override
    public void close() {
        List<Thread> toJoin;
        synchronized (lock) {
            closed = true;
            if (listener != null) {
                closeQuietly(listener);
            }
            connections.forEach(ThreadPerConnectionServer::closeQuietly);
            toJoin = List.copyOf(running);
        }
        long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
        try {
            for (Thread thread : toJoin) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                    throw new IllegalStateException(thread + " still running " + CLOSE_TIMEOUT.toSeconds()
                            + " s after close()");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing during shutdown: nothing useful to do with a failure
        }
    }
}
