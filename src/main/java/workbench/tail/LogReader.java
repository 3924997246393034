package workbench.tail;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;

import workbench.annotations.NotThreadSafe;

/**
 * The book's reader handle ({@code open(path, 'rb')}) with its {@code readline}: the next complete line appended
 * to a file that writers are still growing, or nothing yet.
 *
 * <p>Python's {@code readline} raises {@code NoNewData} when the file has not grown; here it returns an empty
 * {@link Optional}, which travels through a {@code CompletableFuture} without being wrapped twice. It also waits
 * for a line's newline before returning it, so a line caught half-written can never be merged in two pieces.
 *
 * <p><b>Stopping.</b> The book tells readers to stop by closing their handles after a fixed 1 s, which can race
 * with a late writer. Here the harness joins the writers first and then calls {@link #signalWritersDone()}; a
 * tail that reads {@link #writersDone()} <em>before</em> a {@code readline} that finds nothing knows the file is
 * complete and stops. The channel itself is closed by the harness once every tail has returned.
 *
 * <p>One tail reads a handle at a time; when its {@code readline} calls hop between executor threads, the
 * executor's hand-offs order them.
 */
@NotThreadSafe
public final class LogReader implements Closeable {

    /** Longest line accepted; the harness's lines are under 100 bytes. */
    static final int MAX_LINE = 64 * 1024;

    private final Path path;
    private final FileChannel channel;
    private long position;
    private volatile boolean writersDone;

    public LogReader(Path path) throws IOException {
        this.path = path;
        this.channel = FileChannel.open(path, StandardOpenOption.READ);
    }

    public Path path() {
        return path;
    }

    /** The next complete line, newline included, or empty if no complete line has arrived since the last one. */
    public Optional<byte[]> readline() throws IOException {
        long available = channel.size() - position;
        if (available <= 0) {
            return Optional.empty(); // the book's NoNewData
        }
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(available, MAX_LINE));
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                break;
            }
        }
        byte[] bytes = buffer.array();
        int length = buffer.position();
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                position += i + 1;
                return Optional.of(Arrays.copyOf(bytes, i + 1));
            }
        }
        if (length >= MAX_LINE) {
            throw new IOException(path + ": a line longer than " + MAX_LINE + " bytes");
        }
        return Optional.empty(); // a line still being written: wait for its newline
    }

    /** Called once every writer of this file has finished: after this, nothing more will be appended. */
    public void signalWritersDone() {
        writersDone = true;
    }

    public boolean writersDone() {
        return writersDone;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
