package workbench.eventloop;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import workbench.annotations.NotThreadSafe;

/**
 * One TCP connection on an {@link EventLoop}, read and written a line at a time: asyncio's
 * {@code StreamReader.readline()} and {@code StreamWriter.write(); await drain()} in one object. Lines are framed
 * by a bounded {@link LineDecoder}.
 *
 * <p>Confined to its loop's thread (every method checks): futures it returns complete on that thread, so their
 * continuations may call it again directly. At most one {@link #readLine} may be pending at a time; writes queue
 * in order. The socket is read only while a {@code readLine} waits (and while {@link #closeGracefully} drains).
 */
@NotThreadSafe
public final class AsyncStream implements LoopCore.Handler {

    private static final int READ_CHUNK = 4096;

    private record PendingWrite(ByteBuffer bytes, CompletableFuture<Void> written) {
    }

    private final EventLoop loop;
    private final SocketChannel channel;
    private final LineDecoder decoder;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private final ArrayDeque<PendingWrite> writes = new ArrayDeque<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_CHUNK);
    private final List<Runnable> closeHooks = new ArrayList<>();
    private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
    SelectionKey key;

    private boolean eof;
    private IOException readFailure;
    private CompletableFuture<String> pendingRead;
    private EventLoop.Timer readTimer;
    private Duration readTimeout = Duration.ZERO;
    private CompletableFuture<AsyncStream> connecting;
    private EventLoop.Timer connectTimer;
    private boolean draining;
    private EventLoop.Timer lingerTimer;
    private boolean closed;

    AsyncStream(EventLoop loop, SocketChannel channel, int maxLineBytes) {
        this.loop = loop;
        this.channel = channel;
        this.decoder = new LineDecoder(maxLineBytes);
    }

    /** The loop this stream belongs to. */
    public EventLoop loop() {
        return loop;
    }

    /** How long a {@link #readLine} may wait before it fails with {@link SocketTimeoutException}; zero: forever. */
    public void setReadTimeout(Duration timeout) {
        loop.checkInLoop();
        readTimeout = timeout;
    }

    /**
     * {@code await reader.readline()}: the next line without its newline, or {@code null} at end of stream. Fails
     * with {@link LineTooLongException} on an over-long line, {@link SocketTimeoutException} after the read
     * timeout, or the connection's {@link IOException}.
     */
    public CompletableFuture<String> readLine() {
        loop.checkInLoop();
        if (pendingRead != null) {
            throw new IllegalStateException("a readLine() is already waiting on this stream");
        }
        if (!lines.isEmpty()) {
            return Async.done(lines.poll());
        }
        if (readFailure != null) {
            return CompletableFuture.failedFuture(readFailure);
        }
        if (eof) {
            return Async.done(null);
        }
        if (closed || draining) {
            return CompletableFuture.failedFuture(new ClosedChannelException());
        }
        CompletableFuture<String> read = new CompletableFuture<>();
        pendingRead = read;
        if (readTimeout.isPositive()) {
            readTimer = loop.callLater(readTimeout, () -> {
                if (pendingRead == read) {
                    pendingRead = null;
                    updateInterest();
                    read.completeExceptionally(new SocketTimeoutException(
                            "no line within " + readTimeout.toMillis() + " ms"));
                }
            });
        }
        updateInterest();
        return read;
    }

    /** {@code writer.write((line + '\n').encode()); await writer.drain()}. */
    public CompletableFuture<Void> writeLine(String line) {
        loop.checkInLoop();
        if (closed || draining) {
            return CompletableFuture.failedFuture(new ClosedChannelException());
        }
        ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(UTF_8));
        if (writes.isEmpty()) {
            try {
                channel.write(bytes);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
            if (!bytes.hasRemaining()) {
                return Async.done(null);
            }
        }
        CompletableFuture<Void> written = new CompletableFuture<>();
        writes.add(new PendingWrite(bytes, written));
        updateInterest();
        return written;
    }

    /**
     * Closes without losing what was sent: waits for queued writes, shuts the output down (the peer reads end of
     * stream after our last line), then reads and discards until the peer closes too, at most {@code linger}, and
     * closes. Closing with unread input would send a TCP reset, which can destroy our last line in flight.
     */
    public CompletableFuture<Void> closeGracefully(Duration linger) {
        loop.checkInLoop();
        if (closed || draining) {
            return closedFuture;
        }
        if (!writes.isEmpty()) {
            return writes.peekLast().written().handle((ignored, error) -> closeGracefully(linger))
                    .thenCompose(closing -> closing);
        }
        draining = true;
        failPendingRead(new ClosedChannelException());
        lines.clear();
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            close();
            return closedFuture;
        }
        if (eof) {
            close();
            return closedFuture;
        }
        lingerTimer = loop.callLater(linger, this::close);
        updateInterest();
        return closedFuture;
    }

    /** Closes at once; futures still waiting on this stream fail with {@link ClosedChannelException}. */
    public void close() {
        loop.checkInLoop();
        close(new ClosedChannelException());
    }

    private void close(IOException cause) {
        if (closed) {
            return;
        }
        closed = true;
        for (EventLoop.Timer timer : new EventLoop.Timer[] {readTimer, connectTimer, lingerTimer}) {
            if (timer != null) {
                timer.cancel();
            }
        }
        if (key != null) {
            key.cancel();
        }
        LoopCore.closeQuietly(channel);
        failPendingRead(cause);
        if (connecting != null) {
            CompletableFuture<AsyncStream> connect = connecting;
            connecting = null;
            connect.completeExceptionally(cause);
        }
        PendingWrite write;
        while ((write = writes.poll()) != null) {
            write.written().completeExceptionally(cause);
        }
        closeHooks.forEach(Runnable::run);
        closedFuture.complete(null);
    }

    public boolean isClosed() {
        return closed;
    }

    /** Completes when the stream is closed ({@code writer.wait_closed()}). */
    public CompletableFuture<Void> closed() {
        return closedFuture;
    }

    void onClose(Runnable hook) {
        closeHooks.add(hook);
    }

    /** {@link EventLoop#openConnection}: starts a non-blocking connect and completes once it is made. Loop thread. */
    static CompletableFuture<AsyncStream> connect(EventLoop loop, InetSocketAddress address, Duration timeout,
                                                  int maxLineBytes) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            AsyncStream stream = new AsyncStream(loop, channel, maxLineBytes);
            if (channel.connect(address)) {
                stream.key = loop.register(channel, 0, stream);
                return Async.done(stream);
            }
            stream.key = loop.register(channel, SelectionKey.OP_CONNECT, stream);
            return stream.awaitConnect(address, timeout);
        } catch (IOException | RuntimeException e) {
            LoopCore.closeQuietly(channel);
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<AsyncStream> awaitConnect(InetSocketAddress address, Duration timeout) {
        CompletableFuture<AsyncStream> connect = new CompletableFuture<>();
        connecting = connect;
        connectTimer = loop.callLater(timeout, () -> {
            if (connecting == connect) {
                connecting = null;
                close();
                connect.completeExceptionally(new SocketTimeoutException(
                        "no connection to " + address + " within " + timeout.toMillis() + " ms"));
            }
        });
        return connect;
    }

    @Override
    public void ready(SelectionKey selected) throws IOException {
        if (selected.isConnectable()) {
            finishConnect();
        }
        if (!closed && selected.isValid() && selected.isWritable()) {
            flushWrites();
        }
        if (!closed && selected.isValid() && selected.isReadable()) {
            readSome();
        }
    }

    @Override
    public void abort(Throwable cause) {
        close(cause instanceof IOException io ? io : new IOException(cause));
    }

    private void finishConnect() {
        try {
            if (!channel.finishConnect()) {
                return;
            }
        } catch (IOException e) {
            close(e);
            return;
        }
        connectTimer.cancel();
        CompletableFuture<AsyncStream> connect = connecting;
        connecting = null;
        updateInterest();
        connect.complete(this);
    }

    private void flushWrites() {
        PendingWrite write;
        while ((write = writes.peek()) != null) {
            try {
                channel.write(write.bytes());
            } catch (IOException e) {
                close(e);
                return;
            }
            if (write.bytes().hasRemaining()) {
                break;
            }
            writes.poll();
            write.written().complete(null);
            if (closed) {
                return;
            }
        }
        updateInterest();
    }

    private void readSome() {
        readBuffer.clear();
        int count;
        try {
            count = channel.read(readBuffer);
        } catch (IOException e) {
            if (draining) {
                close(e);
                return;
            }
            readFailure = e;
            deliver();
            return;
        }
        if (draining) {
            if (count < 0) {
                close();
            }
            return;
        }
        if (count < 0) {
            eof = true;
        } else {
            readBuffer.flip();
            try {
                decoder.feed(readBuffer, lines::add);
            } catch (LineTooLongException e) {
                readFailure = e;
            }
        }
        deliver();
    }

    private void deliver() {
        CompletableFuture<String> read = pendingRead;
        if (read != null) {
            if (!lines.isEmpty()) {
                clearPendingRead();
                read.complete(lines.poll());
            } else if (readFailure != null) {
                clearPendingRead();
                read.completeExceptionally(readFailure);
            } else if (eof) {
                clearPendingRead();
                read.complete(null);
            }
        }
        updateInterest();
    }

    private void clearPendingRead() {
        pendingRead = null;
        if (readTimer != null) {
            readTimer.cancel();
            readTimer = null;
        }
    }

    private void failPendingRead(IOException cause) {
        CompletableFuture<String> read = pendingRead;
        if (read != null) {
            clearPendingRead();
            read.completeExceptionally(cause);
        }
    }

    private void updateInterest() {
        if (closed || key == null || !key.isValid()) {
            return;
        }
        int ops;
        if (connecting != null) {
            ops = SelectionKey.OP_CONNECT;
        } else {
            ops = (pendingRead != null || draining ? SelectionKey.OP_READ : 0)
                    | (writes.isEmpty() ? 0 : SelectionKey.OP_WRITE);
        }
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }
}
