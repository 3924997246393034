package workbench.item61;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import workbench.annotations.ThreadSafe;
import workbench.eventloop.LineTooLongException;
import workbench.pyrandom.PyRandom;
import workbench.recording.WorkUnitEvent;

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
 * handler. The accept loop, the bookkeeping and the shutdown are {@link AcceptingServer}'s, shared with
 * {@link PreForkedServer}; this class is only {@code handle_connection}.
 */
@ThreadSafe
public final class ThreadPerConnectionServer extends AcceptingServer {

    /** How long a connection closed for an over-long line waits for its client to hang up first. */
    static final Duration LINGER = Duration.ofSeconds(1);

    private final PyRandom random;
    private final AtomicInteger sessions = new AtomicInteger();
    private final Consumer<String> log;

    public ThreadPerConnectionServer(ThreadFactory threads, InetSocketAddress address, PyRandom random,
                                     Consumer<String> log) {
        super(threads, address);
        this.random = random;
        this.log = log;
    }

    @Override
    protected Runnable accepted(Socket connection) {
        return () -> handle(connection);
    }

    /** {@code handle_connection}: one session until the client leaves, a line is too long, or we close. */
    private void handle(Socket connection) {
        WorkUnitEvent unit = new WorkUnitEvent(); // a timeline draws each session as a unit of work
        unit.begin();
        try {
            serveSession(connection);
        } finally {
            unit.end(GuessSession.UNIT, String.valueOf(sessions.incrementAndGet()));
        }
    }

    private void serveSession(Socket connection) {
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
        }
    }
}
