package workbench.eventloop;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

import workbench.annotations.NotThreadSafe;

/**
 * Splits a byte stream into {@code '\n'}-terminated UTF-8 lines, however the bytes arrive (a read may end in the
 * middle of a line or of a character), with a bound on a line's length. One decoder per connection; the blocking
 * transport ({@code workbench.item61.LineSocket}) and the event loop's {@link AsyncStream} both frame with it.
 *
 * <p>A line is the bytes before the newline, decoded as UTF-8 (malformed bytes become U+FFFD), with one trailing
 * {@code '\r'} dropped so a terminal's {@code "\r\n"} works too. A line longer than {@code maxLineBytes} is
 * rejected as soon as its byte {@code maxLineBytes + 1} arrives, without waiting for its end, and the decoder
 * stays failed: the stream cannot be resynchronised, so the connection should be closed. asyncio's
 * {@code StreamReader.readline} has the same kind of bound (its {@code limit}, 64 KiB by default).
 */
@NotThreadSafe
public final class LineDecoder {

    private final int maxLineBytes;
    private final byte[] line;
    private int length;
    private boolean failed;

    public LineDecoder(int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive, got " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
        this.line = new byte[maxLineBytes];
    }

    public int maxLineBytes() {
        return maxLineBytes;
    }

    /**
     * Consumes all of {@code src}, handing each complete line to {@code sink}; a partial line waits for more bytes.
     *
     * @throws LineTooLongException when a line passes the limit (the lines completed before it were delivered)
     */
    public void feed(ByteBuffer src, Consumer<String> sink) throws LineTooLongException {
        if (failed) {
            throw new LineTooLongException(maxLineBytes);
        }
        while (src.hasRemaining()) {
            byte b = src.get();
            if (b == '\n') {
                int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
                length = 0;
                sink.accept(new String(line, 0, end, UTF_8));
            } else if (length == maxLineBytes) {
                failed = true;
                throw new LineTooLongException(maxLineBytes);
            } else {
                line[length++] = b;
            }
        }
    }

    public void feed(byte[] bytes, int offset, int count, Consumer<String> sink) throws LineTooLongException {
        feed(ByteBuffer.wrap(bytes, offset, count), sink);
    }

    /** Bytes of an unfinished line held back (dropped if the stream ends, as a line without its newline). */
    public int pendingBytes() {
        return length;
    }
}
