package workbench.item61;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import workbench.annotations.NotThreadSafe;
import workbench.recording.Blocking;

/**
 * Many clients held open at once, all driven by one {@link Selector} on the calling thread: the load generator of
 * {@code Item61Load} and of the thousand-client test. No thread per client, so it never competes with a server's
 * threads or carriers, and its own CPU time is one thread's ({@link #cpuNanos}).
 *
 * <p>Each {@link #playRound round}, every connected client plays the book's first game once: {@code PARAMS 1 5},
 * then {@code NUMBER} and {@code REPORT <decision>} (the book's rule, {@link Decision#judge}) until the guess is 3,
 * at most five guesses, then {@code PARAMS 0 -1}. Lines sent back to back go in one write ({@code REPORT} with the
 * next {@code NUMBER}); the server reads them as lines all the same. A session's time runs from its first write to
 * its last. A client that is reset, hung up on, answered with anything but a number, or not solved in five guesses
 * counts as one error (the first few messages are kept) and is closed.
 */
@NotThreadSafe
public final class GameLoad implements AutoCloseable {

    /** Connects in flight at once: enough for a burst, few enough not to flood the kernel's SYN queue. */
    static final int MAX_PENDING_CONNECTS = 1_000;
    private static final int SECRET = 3;
    private static final int MAX_GUESSES = 5;
    private static final int KEPT_ERRORS = 5;

    private final Selector selector;
    private final List<Client> clients = new ArrayList<>();
    private final Map<String, Integer> errors = new LinkedHashMap<>();
    private long errorCount;
    // The round being played: clients still playing, and the session times of those that finished.
    private int playing;
    private long[] roundTimes = new long[0];
    private int finished;
    private long roundStart;
    private long errorsBefore;

    private GameLoad(Selector selector) {
        this.selector = selector;
    }

    /** What one round measured: each finished session's nanoseconds, and the errors of this round. */
    public record Round(long[] sessionNanos, long errors, long wallNanos) {
    }

    /**
     * Opens {@code count} connections to {@code address}, at most {@link #MAX_PENDING_CONNECTS} in flight, and
     * waits (at most {@code timeout}) until each has connected or failed; failures count as errors.
     */
    public static GameLoad connect(InetSocketAddress address, int count, Duration timeout) throws IOException {
        return open(address, count, timeout, false);
    }

    /**
     * A burst: like {@link #connect}, but each client starts its game the moment it is connected, so the server
     * accepts while it serves. The first round is then under way: {@link #finishRound} waits for it.
     */
    public static GameLoad connectPlaying(InetSocketAddress address, int count, Duration timeout)
            throws IOException {
        return open(address, count, timeout, true);
    }

    private static GameLoad open(InetSocketAddress address, int count, Duration timeout, boolean play)
            throws IOException {
        GameLoad load = new GameLoad(Selector.open());
        try {
            load.startRound(count);
            load.connectAll(address, count, timeout, play);
            return load;
        } catch (IOException | RuntimeException | Error e) {
            load.close();
            throw e;
        }
    }

    private void connectAll(InetSocketAddress address, int count, Duration timeout, boolean play)
            throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int started = 0;
        int pending = 0;
        while (started < count || pending > 0) {
            while (started < count && pending < MAX_PENDING_CONNECTS) {
                started++;
                SocketChannel channel = null;
                try {
                    channel = SocketChannel.open();
                    channel.configureBlocking(false);
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    Client client = new Client(channel);
                    if (channel.connect(address)) {
                        client.key = channel.register(selector, 0, client);
                        clients.add(client);
                        if (play) {
                            client.begin();
                        }
                    } else {
                        client.key = channel.register(selector, SelectionKey.OP_CONNECT, client);
                        pending++;
                    }
                } catch (IOException e) {
                    error("connect", e);
                    closeQuietly(channel);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                for (SelectionKey key : selector.keys()) {
                    if ((key.interestOps() & SelectionKey.OP_CONNECT) != 0) {
                        error("connect", new IOException("not connected within " + timeout.toSeconds() + " s"));
                        closeQuietly(key.channel());
                    }
                }
                return;
            }
            Blocking.call("select", () -> selector.select(Math.max(1, Math.min(100, left / 1_000_000))));
            for (SelectionKey key : selector.selectedKeys()) {
                Client client = (Client) key.attachment();
                if (!key.isValid() || !key.isConnectable()) {
                    client.ready(key);                              // a game under way (a burst)
                    continue;
                }
                pending--;
                try {
                    client.channel.finishConnect();
                    key.interestOps(0);
                    clients.add(client);
                    if (play) {
                        client.begin();
                    }
                } catch (IOException e) {
                    error("connect", e);
                    closeQuietly(client.channel);
                }
            }
            selector.selectedKeys().clear();
        }
    }

    /** Clients connected and not dropped for an error. */
    public int connected() {
        return (int) clients.stream().filter(c -> c.channel.isOpen()).count();
    }

    /** Errors so far (connects included). */
    public long errorCount() {
        return errorCount;
    }

    /** The first few error messages, each with how often it occurred. */
    public Map<String, Integer> errors() {
        return Map.copyOf(errors);
    }

    /** Every connected client plays one game; returns when all have finished or failed, or after {@code timeout}. */
    public Round playRound(Duration timeout) throws IOException {
        startRound(clients.size());
        for (Client client : clients) {
            if (client.channel.isOpen()) {
                client.begin();
            }
        }
        return finishRound(timeout);
    }

    private void startRound(int size) {
        roundStart = System.nanoTime();
        errorsBefore = errorCount;
        roundTimes = new long[size];
        finished = 0;
    }

    /** Waits for the round under way to end: every game finished or failed, or {@code timeout} passed. */
    public Round finishRound(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (playing > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                for (Client client : clients) {
                    if (client.playing) {
                        client.fail(new IOException("session not finished within " + timeout.toSeconds() + " s"));
                    }
                }
                break;
            }
            Blocking.call("select", () -> selector.select(Math.max(1, Math.min(100, left / 1_000_000))));
            for (SelectionKey key : selector.selectedKeys()) {
                ((Client) key.attachment()).ready(key);
            }
            selector.selectedKeys().clear();
        }
        return new Round(Arrays.copyOf(roundTimes, finished), errorCount - errorsBefore,
                System.nanoTime() - roundStart);
    }

    private void error(String what, Exception e) {
        errorCount++;
        String message = what + ": " + e;
        if (errors.containsKey(message) || errors.size() < KEPT_ERRORS) {
            errors.merge(message, 1, Integer::sum);
        }
    }

    @Override
    public void close() {
        for (SelectionKey key : selector.keys()) {
            closeQuietly(key.channel());
        }
        clients.forEach(c -> closeQuietly(c.channel));
        closeQuietly(selector);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // closing a client: nothing useful to do with a failure
            }
        }
    }

    /** One connection and where it is in its game. */
    private final class Client {
        final SocketChannel channel;
        SelectionKey key;
        final ByteBuffer in = ByteBuffer.allocate(64);
        final Deque<ByteBuffer> out = new ArrayDeque<>();
        boolean playing;
        int guesses;
        Long lastDistance;
        long startedAt;

        Client(SocketChannel channel) {
            this.channel = channel;
        }

        void begin() {
            playing = true;
            GameLoad.this.playing++;
            guesses = 0;
            lastDistance = null;
            startedAt = System.nanoTime();
            send("PARAMS 1 5\nNUMBER\n");
        }

        void ready(SelectionKey selected) {
            try {
                if (selected.isWritable()) {
                    flush();
                }
                if (selected.isReadable()) {
                    int n = channel.read(in);
                    if (n < 0) {
                        throw new IOException("the server hung up");
                    }
                    in.flip();
                    int lineStart = in.position();
                    for (int i = in.position(); i < in.limit(); i++) {
                        if (in.get(i) == '\n') {
                            answer(new String(in.array(), lineStart, i - lineStart, US_ASCII));
                            lineStart = i + 1;
                        }
                    }
                    in.position(lineStart);
                    in.compact();
                    if (!in.hasRemaining()) {
                        throw new IOException("an answer longer than " + in.capacity() + " bytes");
                    }
                }
            } catch (IOException | RuntimeException e) {
                fail(e);
            }
        }

        private void answer(String line) throws IOException {
            if (!playing) {
                throw new IOException("an answer nobody asked for: " + line);
            }
            int number;
            try {
                number = Integer.parseInt(line);
            } catch (NumberFormatException e) {
                throw new IOException("not a number: " + line);
            }
            guesses++;
            long distance = Math.abs((long) number - SECRET);
            Decision decision = Decision.judge(distance, lastDistance);
            lastDistance = distance;
            if (decision == Decision.CORRECT) {
                send("REPORT " + decision + "\n" + GuessSession.RESET + "\n");
                if (playing) {
                    roundTimes[finished++] = System.nanoTime() - startedAt;
                    stop();
                }
            } else if (guesses == MAX_GUESSES) {
                throw new IOException("not solved in " + MAX_GUESSES + " guesses");
            } else {
                send("REPORT " + decision + "\nNUMBER\n");
            }
        }

        private void send(String lines) {
            out.add(ByteBuffer.wrap(lines.getBytes(US_ASCII)));
            try {
                flush();
            } catch (IOException e) {
                fail(e);
            }
        }

        private void flush() throws IOException {
            while (!out.isEmpty()) {
                channel.write(out.peek());
                if (out.peek().hasRemaining()) {
                    break;
                }
                out.poll();
            }
            key.interestOps(SelectionKey.OP_READ | (out.isEmpty() ? 0 : SelectionKey.OP_WRITE));
        }

        void fail(Exception e) {
            if (channel.isOpen()) {
                error(playing ? "session" : "idle connection", e);
                closeQuietly(channel);
            }
            stop();
        }

        private void stop() {
            if (playing) {
                playing = false;
                GameLoad.this.playing--;
            }
        }
    }
}
