package workbench.eventloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.testing.NoLeaks;

@Timeout(20)
class EventLoopTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Test
    void runsCallbacksOnItsOwnThreadAndEndsItOnClose() throws Throwable {
        NoLeaks.check(() -> {
            EventLoop loop = EventLoop.start("test-loop");
            try (loop) {
                String thread = loop.run(() -> Async.done(Thread.currentThread().getName()), WAIT);
                assertEquals("test-loop", thread);
                assertThrows(IllegalStateException.class, () -> loop.sleep(Duration.ofMillis(1)),
                        "loop-confined methods check the caller");
            }
            assertTrue(loop.isTerminated());
            assertThrows(RejectedExecutionException.class, () -> loop.execute(() -> { }));
        });
    }

    @Test
    void sleepsAndTimersFireInDeadlineOrder() throws Exception {
        try (EventLoop loop = EventLoop.start("test-loop")) {
            List<String> order = loop.run(() -> {
                List<String> fired = new ArrayList<>();
                loop.schedule(Duration.ofMillis(30), () -> fired.add("30 ms"));
                loop.schedule(Duration.ofMillis(10), () -> fired.add("10 ms"));
                loop.schedule(Duration.ofMillis(20), () -> fired.add("20 ms")).cancel();
                return loop.sleep(Duration.ofMillis(50)).thenApply(slept -> fired);
            }, WAIT);
            assertEquals(List.of("10 ms", "30 ms"), order);
        }
    }

    @Test
    void runTimesOutInsteadOfHanging() throws Exception {
        try (EventLoop loop = EventLoop.start("test-loop")) {
            assertThrows(TimeoutException.class,
                    () -> loop.run(() -> new CompletableFuture<Void>(), Duration.ofMillis(50)));
        }
    }

    @Test
    void whileTrueRunsManySynchronousIterationsWithoutDeepStacks() {
        int[] count = {0};
        Async.whileTrue(() -> Async.done(++count[0] < 1_000_000)).join();
        assertEquals(1_000_000, count[0]);
    }

    @Test
    void tryFinallyRunsCleanupAndKeepsTheBodyFailure() {
        List<String> ran = new ArrayList<>();
        CompletableFuture<String> failed = Async.tryFinally(
                () -> CompletableFuture.failedFuture(new IllegalStateException("body")),
                () -> {
                    ran.add("cleanup");
                    return CompletableFuture.failedFuture(new IOException("cleanup"));
                });
        ExecutionException error = assertThrows(ExecutionException.class, failed::get);
        assertEquals("body", error.getCause().getMessage());
        assertEquals("cleanup", error.getCause().getSuppressed()[0].getMessage());
        assertEquals(List.of("cleanup"), ran);
        assertEquals("ok", Async.tryFinally(() -> Async.done("ok"), () -> Async.done(null)).join());
    }

    @Test
    void echoesLinesBetweenAServerAndAClientOnOneLoop() throws Throwable {
        NoLeaks.check(() -> {
            try (EventLoop loop = EventLoop.start("test-loop")) {
                List<String> replies = loop.run(() -> loop.startServer(ANY_PORT, 64, stream ->
                        Async.whileTrue(() -> stream.readLine().thenCompose(line -> line == null
                                ? Async.done(false)
                                : stream.writeLine("echo " + line).thenApply(written -> true)))
                                .whenComplete((done, error) -> stream.close()))
                        .thenCompose(server -> loop.openConnection(server.address(), WAIT, 64))
                        .thenCompose(client -> {
                            List<String> got = new ArrayList<>();
                            AsyncIterator<String> echoes = new AsyncIterator<>() {
                                private int sent;

                                @Override
                                public CompletableFuture<String> next() {
                                    if (sent == 3) {
                                        return Async.done(null);
                                    }
                                    return client.writeLine("line " + sent++).thenCompose(w -> client.readLine());
                                }
                            };
                            return echoes.forEach(line -> {
                                got.add(line);
                                return Async.done(null);
                            }).thenApply(done -> {
                                client.close();
                                return got;
                            });
                        }), WAIT);
                assertEquals(List.of("echo line 0", "echo line 1", "echo line 2"), replies);
            }
        });
    }

    @Test
    void aReadTimesOutAndClosingTheLoopFailsWaitingFutures() throws Exception {
        CompletableFuture<String> orphan;
        try (EventLoop loop = EventLoop.start("test-loop")) {
            AsyncServer server = loop.run(() -> loop.startServer(ANY_PORT, 64, stream -> { }), WAIT);
            AsyncStream client = loop.run(() -> loop.openConnection(server.address(), WAIT, 64), WAIT);
            ExecutionException timedOut = assertThrows(ExecutionException.class, () -> loop.run(() -> {
                client.setReadTimeout(Duration.ofMillis(50));
                return client.readLine();
            }, WAIT));
            assertInstanceOf(SocketTimeoutException.class, timedOut.getCause());
            orphan = loop.run(() -> {
                client.setReadTimeout(Duration.ZERO);
                return Async.done(client.readLine());
            }, WAIT);
        }
        ExecutionException closed = assertThrows(ExecutionException.class, () -> orphan.get());
        assertInstanceOf(ClosedChannelException.class, closed.getCause());
    }

    @Test
    void readLineReturnsNullAtEndOfStream() throws Exception {
        try (EventLoop loop = EventLoop.start("test-loop")) {
            AsyncServer server = loop.run(() -> loop.startServer(ANY_PORT, 64,
                    stream -> stream.writeLine("bye").thenCompose(w -> stream.closeGracefully(WAIT))), WAIT);
            List<String> lines = loop.run(() -> loop.openConnection(server.address(), WAIT, 64)
                    .thenCompose(client -> client.readLine().thenCompose(first -> client.readLine()
                            .thenApply(second -> {
                                client.close();
                                List<String> both = new ArrayList<>();
                                both.add(first);
                                both.add(second);
                                return both;
                            }))), WAIT);
            assertEquals("bye", lines.get(0));
            assertNull(lines.get(1));
        }
    }
}
