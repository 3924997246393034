package workbench.item61;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;
import workbench.eventloop.LineTooLongException;
import workbench.proc.Child;
import workbench.proc.ChildProcessException;
import workbench.proc.JavaLauncher;
import workbench.proc.LineSink;
import workbench.pyrandom.PyRandom;

/**
 * Beyond the book, the multi-process row: the sessions live in a few worker JVMs, as a Python server would spread
 * them over processes to get past the GIL. What it adds to {@link ThreadPerConnectionServer}, whose accept loop
 * and shutdown it shares ({@link AcceptingServer}): each connection's lines go to a worker and its answers come back.
 *
 * <p>JVMs cannot share a listening socket the way {@code os.fork()} children do, so the parent accepts and relays.
 * Each worker is a child JVM ({@link Worker}, started with {@link workbench.proc}'s {@link Child}) talking over its
 * stdin and stdout in lines: {@code <id> OPEN}, {@code <id> LINE <text>} and {@code <id> CLOSE} go in;
 * {@code <id> REPLY <text>}, {@code LOG <text>} and {@code <id> CLOSED} come out, so a connection is finished only
 * once its worker confirmed its {@code CLOSE}, after every answer and {@code Server:} line it caused. A new
 * connection goes to the worker with the fewest open ones (the lowest index on a tie). Every line crosses two more
 * process boundaries than in the threaded styles: this style can only lose to them on the JVM, which is the point.
 * A client that never reads its answers can stall its worker's other connections once its socket buffer is full.
 *
 * <p><b>Randomness.</b> The workers share no memory: each starts from a copy of the given generator's state, as
 * {@code fork()} would copy it, and the given generator is never advanced. One client at a time always lands on
 * worker 0 and sees the book's lines; two at once land on two workers whose copies draw the same numbers.
 *
 * <p><b>Shutdown.</b> {@link #close} stops accepting and closes every connection, then ends each worker's stdin
 * (it exits) and closes its {@link Child}, which kills it after a grace period. A worker whose parent dies sees
 * its stdin end and exits; a worker that dies hangs up on its connections.
 */
@ThreadSafe
public final class PreForkedServer extends AcceptingServer {

    /** The worker JVMs of {@link ServerStyle#PRE_FORKED_PROCESSES}: a few, one per core of a small machine. */
    public static final int WORKERS = 2;

    /** How long {@link #start} waits for the worker JVMs to be ready. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** How long a finished connection waits for its worker to confirm the end of its session. */
    static final Duration FINISH_TIMEOUT = Duration.ofSeconds(5);

    private final int workers;
    private final PyRandom random;
    private final Consumer<String> log;

    @GuardedBy("lock")
    private final List<Link> links = new ArrayList<>();
    @GuardedBy("lock")
    private final Map<Integer, Connection> connections = new HashMap<>();
    @GuardedBy("lock")
    private int nextId;

    public PreForkedServer(int workers, InetSocketAddress address, PyRandom random, Consumer<String> log) {
        super(Thread.ofVirtual().name("guess-preforked-", 1).factory(), address);
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1: " + workers);
        }
        this.workers = workers;
        this.random = random;
        this.log = log;
    }

    /** Starts the worker JVMs, hands each the generator's state, and waits until each says it is ready. */
    @Override
    protected void beforeAccepting() throws IOException, InterruptedException {
        String state = Arrays.stream(random.getstate()).mapToObj(Integer::toString).collect(Collectors.joining(" "));
        for (int i = 0; i < workers; i++) {
            Link link = new Link(i);
            synchronized (lock) {
                if (isClosed()) {
                    throw new IllegalStateException("server closed");
                }
                links.add(link);
            }
            try {
                link.child = Child.start(new ProcessBuilder(
                        JavaLauncher.command(JavaLauncher.FAST_START, Worker.class)),
                        new LineSink(line -> fromWorker(link, line)));
            } catch (ChildProcessException e) {
                throw new IOException("could not start worker " + i + ": " + e.getMessage(), e);
            }
            link.child.handle().onExit().thenRun(() -> gone(link));
            link.send(state);
        }
        for (Link link : links()) {
            try {
                link.ready.get(START_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                throw new IOException("worker " + link.index + " exited before it was ready", e);
            } catch (TimeoutException e) {
                throw new IOException("worker " + link.index + " was not ready within " + START_TIMEOUT, e);
            }
        }
    }

    /** The worker JVMs' process ids, by worker index (worker 0 first). */
    List<Long> workerPids() {
        return links().stream().filter(link -> link.child != null).map(link -> link.child.pid()).toList();
    }

    private List<Link> links() {
        synchronized (lock) {
            return List.copyOf(links);
        }
    }

    @Override
    protected Runnable accepted(Socket client) {
        Link least = null;
        for (Link link : links) {
            if (!link.gone && (least == null || link.open < least.open)) {
                least = link;
            }
        }
        if (least == null) {
            return null;                                           // every worker is gone
        }
        Connection connection = new Connection(nextId++, client, least);
        connections.put(connection.id, connection);
        least.open++;
        return () -> handle(connection);
    }

    /** One connection: its lines go to its worker until the client leaves, a line is too long, or we close. */
    private void handle(Connection connection) {
        try (LineSocket lines = new LineSocket(connection.socket, GuessSession.MAX_LINE_BYTES)) {
            connection.link.send(connection.id + " OPEN");
            try {
                String command;
                while ((command = lines.receive()) != null) {
                    connection.link.send(connection.id + " LINE " + command);
                }
                finish(connection);                  // every answer written before the socket closes
            } catch (LineTooLongException e) {
                finish(connection);
                connection.reply(GuessSession.lineTooLong(e.limit()));
                lines.closeGracefully(ThreadPerConnectionServer.LINGER);
            }
        } catch (IOException e) {
            // The client vanished, close() closed the socket, or the worker is gone: the session is over.
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
        try {
            connection.link.send(connection.id + " CLOSE");
            if (!connection.closed.await(FINISH_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
                closeQuietly(connection.socket);     // the worker is stuck: give up on its answers
            }
        } catch (IOException e) {
            // the worker is gone; gone() has released this connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A line from a worker's stdout, on its {@link Child}'s drain thread. */
    private void fromWorker(Link link, String line) {
        if (line.equals("READY")) {
            link.ready.complete(null);
        } else if (line.startsWith("LOG ")) {
            log.accept(line.substring("LOG ".length()));
        } else {
            String[] parts = line.split(" ", 3);
            Connection connection;
            synchronized (lock) {
                connection = connections.get(Integer.parseInt(parts[0]));
            }
            if (connection != null && parts[1].equals("REPLY")) {
                connection.reply(parts[2]);
            } else if (connection != null && parts[1].equals("CLOSED")) {
                connection.closed.countDown();
            }
        }
    }

    /** A worker JVM exited: nobody will answer its connections, so hang up on them. */
    private void gone(Link link) {
        List<Connection> orphans;
        synchronized (lock) {
            link.gone = true;
            orphans = connections.values().stream().filter(c -> c.link == link).toList();
        }
        link.ready.completeExceptionally(new IOException("worker " + link.index + " exited"));
        for (Connection orphan : orphans) {
            orphan.closed.countDown();
            closeQuietly(orphan.socket);
        }
    }

    /** The handlers are gone: end each worker's stdin, so it exits, and wait for it. */
    @Override
    protected IllegalStateException afterHandlers(long deadlineNanos) throws InterruptedException {
        for (Link link : links()) {
            if (link.child != null) {
                closeQuietly(link.child.stdin());
                try {
                    link.child.waitFor(Duration.ofNanos(Math.max(1, deadlineNanos - System.nanoTime())));
                } catch (ChildProcessException e) {
                    return new IllegalStateException("worker " + link.index + " still running after close()");
                }
            }
        }
        return null;
    }

    /** Closes every worker's {@link Child}, which kills one still running. */
    @Override
    protected void release(boolean abrupt) {
        for (Link link : links()) {
            if (link.child != null) {
                link.child.close();
            }
        }
    }

    /** The parent's end of one worker: its {@link Child}, whose stdin it writes, and its connection count. */
    private static final class Link {
        final int index;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        volatile Child child;
        /** Connections assigned to this worker and not finished; guarded by the server's lock. */
        int open;
        /** Set once the worker has exited; guarded by the server's lock. */
        boolean gone;

        Link(int index) {
            this.index = index;
        }

        /** Writes one line to the worker, whole, under this link's lock. */
        synchronized void send(String text) throws IOException {
            OutputStream stdin = child.stdin();
            stdin.write((text + "\n").getBytes(UTF_8));
            stdin.flush();
        }
    }

    /** One client connection and the worker that holds its session. */
    private static final class Connection {
        final int id;
        final Socket socket;
        final Link link;
        final CountDownLatch closed = new CountDownLatch(1);

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
     * A worker JVM: reads the generator's state, says {@code READY}, then serves a {@link GuessSession} per
     * connection id, all drawing from that one generator, until its stdin ends. Lines end at {@code '\n'} only, as
     * the clients' lines do.
     */
    public static final class Worker {
        private final PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, UTF_8);
        private final Map<String, GuessSession> sessions = new HashMap<>();
        private PyRandom generator;

        public static void main(String[] args) throws IOException {
            Worker worker = new Worker();
            LineSink lines = new LineSink(worker::handle);
            byte[] buffer = new byte[8192];
            for (int n; (n = System.in.read(buffer)) >= 0; ) {
                lines.write(buffer, 0, n);
                worker.out.flush();                                    // all that came is answered: send it
            }
        }

        private void handle(String line) {
            if (generator == null) {
                generator = new PyRandom(0);
                generator.setstate(Arrays.stream(line.split(" ")).mapToInt(Integer::parseInt).toArray());
                out.println("READY");
                return;
            }
            String[] parts = line.split(" ", 3);
            switch (parts[1]) {
                case "OPEN" -> sessions.put(parts[0], new GuessSession(generator, text -> out.println("LOG " + text)));
                case "LINE" -> {
                    GuessSession session = sessions.get(parts[0]);
                    String answer = session == null ? null : session.onLine(parts[2]);
                    if (answer != null) {
                        out.println(parts[0] + " REPLY " + answer);
                    }
                }
                case "CLOSE" -> {
                    sessions.remove(parts[0]);
                    out.println(parts[0] + " CLOSED");
                }
                default -> throw new IllegalArgumentException("unknown command from the parent: " + line);
            }
        }
    }
}
