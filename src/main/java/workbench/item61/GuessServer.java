package workbench.item61;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * A guess-the-number server: one per {@link ServerStyle}. Each binds the loopback address only, answers every
 * connection with a {@link GuessSession}, and on {@link #close} stops accepting, closes every connection and
 * ends every thread it started. Closing a server that never started is harmless.
 */
public interface GuessServer extends AutoCloseable {

    /** Binds and starts accepting; returns {@code this}. Fails with {@link java.net.BindException} when taken. */
    GuessServer start() throws IOException;

    /** The address it listens on (127.0.0.1 and the real port, also when it was asked for port 0). */
    InetSocketAddress address();

    default int port() {
        return address().getPort();
    }

    /** Connections accepted and not yet finished. */
    int openConnections();

    /**
     * Waits until every connection has finished (its last line handled), at most {@code timeout}. After a client
     * closed its socket this makes sure the server printed all it will print.
     */
    default boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (openConnections() > 0) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    /**
     * Stops accepting, closes all connections and waits (boundedly) for every thread the server started to end.
     *
     * @throws IllegalStateException when a thread of it is still alive after the wait
     */
    @Override
    void close();
}
