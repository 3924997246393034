package workbench.item61;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import workbench.Demo;
import workbench.demo.Narrator;
import workbench.eventloop.EventLoop;
import workbench.futures.Futures;
import workbench.pyrandom.PyRandom;

/**
 * Item 61 (3rd ed. 76): Know How to Port Threaded I/O to asyncio.
 *
 * <p><b>Book claim.</b> asyncio has a counterpart for each building block of threaded, blocking I/O (streams for
 * sockets, {@code async with}, async generators, {@code async for}, async comprehensions), so a thread-per-connection
 * server and its client port to coroutines almost line by line, and the port scales better than a thread per
 * connection. The running example is a guess-the-number game over TCP: a server guesses, the client, who knows the
 * secret, answers Warmer, Colder, Unsure or Correct.
 *
 * <p><b>In Java.</b> The threaded version is {@link ThreadPerConnectionServer} and {@link BlockingClient}; the
 * asyncio version is {@link EventLoopServer} and {@link AsyncClient} on {@link EventLoop}, a single-threaded
 * {@link java.nio.channels.Selector} loop (what asyncio's loop is), with {@link java.util.concurrent.CompletableFuture}
 * chains where Python writes {@code await}. Both run the same {@link GuessSession}, so the port shows only what
 * changes. Java adds a third way the book cannot have: the unchanged threaded server on virtual threads, which
 * blocks in plain reads and still scales like the event loop ({@code Item61Benchmark} measures all three); and,
 * as the multi-process row, {@link PreForkedServer}: a parent that accepts and relays each connection's lines to
 * one of a few worker JVMs holding the sessions, each drawing from its own copy of the generator. The
 * guesses come from {@link PyRandom}, CPython's Mersenne Twister, seeded 1234 like the book's preamble, so the
 * lines are the book's own. Bad input gets an {@code ERROR} line instead of a dropped connection (see
 * {@link GuessSession}).
 *
 * <p><b>You should see</b> the threaded run end with {@code Client:} lines 4 Unsure, 1 Colder, 5 Unsure, 3 Correct,
 * 11 Unsure, 10 Colder, 12 Correct; the asyncio run, which continues the same random stream, 5 Unsure, 4 Warmer,
 * 2 Unsure, 1 Colder, 3 Correct, 14 Unsure, 10 Unsure, 15 Colder, 12 Correct; and the virtual-thread run, reseeded
 * with 1234, the threaded run's lines again; and once more, reseeded, from the pre-forked worker JVMs. Each guess
 * has its {@code Server:} line before the next guess. Ports are the book's 1234 and 4321 unless taken (the demo then
 * says which it used). It takes a second or two, most of it starting the worker JVMs.
 *
 * <p>Builds on Item 53 (threads for blocking I/O) and Item 60 (coroutines); the event loop lives in
 * {@code workbench.eventloop} and the seeded generator in {@code workbench.pyrandom} for other items to reuse.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar run 61}, or this class's {@code main} from an IDE.
 */
public final class Item61 implements Demo {

    /** The most any one run of the client may take before the demo gives up. */
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(20);

    public static void main(String[] args) throws Exception {
        new Item61().run(Narrator.stdout());
    }

    @Override
    public void run(Narrator out) throws Exception {
        PyRandom random = PyRandom.global();
        random.seed(1234);
        out.java("The book's preamble runs random.seed(1234); PyRandom.global() is CPython's Mersenne Twister,"
                + " seeded the same, so the guesses below are the book's.");

        out.example("1-13", "threaded server (a thread per connection) and blocking client, 127.0.0.1:1234");
        runThreaded(ServerStyle.PLATFORM_THREADS, random, out);
        out.java("The accept loop and each connection had a platform thread of their own. 'Server: 3 is Correct'"
                + " may print after 'Guess a number between 10 and 15!': two threads print at once, as in the book.");

        out.example("14-26", "the asyncio port: server and client on one event loop, 127.0.0.1:4321");
        List<Outcome> results;
        try (EventLoop loop = EventLoop.start("item61-event-loop");
             GuessServer server = startOnBookPort(ServerStyle.EVENT_LOOP.bookPort(),
                     port -> new EventLoopServer(loop, ServerStyle.loopback(port), random, out::println), out)) {
            results = runAsync(loop, server, out);
            server.awaitIdle(RUN_TIMEOUT);
        }
        printResults(results, out);
        out.java("One thread ran the server and the client: a java.nio Selector loop, with CompletableFuture chains"
                + " for await. The server listens once start() returns, so the book's sleep(0.1) before connecting"
                + " is not needed. The random stream went on from the threaded run, hence other guesses.");

        out.example("13, Java", "the threaded code unchanged, on virtual threads (reseeded with 1234)");
        random.seed(1234);
        runThreaded(ServerStyle.VIRTUAL_THREADS, random, out);
        out.java("The same ThreadPerConnectionServer class, handed Thread.ofVirtual()'s factory: each blocking read"
                + " parks its virtual thread and frees the carrier, so a thread per connection costs about what a"
                + " coroutine does. Same seed, same lines as Example 13.");
        out.beyond("the threaded client against " + PreForkedServer.WORKERS + " pre-forked worker JVMs holding the"
                + " sessions (reseeded with 1234)");
        random.seed(1234);
        runThreaded(ServerStyle.PRE_FORKED_PROCESSES, random, out);
        out.java("The parent accepted the connection and relayed its lines to a worker JVM, which ran the session and"
                + " sent back its answers and Server: lines. Processes share no memory, so each worker drew from its"
                + " own copy of the seeded generator; one client at a time lands on one worker, hence Example 13's"
                + " lines again (two clients at once would draw the same numbers from two copies). Every line crossed"
                + " two more process boundaries, for sessions that need no CPU: processes are not the tool for I/O.");
        out.java("Unknown or malformed commands get one 'ERROR ...' line and the connection stays usable; the book"
                + " raises UnknownCommandError and drops it. Lines over " + GuessSession.MAX_LINE_BYTES
                + " bytes are refused and the connection closed.");

        out.seeTimeline(61);
    }

    private static void runThreaded(ServerStyle style, PyRandom random, Narrator out) throws Exception {
        List<Outcome> results;
        try (GuessServer server = startOnBookPort(style.bookPort(), port -> style.create(port, random, out::println),
                out)) {
            results = BlockingClient.runClient(server.address(), out::println);
            server.awaitIdle(RUN_TIMEOUT);
        }
        printResults(results, out);
    }

    /** {@code main_async}'s client half: runs the async client on {@code loop}, returning its results. */
    static List<Outcome> runAsync(EventLoop loop, GuessServer server, Narrator out) throws Exception {
        try {
            return loop.runCoroutineThreadsafe("run_async_client",
                    () -> AsyncClient.runClient(loop, server.address(), out::println))
                    .get(RUN_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = Futures.unwrap(e);
            if (cause instanceof UncheckedIOException unchecked) {
                throw unchecked.getCause();
            }
            throw cause instanceof Exception plain ? plain : e;
        }
    }

    private static void printResults(List<Outcome> results, Narrator out) {
        for (Outcome outcome : results) {
            out.println(outcome.clientLine());
        }
    }

    /**
     * Starts a server on the book's port; when that port is taken here, on a free one instead, and says so.
     */
    static GuessServer startOnBookPort(int bookPort, IntFunction<GuessServer> create, Narrator out)
            throws IOException {
        GuessServer server = create.apply(bookPort);
        try {
            return server.start();
        } catch (BindException busy) {
            server.close();
            GuessServer fallback = create.apply(0).start();
            out.javaf("Port %d is busy on this machine, so this run uses free port %d instead.", bookPort,
                    fallback.port());
            return fallback;
        }
    }
}
