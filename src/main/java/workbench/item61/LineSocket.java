package workbench.item61;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;

import workbench.annotations.NotThreadSafe;
import workbench.eventloop.LineDecoder;

/**
 * A blocking socket read and written a line at a time: the book's {@code ConnectionBase}, which both its threaded
 * {@code Session} and {@code Client} extend. Here both the {@link ThreadPerConnectionServer} and the
 * {@link BlockingClient} hold one. Lines are framed by the same bounded {@link LineDecoder} as the event loop's.
 */
@NotThreadSafe
final class LineSocket implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final LineDecoder decoder;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final byte[] buffer = new byte[4096];
    private boolean eof;

    LineSocket(Socket socket, int maxLineBytes) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.decoder = new LineDecoder(maxLineBytes);
    }

    /** {@code send}: writes {@code line} and a newline. */
    void send(String line) throws IOException {
        out.write((line + "\n").getBytes(UTF_8));
        out.flush();
    }

    /**
     * {@code receive}: the next line without its newline, or {@code null} at end of stream (where the book raises
     * its own {@code EOFError}).
     *
     * @throws workbench.eventloop.LineTooLongException on an over-long line
     * @throws SocketTimeoutException                    when the socket's read timeout passes first
     */
    String receive() throws IOException {
        while (lines.isEmpty()) {
            if (eof) {
                return null;
            }
            int count = in.read(buffer);
            if (count < 0) {
                eof = true;
            } else {
                decoder.feed(buffer, 0, count, lines::add);
            }
        }
        return lines.poll();
    }

    /**
     * Closes without losing what was sent: shuts the output down (the peer reads our last line, then end of
     * stream), reads and discards until the peer closes too or {@code linger} passes, then closes. Closing with
     * unread input would send a TCP reset, which can destroy our last line in flight.
     */
    void closeGracefully(Duration linger) {
        long deadline = System.nanoTime() + linger.toNanos();
        try {
            socket.shutdownOutput();
            while (!eof) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
                eof = in.read(buffer) < 0;
            }
        } catch (IOException e) {
            // a reset or the linger timeout: we are closing anyway
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing more to do with a socket that will not close
        }
    }
}
