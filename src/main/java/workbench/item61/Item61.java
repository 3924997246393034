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
 * <p><b>Book claim.</b> asyncio has a counterpart for each blocking-I/O building block, so a thread-per-connection
 * guess-the-number server and its client port to coroutines almost line by line. Builds on Items 53 and 60.
 *
 * <p><b>In Java.</b> {@link ThreadPerConnectionServer}/{@link BlockingClient} and, on one {@link EventLoop} thread,
 * {@link EventLoopServer}/{@link AsyncClient} share a {@link GuessSession}; Java adds virtual threads and
 * {@link PreForkedServer}. {@link PyRandom} seeded 1234 makes the book's guesses.
 *
 * <p><b>You should see</b> the threaded run's {@code Client:} lines 4 Unsure, 1 Colder, 5 Unsure, 3 Correct, 11
 * Unsure, 10 Colder, 12 Correct; the asyncio run's 5 Unsure, 4 Warmer, 2 Unsure, 1 Colder, 3 Correct, 14 Unsure,
 * 10 Unsure, 15 Colder, 12 Correct; then, reseeded, the threaded lines on virtual threads and worker JVMs.
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
        out.java("random.seed(1234) as in the book's preamble, on CPython's generator: the book's guesses.");

        out.example("1-13", "threaded server (a thread per connection) and blocking client, 127.0.0.1:1234");
        runThreaded(ServerStyle.PLATFORM_THREADS, random, out);
        out.java("A platform thread per connection; two threads print at once: lines may interleave, as in the book.");

        out.example("14-26", "the asyncio port: server and client on one event loop, 127.0.0.1:4321");
        List<Outcome> results;
        try (EventLoop loop = EventLoop.start("item61-event-loop");
             GuessServer server = startOnBookPort(ServerStyle.EVENT_LOOP.bookPort(),
                     port -> new EventLoopServer(loop, ServerStyle.loopback(port), random, out::println), out)) {
            results = runAsync(loop, server, out);
            server.awaitIdle(RUN_TIMEOUT);
        }
        printResults(results, out);
        out.java("One thread ran server and client. The stream went on from the threaded run: other guesses.");

        out.example("13, Java", "the threaded code unchanged, on virtual threads (reseeded with 1234)");
        random.seed(1234);
        runThreaded(ServerStyle.VIRTUAL_THREADS, random, out);
        out.java("On Thread.ofVirtual(), a blocking read parks the thread and frees its carrier.");
        out.beyond("the threaded client against " + PreForkedServer.WORKERS + " pre-forked worker JVMs (reseeded)");
        random.seed(1234);
        runThreaded(ServerStyle.PRE_FORKED_PROCESSES, random, out);
        out.java("Each line went to a worker JVM and back, for no CPU work: processes are not for I/O.");
        out.java("A bad command gets one 'ERROR ...' line (the book drops the connection); lines over "
                + GuessSession.MAX_LINE_BYTES + " bytes close it.");

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
