package workbench.item63;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.time.Duration;

import workbench.annotations.NotThreadSafe;

/**
 * A simulated slow device: every write blocks its caller for {@code perWrite} before reaching the real stream,
 * as a write to a busy disk or a network file system can. Local-disk writes take microseconds, too little for the
 * event loop to notice; this makes Item 63's blocking visible on any machine.
 */
@NotThreadSafe
public final class SlowDevice extends FilterOutputStream {

    private final Duration perWrite;

    public SlowDevice(OutputStream out, Duration perWrite) {
        super(out);
        this.perWrite = perWrite;
    }

    /** An {@link WriteThread.Opener} for files on this slow device. */
    public static WriteThread.Opener opener(Duration perWrite) {
        return path -> new SlowDevice(Files.newOutputStream(path), perWrite);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            Thread.sleep(perWrite);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted during a slow write");
        }
        out.write(b, off, len);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }
}
