package workbench.eventloop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import workbench.annotations.NotThreadSafe;

/**
 * A listening socket on an {@link EventLoop} ({@code asyncio.Server}, made by {@link EventLoop#startServer}):
 * accepts every pending connection when the loop reports it ready and hands each, as an {@link AsyncStream}, to
 * the connection callback. Confined to its loop's thread.
 */
@NotThreadSafe
public final class AsyncServer implements LoopCore.Handler {

    /** How long accepting pauses after {@code accept} failed (e.g. out of file descriptors), as asyncio does. */
    static final Duration ACCEPT_BACKOFF = Duration.ofMillis(100);

    private final EventLoop loop;
    private final ServerSocketChannel channel;
    private final int maxLineBytes;
    private final Consumer<AsyncStream> onConnection;
    private final InetSocketAddress address;
    private final Set<AsyncStream> connections = new LinkedHashSet<>();
    SelectionKey key;
    private boolean closed;

    /** {@link EventLoop#startServer}: binds, registers for accepts, and completes with the server. Loop thread. */
    static CompletableFuture<AsyncServer> listen(EventLoop loop, InetSocketAddress address, int maxLineBytes,
                                                 Consumer<AsyncStream> onConnection) {
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open();
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, 128);
            channel.configureBlocking(false);
            AsyncServer server = new AsyncServer(loop, channel, maxLineBytes, onConnection);
            server.key = loop.register(channel, SelectionKey.OP_ACCEPT, server);
            return Async.done(server);
        } catch (IOException | RuntimeException e) {
            LoopCore.closeQuietly(channel);
            return CompletableFuture.failedFuture(e);
        }
    }

    private AsyncServer(EventLoop loop, ServerSocketChannel channel, int maxLineBytes,
                        Consumer<AsyncStream> onConnection)
            throws IOException {
        this.loop = loop;
        this.channel = channel;
        this.maxLineBytes = maxLineBytes;
        this.onConnection = onConnection;
        this.address = (InetSocketAddress) channel.getLocalAddress();
    }

    /** The address it listens on (with the real port when it was asked for port 0). */
    public InetSocketAddress address() {
        return address;
    }

    /** Connections accepted and not yet closed. */
    public int connectionCount() {
        loop.checkInLoop();
        return connections.size();
    }

    @Override
    public void ready(SelectionKey selected) {
        while (!closed) {
            SocketChannel accepted;
            try {
                accepted = channel.accept();
            } catch (IOException e) {
                pauseAccepting();
                return;
            }
            if (accepted == null) {
                return;
            }
            accept(accepted);
        }
    }

    private void accept(SocketChannel accepted) {
        AsyncStream stream = null;
        try {
            accepted.configureBlocking(false);
            accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
            stream = new AsyncStream(loop, accepted, maxLineBytes);
            stream.key = loop.register(accepted, 0, stream);
            AsyncStream registered = stream;
            connections.add(registered);
            registered.onClose(() -> connections.remove(registered));
            onConnection.accept(registered);
        } catch (IOException | RuntimeException e) {
            if (stream != null) {
                stream.close();
            } else {
                LoopCore.closeQuietly(accepted);
            }
        }
    }

    private void pauseAccepting() {
        key.interestOps(0);
        loop.callLater(ACCEPT_BACKOFF, () -> {
            if (!closed && key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        });
    }

    /** Stops listening and closes every connection it accepted (asyncio 3.13's {@code close_clients()} too). */
    public void close() {
        loop.checkInLoop();
        if (closed) {
            return;
        }
        closed = true;
        key.cancel();
        LoopCore.closeQuietly(channel);
        for (AsyncStream stream : new ArrayList<>(connections)) {
            stream.close();
        }
    }

    @Override
    public void abort(Throwable cause) {
        close();
    }
}
