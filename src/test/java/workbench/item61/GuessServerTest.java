package workbench.item61;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import workbench.demo.Narrator;
import workbench.eventloop.EventLoop;
import workbench.futures.Futures;
import workbench.pyrandom.PyRandom;
import workbench.testing.NoLeaks;

/** Every server style, played by both clients: the book's lines, bad input, vanishing and concurrent clients. */
@Timeout(30)
class GuessServerTest {

    /** The book's threaded run, {@code random.seed(1234)}. */
    static final List<String> THREADED_LINES = List.of("Client: 4 is Unsure", "Client: 1 is Colder",
            "Client: 5 is Unsure", "Client: 3 is Correct", "Client: 11 is Unsure", "Client: 10 is Colder",
            "Client: 12 is Correct");

    /** The book's asyncio run, continuing the same random stream. */
    static final List<String> ASYNC_LINES = List.of("Client: 5 is Unsure", "Client: 4 is Warmer",
            "Client: 2 is Unsure", "Client: 1 is Colder", "Client: 3 is Correct", "Client: 14 is Unsure",
            "Client: 10 is Unsure", "Client: 15 is Colder", "Client: 12 is Correct");

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Consumer<String> QUIET = line -> { };

    private final List<String> serverLines = Collections.synchronizedList(new ArrayList<>());

    private GuessServer start(ServerStyle style, PyRandom random) throws IOException {
        return style.create(0, random, serverLines::add).start();
    }

    static List<String> clientLines(List<Outcome> outcomes) {
        return outcomes.stream().map(Outcome::clientLine).toList();
    }

    static List<String> serverLinesFor(List<String> clientLines) {
        return clientLines.stream().map(line -> line.replace("Client:", "Server:")).toList();
    }

    static List<Outcome> runAsyncClient(InetSocketAddress address, Consumer<String> out) throws Exception {
        try (EventLoop loop = EventLoop.start("test-client-loop")) {
            return loop.runCoroutineThreadsafe("run_async_client", () -> AsyncClient.runClient(loop, address, out))
                    .get(WAIT.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @ParameterizedTest
    @EnumSource(ServerStyle.class)
    void blockingThenAsyncClientGetTheBooksLines(ServerStyle style) throws Throwable {
        NoLeaks.check(() -> {
            List<String> printed = Collections.synchronizedList(new ArrayList<>());
            try (GuessServer server = start(style, new PyRandom(1234))) {
                assertEquals(THREADED_LINES, clientLines(BlockingClient.runClient(server.address(), printed::add)));
                assertTrue(server.awaitIdle(WAIT));
                assertEquals(ASYNC_LINES, clientLines(runAsyncClient(server.address(), printed::add)));
                assertTrue(server.awaitIdle(WAIT));
            }
            List<String> expected = new ArrayList<>(serverLinesFor(THREADED_LINES));
            expected.addAll(serverLinesFor(ASYNC_LINES));
            assertEquals(expected, serverLines);
            assertEquals(List.of("Guess a number between 1 and 5! Shhhhh, it's 3.",
                    "Guess a number between 10 and 15! Shhhhh, it's 12.",
                    "Guess a number between 1 and 5! Shhhhh, it's 3.",
                    "Guess a number between 10 and 15! Shhhhh, it's 12."), printed);
        });
    }

    @ParameterizedTest
    @EnumSource(ServerStyle.class)
    void asyncThenBlockingClientGetTheSameLines(ServerStyle style) throws Throwable {
        NoLeaks.check(() -> {
            try (GuessServer server = start(style, new PyRandom(1234))) {
                assertEquals(THREADED_LINES, clientLines(runAsyncClient(server.address(), QUIET)));
                assertTrue(server.awaitIdle(WAIT));
                assertEquals(ASYNC_LINES, clientLines(BlockingClient.runClient(server.address(), QUIET)));
            }
        });
    }

    /** A raw connection for sending what no well-behaved client sends. */
    private static final class RawClient implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        RawClient(InetSocketAddress address) throws IOException {
            socket = new Socket();
            socket.connect(address, 5_000);
            socket.setSoTimeout(5_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
            out = socket.getOutputStream();
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(UTF_8));
            out.flush();
        }

        String ask(String line) throws IOException {
            send(line + "\n");
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @ParameterizedTest
    @EnumSource(ServerStyle.class)
    void badCommandsGetAnErrorLineAndTheConnectionStaysUsable(ServerStyle style) throws Throwable {
        NoLeaks.check(() -> {
            try (GuessServer server = start(style, new PyRandom(1234));
                 RawClient client = new RawClient(server.address())) {
                assertEquals("ERROR unknown command 'FOO'", client.ask("FOO"));
                assertEquals("ERROR malformed command 'PARAMS 1': expected 'PARAMS <lower> <upper>'",
                        client.ask("PARAMS 1"));
                client.send("PARAMS 1 5\r\n");
                assertEquals("4", client.ask("NUMBER"));
                assertEquals("ERROR unknown decision 'Hot': expected Warmer, Colder, Unsure or Correct",
                        client.ask("REPORT Hot"));
                assertEquals("ERROR malformed command 'REPORT a b': expected 'REPORT <decision>'",
                        client.ask("REPORT a b"));
                client.send("REPORT Unsure\n");
                assertEquals("1", client.ask("NUMBER"));
            }
            assertEquals(List.of("Server: 4 is Unsure"), serverLines);
        });
    }

    @ParameterizedTest
    @EnumSource(ServerStyle.class)
    void anOverLongLineIsRefusedAndTheConnectionClosedCleanly(ServerStyle style) throws Throwable {
        NoLeaks.check(() -> {
            try (GuessServer server = start(style, new PyRandom(1234))) {
                try (RawClient client = new RawClient(server.address())) {
                    assertEquals("4", client.ask("PARAMS 1 5\nNUMBER"));
                    assertEquals("ERROR line longer than 1024 bytes; closing the connection",
                            client.ask("x".repeat(GuessSession.MAX_LINE_BYTES + 1)));
                    assertNull(client.in.readLine(), "then end of stream, not a reset");
                }
                try (RawClient client = new RawClient(server.address())) {
                    // no newline at all, and more bytes than the server's buffers: still the error, then the end
                    client.send("y".repeat(64 * 1024));
                    assertEquals("ERROR line longer than 1024 bytes; closing the connection", client.in.readLine());
                    assertNull(client.in.readLine());
                }
                try (RawClient client = new RawClient(server.address())) {
                    String reply = client.ask("x".repeat(GuessSession.MAX_LINE_BYTES));
                    assertTrue(reply.startsWith("ERROR unknown command 'xxx"), "exactly the limit is a line");
                }
                assertTrue(server.awaitIdle(WAIT));
            }
        });
    }

    @ParameterizedTest
    @EnumSource(ServerStyle.class)
    void aClientVanishingMidGameLeavesTheOthersServed(ServerStyle style) throws Throwable {
        NoLeaks.check(() -> {
            try (GuessServer server = start(style, new PyRandom(1234))) {
                RawClient quitter = new RawClient(server.address());
                RawClient resetter = new RawClient(server.address());
                assertEquals("4", quitter.ask("PARAMS 1 5\nNUMBER"));
                // One generator shared by every session draws the next number, 1. The pre-forked workers share no
                // memory: the second connection open at once goes to the other worker JVM, whose own copy of the
                // generator draws the first number again (PreForkedServer's header).
                assertEquals(style == ServerStyle.PRE_FORKED_PROCESSES ? "4" : "1",
                        resetter.ask("PARAMS 1 5\nNUMBER"));
                quitter.close();
                resetter.socket.setSoLinger(true, 0); // close with a TCP reset
                resetter.send("REPORT Unsure\nNUMBER\n");
                resetter.close();
                List<Outcome> outcomes = BlockingClient.runClient(server.address(), QUIET);
                assertEquals(Decision.CORRECT, outcomes.get(outcomes.size() - 1).decision());
                assertTrue(server.awaitIdle(WAIT), "the vanished clients' sessions ended");
            }
        });
    }

    @ParameterizedTest
    @EnumSource(ServerStyle.class)
    void concurrentClientsEachFinishTheirGame(ServerStyle style) throws Throwable {
        int clients = 16;
        NoLeaks.check(() -> {
            try (GuessServer server = start(style, new PyRandom(1234));
                 EventLoop loop = EventLoop.start("test-client-loop");
                 ExecutorService threads = Executors.newFixedThreadPool(clients)) {
                List<Future<List<Outcome>>> blocking = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    int secret = 1 + i % 5;
                    blocking.add(threads.submit(() -> playOneGame(server.address(), secret)));
                }
                List<CompletableFuture<List<Outcome>>> async = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    int secret = 1 + i % 5;
                    async.add(loop.runCoroutineThreadsafe("client", () -> AsyncClient.connect(loop, server.address(),
                            QUIET).thenCompose(client -> client.session(1, 5, secret,
                                    game -> game.requestNumbers(5).map(x -> game.reportOutcome(x)
                                            .thenApply(decision -> new Outcome(x, decision))))
                                    .whenComplete((done, error) -> client.close()))));
                }
                int reports = 0;
                for (int i = 0; i < clients; i++) {
                    int secret = 1 + i % 5;
                    reports += assertSolved(blocking.get(i).get(), secret);
                    reports += assertSolved(async.get(i).get(), secret);
                }
                assertTrue(server.awaitIdle(WAIT));
                assertEquals(reports, serverLines.size());
                assertEquals(2 * clients, serverLines.stream().filter(line -> line.endsWith("Correct")).count());
            }
        });
    }

    private static List<Outcome> playOneGame(InetSocketAddress address, int secret) throws IOException {
        try (BlockingClient client = BlockingClient.connect(address, QUIET);
             BlockingClient.Game game = client.session(1, 5, secret)) {
            List<Outcome> outcomes = new ArrayList<>();
            for (int number : game.requestNumbers(5)) {
                outcomes.add(new Outcome(number, game.reportOutcome(number)));
            }
            return outcomes;
        }
    }

    /** Forbidden: a repeated guess, more than five, or a game that ends anywhere but on the secret. */
    private static int assertSolved(List<Outcome> outcomes, int secret) {
        assertTrue(outcomes.size() >= 1 && outcomes.size() <= 5, outcomes::toString);
        assertEquals(outcomes.size(), new HashSet<>(outcomes.stream().map(Outcome::number).toList()).size());
        Outcome last = outcomes.get(outcomes.size() - 1);
        assertEquals(new Outcome(secret, Decision.CORRECT), last);
        assertFalse(outcomes.subList(0, outcomes.size() - 1).stream()
                .anyMatch(o -> o.decision() == Decision.CORRECT));
        return outcomes.size();
    }

    @ParameterizedTest
    @EnumSource(ServerStyle.class)
    void closeEndsIdleConnectionsAndEveryThread(ServerStyle style) throws Throwable {
        NoLeaks.check(() -> {
            GuessServer server = start(style, new PyRandom(1234));
            try (RawClient idle = new RawClient(server.address())) {
                assertEquals("4", idle.ask("PARAMS 1 5\nNUMBER"));
                long start = System.nanoTime();
                server.close();
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
                assertEquals(0, server.openConnections());
                try {
                    assertNull(idle.in.readLine(), "the server hung up");
                } catch (SocketException reset) {
                    // also a hang-up
                }
                assertThrows(IOException.class, () -> new RawClient(server.address()).close(),
                        "nobody listens any more");
            }
            server.close(); // twice is harmless
        });
    }

    @ParameterizedTest
    @EnumSource(ServerStyle.class)
    void aTakenPortFailsToBindAndANeverStartedServerClosesQuietly(ServerStyle style) throws Throwable {
        NoLeaks.check(() -> {
            try (GuessServer first = start(style, new PyRandom(1))) {
                GuessServer second = style.create(first.port(), new PyRandom(1), QUIET);
                assertThrows(BindException.class, second::start);
                second.close();
                style.create(0, new PyRandom(1), QUIET).close();
            }
        });
    }

    @Test
    void theDemoFallsBackToAFreePortWhenTheBooksIsTaken() throws Throwable {
        NoLeaks.check(() -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Narrator out = new Narrator(new PrintStream(bytes, true, UTF_8));
            try (GuessServer squatter = start(ServerStyle.PLATFORM_THREADS, new PyRandom(1));
                 GuessServer server = Item61.startOnBookPort(squatter.port(),
                         port -> ServerStyle.VIRTUAL_THREADS.create(port, new PyRandom(1234), QUIET), out)) {
                assertTrue(server.port() != squatter.port());
                assertTrue(bytes.toString(UTF_8).contains("Port " + squatter.port() + " is busy on this machine,"
                        + " so this run uses free port " + server.port() + " instead."), bytes.toString(UTF_8));
                assertEquals(THREADED_LINES, clientLines(BlockingClient.runClient(server.address(), QUIET)));
            }
        });
    }

    @Test
    void aClientReportsAnErrorAnswerAsAProtocolException() throws Throwable {
        NoLeaks.check(() -> {
            try (GuessServer server = start(ServerStyle.EVENT_LOOP, new PyRandom(1234));
                 BlockingClient client = BlockingClient.connect(server.address(), QUIET)) {
                BlockingClient.Game game = client.session(5, 1, 3); // an empty range
                ProtocolException error = assertThrows(ProtocolException.class, () -> {
                    try {
                        game.requestNumbers(5).iterator().next();
                    } catch (java.io.UncheckedIOException e) {
                        throw e.getCause();
                    }
                });
                assertEquals("server answered: ERROR no numbers between 5 and 1", error.getMessage());
                ExecutionException asyncError = assertThrows(ExecutionException.class, () -> {
                    try (EventLoop loop = EventLoop.start("test-client-loop")) {
                        loop.runCoroutineThreadsafe("client", () -> AsyncClient.connect(loop, server.address(), QUIET)
                                .thenCompose(async -> async.session(5, 1, 3, g -> g.requestNumbers(5).next())))
                                .get(WAIT.toNanos(), TimeUnit.NANOSECONDS);
                    }
                });
                assertInstanceOf(ProtocolException.class, Futures.unwrap(asyncError).getCause());
            }
        });
    }
}
