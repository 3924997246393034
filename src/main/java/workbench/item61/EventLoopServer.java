package workbench.item61;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;
import workbench.eventloop.Async;
import workbench.eventloop.AsyncServer;
import workbench.eventloop.AsyncStream;
import workbench.eventloop.EventLoop;
import workbench.eventloop.EventLoopClosedException;
import workbench.eventloop.LineTooLongException;
import workbench.futures.Futures;
import workbench.pyrandom.PyRandom;
import workbench.recording.WorkUnitEvent;

/**
 * The book's asyncio server ({@code run_async_server} and {@code handle_async_connection}) on an
 * {@link EventLoop}: every connection is a coroutine on the loop's one thread, answered by the same
 * {@link GuessSession} as the threaded server. Compare {@link #serve} with
 * {@link ThreadPerConnectionServer}'s {@code handle}: the same loop, with each blocking call replaced by a future
 * ({@code receive()} by {@code readLine()}, {@code send()} by {@code writeLine()}).
 *
 * <p>It either owns its loop (started in {@link #start}, closed in {@link #close}) or shares one handed to it,
 * as the book's {@code main_async} runs server and client on one loop.
 */
@ThreadSafe
public final class EventLoopServer implements GuessServer {

    /** How long {@link #start} and {@link #close} wait for the loop. */
    static final Duration LOOP_TIMEOUT = Duration.ofSeconds(5);

    private final InetSocketAddress requested;
    private final PyRandom random;
    private final Consumer<String> log;
    private final boolean ownsLoop;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger sessions = new AtomicInteger();
    private final Object lock = new Object();
    @GuardedBy("lock")
    private EventLoop loop;
    @GuardedBy("lock")
    private AsyncServer server;
    @GuardedBy("lock")
    private boolean closed;

    /** A server that starts and closes its own event loop. */
    public EventLoopServer(InetSocketAddress address, PyRandom random, Consumer<String> log) {
        this(null, address, random, log);
    }

    /** A server on {@code loop}, which the caller starts and closes; {@code null}: its own loop. */
    public EventLoopServer(EventLoop loop, InetSocketAddress address, PyRandom random, Consumer<String> log) {
        this.loop = loop;
        this.ownsLoop = loop == null;
        this.requested = address;
        this.random = random;
        this.log = log;
    }

    @Override
    public GuessServer start() throws IOException {
        EventLoop on;
        synchronized (lock) {
            if (closed || server != null) {
                throw new IllegalStateException(closed ? "server closed" : "server already started");
            }
            if (ownsLoop) {
                loop = EventLoop.start("guess-event-loop");
            }
            on = loop;
        }
        AsyncServer started;
        try {
            started = on.runCoroutineThreadsafe("start_server",
                    () -> on.startServer(requested, GuessSession.MAX_LINE_BYTES, this::accepted))
                    .get(LOOP_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            closeOwnLoop();
            Throwable cause = Futures.unwrap(e);
            throw cause instanceof IOException io ? io : new IOException(cause);
        } catch (InterruptedException | TimeoutException e) {
            closeOwnLoop();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new InterruptedIOException("event loop did not start the server: " + e);
        }
        synchronized (lock) {
            server = started;
        }
        return this;
    }

    private void accepted(AsyncStream stream) {
        open.incrementAndGet();
        serve(stream).whenComplete((ignored, error) -> {
            stream.close();
            open.decrementAndGet();
        });
    }

    /**
     * {@code handle_async_connection}: one session until the client leaves, a line is too long, or we close.
     * The future completes when the connection is done with (never exceptionally for a vanished client).
     */
    private CompletableFuture<Void> serve(AsyncStream stream) {
        WorkUnitEvent unit = new WorkUnitEvent(); // a timeline draws each session as a unit of work
        unit.begin();
        CompletableFuture<Void> session = converse(stream);
        session.whenComplete((done, error) -> unit.end(GuessSession.UNIT,
                String.valueOf(sessions.incrementAndGet())));
        return session;
    }

    private CompletableFuture<Void> converse(AsyncStream stream) {
        GuessSession session = new GuessSession(random, log);
        return Async.whileTrue(() -> stream.readLine().thenCompose(command -> {
            if (command == null) {
                return Async.done(false);
            }
            String reply = session.onLine(command);
            return reply == null ? Async.done(true) : stream.writeLine(reply).thenApply(written -> true);
        })).exceptionallyCompose(error -> {
            if (Futures.unwrap(error) instanceof LineTooLongException tooLong) {
                return stream.writeLine(GuessSession.lineTooLong(tooLong.limit()))
                        .thenCompose(written -> stream.closeGracefully(ThreadPerConnectionServer.LINGER));
            }
            return Async.done(null); // the client vanished or we closed: this session is over
        });
    }

    @Override
    public InetSocketAddress address() {
        synchronized (lock) {
            if (server == null) {
                throw new IllegalStateException("server not started");
            }
            return new InetSocketAddress(requested.getAddress(), server.address().getPort());
        }
    }

    @Override
    public int openConnections() {
        return open.get();
    }

    @Override
    public void close() {
        EventLoop on;
        AsyncServer listening;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            on = loop;
            listening = server;
        }
        try {
            if (listening != null && !on.isTerminated()) {
                on.runCoroutineThreadsafe("close_server", () -> {
                    listening.close();
                    return Async.done(null);
                }).get(LOOP_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | CancellationException | EventLoopClosedException e) {
            // the loop is gone or stuck; closing our own loop below ends everything on it anyway
        } finally {
            closeOwnLoop();
        }
    }

    private void closeOwnLoop() {
        EventLoop on;
        synchronized (lock) {
            on = ownsLoop ? loop : null;
        }
        if (on != null) {
            on.close();
        }
    }
}
