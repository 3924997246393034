package workbench.item61;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;
import workbench.eventloop.LineTooLongException;
import workbench.procpool.ProcessPool;
import workbench.procpool.SerializableCallable;
import workbench.pyrandom.PyRandom;

/**
 * Beyond the book: the guess-the-number server as a pre-forked multi-process server, bounded to a few worker JVMs
 * of a {@link ProcessPool} (the workbench's one process engine), the way a Python server would spread its sessions
 * over {@code multiprocessing} workers to get past the GIL.
 *
 * <p><b>Design.</b> JVMs cannot share a listening socket portably (no {@code fork} that inherits it, no
 * {@code SO_REUSEPORT} in the JDK's API), so the parent owns the socket and the transport, and the workers own the
 * sessions: the parent accepts, reads each connection's lines (with the same bounded line framing as the other
 * styles, and the same answer to an over-long line), and hands them to the connection's worker JVM; the worker runs
 * a {@link GuessSession} per connection and sends back its answers and its {@code Server:} lines, which the parent
 * writes to the client and to the log. Each worker runs one long task on the pool, {@link SessionHost}, which
 * connects back to the parent over loopback (the pool already uses the worker's stdin and stdout for its own frames)
 * and proves who it is with a one-time token; over that one ordered channel travel {@code OPEN}, {@code LINE} and
 * {@code CLOSE} frames one way and {@code REPLY}, {@code LOG} and {@code CLOSED} the other, so a connection counts as
 * finished only when its worker has confirmed its {@code CLOSE}, after every answer and log line it caused. A new
 * connection goes to the worker with the fewest open connections (the lowest index on a tie). A worker serves its
 * connections one line at a time.
 *
 * <p><b>Trade-off.</b> Every line crosses two process boundaries more than in the threaded styles (client to parent
 * to worker and back), and the parent still holds a (virtual) thread per connection, so this style can only lose
 * to them on the JVM: it is what processes cost when the work is I/O-bound sessions, the point of the comparison.
 * The alternative, each worker listening on a port of its own behind a byte-pumping parent, would cost the same
 * hops and need two pumps per connection. One client that never reads its answers can stall the other connections
 * of its worker once its socket buffer is full (the parent writes answers from the worker's reader thread).
 *
 * <p><b>Randomness.</b> The workers share no memory, so they cannot share the book's one generator: each worker
 * starts from a copy of the given generator's state ({@link PyRandom#getstate()}, as {@code os.fork()} would copy
 * it; CPython 3.7+ reseeds {@code random} in a forked child, which would make runs unreproducible), and the given
 * generator is never advanced. With one client at a time, every connection lands on worker 0 and draws from one
 * stream, so the book's {@code Client:} lines hold exactly, as for the other styles. Two connections open at once
 * land on two workers whose copies draw the same numbers: the second one's first guess repeats the first one's,
 * where the threaded styles' shared generator draws the next number ({@code GuessServerTest} asserts both).
 *
 * <p><b>Shutdown.</b> {@link #close} stops accepting, closes every connection, waits for the connections' handlers,
 * ends each worker's channel (its {@link SessionHost} returns) and closes the pool, which ends the worker JVMs (and
 * kills any still running after {@link #CLOSE_TIMEOUT}). A worker whose parent dies exits on its own (the pool's
 * workers watch their parent), so no JVM outlives the server. The listening socket, the accept loop and the
 * joining of the handlers are {@link AcceptingServer}'s, shared with {@link ThreadPerConnectionServer}.
 */
@ThreadSafe
public final class PreForkedServer extends AcceptingServer {

    /** The worker JVMs of {@link ServerStyle#PRE_FORKED_PROCESSES}: a few, one per core of a small machine. */
    public static final int WORKERS = 2;

    /** How long {@link #start} waits for the worker JVMs to start and connect back. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** How long a finished connection waits for its worker to confirm the end of its session. */
    static final Duration FINISH_TIMEOUT = Duration.ofSeconds(5);

    // The channel's frames: a kind byte, then the connection's int id (not for LOG), then a UTF string if any.
    static final byte OPEN = 1;
    static final byte LINE = 2;
    static final byte CLOSE = 3;
    static final byte REPLY = 4;
    static final byte LOG = 5;
    static final byte CLOSED = 6;

    private final int workers;
    private final PyRandom random;
    private final Consumer<String> log;

    @GuardedBy("lock")
    private ProcessPool pool;
    @GuardedBy("lock")
    private final List<Link> links = new ArrayList<>();
    @GuardedBy("lock")
    private final Map<Integer, Connection> connections = new HashMap<>();
    @GuardedBy("lock")
    private int nextId;
    /** One reader per worker channel. */
    @GuardedBy("lock")
    private final Set<Thread> readers = new HashSet<>();

    public PreForkedServer(int workers, InetSocketAddress address, PyRandom random, Consumer<String> log) {
        super(Thread.ofVirtual().name("guess-preforked-", 1).factory(), address);
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        this.workers = workers;
        this.random = random;
        this.log = log;
    }

    /** Starts the pool, one {@link SessionHost} per worker, and waits for each to connect back. */
    @Override
    protected void beforeAccepting() throws IOException, InterruptedException {
        try (ServerSocket control = new ServerSocket(0, workers, InetAddress.getLoopbackAddress())) {
            ProcessPool started = ProcessPool.builder().workers(workers).allow("workbench.**")
                    .closeGrace(CLOSE_TIMEOUT).build();
            synchronized (lock) {
                if (isClosed()) {
                    throw new IllegalStateException("server closed");
                }
                pool = started;
            }
            started.prestart();
            int[] state = random.getstate();
            SecureRandom tokens = new SecureRandom();
            long[] expected = new long[workers];
            List<Future<Integer>> hosts = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                expected[i] = tokens.nextLong();
                // A host runs until its channel ends, so each one occupies a worker JVM of its own.
                hosts.add(started.submit(new SessionHost(control.getLocalPort(), expected[i], state)));
            }
            Link[] joined = new Link[workers];
            boolean linked = false;
            try {
                link(control, hosts, expected, joined);
                linked = true;
            } finally {
                if (!linked) {                       // the hosts that did connect see the end and return
                    for (Link link : joined) {
                        if (link != null) {
                            closeQuietly(link.channel);
                        }
                    }
                }
            }
            synchronized (lock) {
                links.addAll(List.of(joined));
                for (Link link : joined) {
                    Thread reader = threads.newThread(() -> readLink(link));
                    readers.add(reader);
                    reader.start();
                }
            }
        }
    }

    /** Accepts the hosts' connections until every worker has proved its token. */
    private void link(ServerSocket control, List<Future<Integer>> hosts, long[] expected, Link[] joined)
            throws IOException, InterruptedException {
        int count = 0;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        control.setSoTimeout(100);
        while (count < workers) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the worker JVMs did not connect within " + START_TIMEOUT);
            }
            checkHosts(hosts);
            Socket channel;
            try {
                channel = control.accept();
            } catch (SocketTimeoutException e) {
                continue;
            }
            int index = -1;
            DataInputStream in;
            try {
                channel.setTcpNoDelay(true);
                channel.setSoTimeout((int) FINISH_TIMEOUT.toMillis());
                in = new DataInputStream(new BufferedInputStream(channel.getInputStream()));
                long token = in.readLong();
                for (int i = 0; i < workers; i++) {
                    if (expected[i] == token && joined[i] == null) {
                        index = i;
                    }
                }
                channel.setSoTimeout(0);
            } catch (IOException e) {
                channel.close();
                continue;
            }
            if (index < 0) {
                channel.close();                                       // not one of ours
                continue;
            }
            joined[index] = new Link(index, channel, in);
            count++;
        }
    }

    private static void checkHosts(List<Future<Integer>> hosts) throws InterruptedException {
        for (Future<Integer> host : hosts) {
            if (host.isDone()) {
                try {
                    host.get();
                    throw new IllegalStateException("a worker's session host ended before it connected");
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a worker's session host failed", e.getCause());
                }
            }
        }
    }

    @Override
    protected Runnable accepted(Socket client) {
        Link link = leastBusy();
        if (link == null) {
            return null;                                           // every worker is gone
        }
        Connection connection = new Connection(nextId++, client, link);
        connections.put(connection.id, connection);
        link.open++;
        return () -> handle(connection);
    }

    @GuardedBy("lock")
    private Link leastBusy() {
        Link best = null;
        for (Link link : links) {
            if (!link.gone && (best == null || link.open < best.open)) {
                best = link;
            }
        }
        return best;
    }

    /** One connection: its lines go to its worker until the client leaves, a line is too long, or we close. */
    private void handle(Connection connection) {
        try (LineSocket lines = new LineSocket(connection.socket, GuessSession.MAX_LINE_BYTES)) {
            connection.link.send(OPEN, connection.id, null);
            try {
                String command;
                while ((command = lines.receive()) != null) {
                    connection.link.send(LINE, connection.id, command);
                }
                finish(connection);                  // every answer written before the socket closes
            } catch (LineTooLongException e) {
                finish(connection);
                connection.reply(GuessSession.lineTooLong(e.limit()));
                lines.closeGracefully(ThreadPerConnectionServer.LINGER);
            }
        } catch (IOException e) {
            // The client vanished, close() closed the socket, or the worker's channel is gone: the session is over.
            finish(connection);
        } finally {
            synchronized (lock) {
                connections.remove(connection.id);
                connection.link.open--;
            }
        }
    }

    /** Ends the connection's session in its worker and waits (boundedly) until the worker confirms it. */
    private void finish(Connection connection) {
        if (!connection.finishing.compareAndSet(false, true)) {
            return;
        }
        try {
            connection.link.send(CLOSE, connection.id, null);
            if (!connection.closed.await(FINISH_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
                closeQuietly(connection.socket);     // the worker is stuck: give up on its answers
            }
        } catch (IOException e) {
            // the channel is gone; its reader has released this connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A worker's channel: answers go to their connections, log lines to the log, CLOSED releases a handler. */
    private void readLink(Link link) {
        try {
            while (true) {
                byte kind = link.in.readByte();
                switch (kind) {
                    case REPLY -> {
                        Connection connection = connection(link.in.readInt());
                        String answer = link.in.readUTF();
                        if (connection != null) {
                            connection.reply(answer);
                        }
                    }
                    case LOG -> log.accept(link.in.readUTF());
                    case CLOSED -> {
                        Connection connection = connection(link.in.readInt());
                        if (connection != null) {
                            connection.closed.countDown();
                        }
                    }
                    default -> throw new IOException("unknown frame kind " + kind + " from worker " + link.index);
                }
            }
        } catch (IOException e) {
            // End of the channel: close() ended it, or the worker JVM died.
        } finally {
            List<Connection> orphans;
            synchronized (lock) {
                link.gone = true;
                orphans = connections.values().stream().filter(c -> c.link == link).toList();
                readers.remove(Thread.currentThread());
            }
            for (Connection orphan : orphans) {      // no worker will answer them: hang up
                orphan.closed.countDown();
                closeQuietly(orphan.socket);
            }
            closeQuietly(link.channel);
        }
    }

    private Connection connection(int id) {
        synchronized (lock) {
            return connections.get(id);
        }
    }

    /** The handlers are gone: end each worker's channel (its {@link SessionHost} returns) and join its reader. */
    @Override
    protected IllegalStateException afterHandlers(long deadlineNanos) throws InterruptedException {
        List<Link> channels;
        synchronized (lock) {
            channels = List.copyOf(links);
        }
        channels.forEach(Link::shutdownOutput);
        List<Thread> readersToJoin;
        synchronized (lock) {
            readersToJoin = List.copyOf(readers);
        }
        return join(readersToJoin, deadlineNanos);
    }

    /** Closes the channels and the pool, which ends the worker JVMs (at once if something was stuck). */
    @Override
    protected void release(boolean abrupt) {
        List<Link> channels;
        ProcessPool workersPool;
        synchronized (lock) {
            channels = List.copyOf(links);
            workersPool = pool;
        }
        channels.forEach(link -> closeQuietly(link.channel));
        if (workersPool != null) {
            if (abrupt) {
                workersPool.shutdownNow();
            }
            workersPool.close();                     // the hosts have returned: the worker JVMs exit
        }
    }

    /** The parent's end of one worker's channel. Frames are written whole, under the link's own lock. */
    private static final class Link {
        final int index;
        final Socket channel;
        final DataInputStream in;
        private final DataOutputStream out;
        /** Connections assigned to this worker and not finished; guarded by the server's lock. */
        int open;
        /** Set once the channel has ended; guarded by the server's lock. */
        boolean gone;

        Link(int index, Socket channel, DataInputStream in) throws IOException {
            this.index = index;
            this.channel = channel;
            this.in = in;
            this.out = new DataOutputStream(new BufferedOutputStream(channel.getOutputStream()));
        }

        synchronized void send(byte kind, int id, String text) throws IOException {
            out.writeByte(kind);
            out.writeInt(id);
            if (text != null) {
                out.writeUTF(text);
            }
            out.flush();
        }

        /**
         * Ends the channel towards the worker. Not under the link's lock: close() calls it once the handlers (the
         * only senders) are gone, and a send stuck on a worker that stopped reading must not block it.
         */
        void shutdownOutput() {
            try {
                channel.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(channel);
            }
        }
    }

    /** One client connection and the worker that holds its session. */
    private static final class Connection {
        final int id;
        final Socket socket;
        final Link link;
        final CountDownLatch closed = new CountDownLatch(1);
        final AtomicBoolean finishing = new AtomicBoolean();

        Connection(int id, Socket socket, Link link) {
            this.id = id;
            this.socket = socket;
            this.link = link;
        }

        /** Writes one answer line; a client that vanished is the handler's business (its read fails). */
        synchronized void reply(String line) {
            try {
                OutputStream out = socket.getOutputStream();
                out.write((line + "\n").getBytes(UTF_8));
                out.flush();
            } catch (IOException e) {
                // reset or closed: the handler sees it too
            }
        }
    }

    /**
     * The task each worker JVM runs for the server's lifetime: it connects back to the parent's {@code controlPort},
     * sends {@code token}, and serves a {@link GuessSession} per connection id, all drawing from one generator set to
     * {@code randomState}, until the channel ends. Returns how many sessions it served.
     */
    record SessionHost(int controlPort, long token, int[] randomState) implements SerializableCallable<Integer> {

        @Override
        public Integer call() throws IOException {
            PyRandom generator = new PyRandom(0);
            generator.setstate(randomState);
            try (Socket channel = new Socket(InetAddress.getLoopbackAddress(), controlPort)) {
                channel.setTcpNoDelay(true);
                DataInputStream in = new DataInputStream(new BufferedInputStream(channel.getInputStream()));
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(channel.getOutputStream()));
                out.writeLong(token);
                out.flush();
                Consumer<String> log = line -> {
                    try {
                        out.writeByte(LOG);
                        out.writeUTF(line);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                };
                Map<Integer, GuessSession> sessions = new HashMap<>();
                int served = 0;
                while (true) {
                    byte kind;
                    try {
                        kind = in.readByte();
                    } catch (EOFException end) {
                        return served;
                    }
                    int id = in.readInt();
                    switch (kind) {
                        case OPEN -> {
                            sessions.put(id, new GuessSession(generator, log));
                            served++;
                        }
                        case LINE -> {
                            String line = in.readUTF();
                            GuessSession session = sessions.get(id);
                            String answer = session == null ? null : session.onLine(line);
                            if (answer != null) {
                                out.writeByte(REPLY);
                                out.writeInt(id);
                                out.writeUTF(answer);
                            }
                        }
                        case CLOSE -> {
                            sessions.remove(id);
                            out.writeByte(CLOSED);
                            out.writeInt(id);
                        }
                        default -> throw new IOException("unknown frame kind " + kind + " from the parent");
                    }
                    if (in.available() == 0) {
                        out.flush();                                       // nothing more queued: answer now
                    }
                }
            }
        }
    }
}
