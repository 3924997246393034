package workbench.item61;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

import workbench.bench.BenchRunner;
import workbench.pyrandom.PyRandom;

/**
 * Item 61 (3rd ed. 76): how many guess-the-number sessions each server style serves with C clients playing at once.
 *
 * <p><b>Book claim.</b> A threaded server ports to asyncio almost line by line, and coroutines scale where a thread
 * per connection does not.
 *
 * <p><b>In Java.</b> The same game served by a platform thread per connection, a virtual thread per connection, one
 * event loop thread and (beyond the book) pre-forked worker JVMs ({@link #style}); one op is one round of games
 * ({@link #round}).
 *
 * <p><b>You should see</b> the three in-process styles within a small factor of each other at up to 64 connections,
 * and the pre-forked processes behind all three: two more hops per line for sessions that need no CPU.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar bench 61}, or this class's {@code main} from an IDE.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class Item61Benchmark {

    /**
     * The server's guesses come from one shared, synchronised {@link PyRandom} as in the book.
     * {@code PRE_FORKED_PROCESSES} (beyond the book, the multi-process row) serves the sessions in
     * {@value PreForkedServer#WORKERS} worker JVMs started once per trial, the parent accepting and relaying each
     * line to the connection's worker and back; each worker draws from its own copy of the generator
     * ({@link PreForkedServer}).
     */
    @Param({"PLATFORM_THREADS", "VIRTUAL_THREADS", "EVENT_LOOP", "PRE_FORKED_PROCESSES"})
    public ServerStyle style;

    @Param({"1", "4", "16", "64"})
    public int clients;

    private GuessServer server;
    private ExecutorService players;
    private final List<BlockingClient> connections = new ArrayList<>();
    private final List<Callable<Integer>> round = new ArrayList<>();

    /** Sessions played, reported per second next to the rounds. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Sessions {
        public long sessions;

        @Setup(Level.Iteration)
        public void reset() {
            sessions = 0;
        }
    }

    @Setup(Level.Trial)
    public void start() throws IOException {
        server = style.create(0, new PyRandom(1234), line -> { }).start();
        players = Executors.newFixedThreadPool(clients);
        for (int i = 0; i < clients; i++) {
            BlockingClient client = BlockingClient.connect(server.address(), line -> { });
            connections.add(client);
            round.add(() -> playFirstGame(client));
        }
    }

    /** The book's first game on {@code client}'s connection; returns how many guesses it took. */
    static int playFirstGame(BlockingClient client) throws IOException {
        int guesses = 0;
        try (BlockingClient.Game game = client.session(1, 5, 3)) {
            for (int number : game.requestNumbers(5)) {
                game.reportOutcome(number);
                guesses++;
            }
        }
        return guesses;
    }

    /**
     * One op is one round: each of the {@code clients} connections (opened once per trial, each driven by its own
     * platform thread running a {@link BlockingClient}) plays one full game session at the same time, the book's
     * first game: {@code PARAMS 1 5}, then {@code NUMBER}/{@code REPORT} until correct (1 to 5 round trips), then
     * {@code PARAMS 0 -1}. The {@code sessions} counter is sessions per second (ops x clients), the number to
     * compare across client counts. Connecting is not measured: thread creation per connection is outside the op.
     *
     * <p><b>You should see</b> all three styles within a small factor of each other: at 64 connections a platform
     * thread each is still cheap, and every session is a few loopback round trips. The event loop serves everything
     * on one thread, so it cannot use more than one core for the server; the thread styles can. The book's promise,
     * that coroutines scale where threads do not, needs thousands of connections (memory and scheduling per OS
     * thread); virtual threads keep the threaded code and reach that scale too. The pre-forked processes fall behind
     * all three: every line makes two more hops (parent to worker and back) for sessions that need no CPU, which is
     * what a process per few connections costs for I/O-bound work (a smoke run on 2 busy cores, indicative only: one
     * client, 3,585 sessions/s on virtual threads against 702 pre-forked; 16 clients, 4,903 against 2,747). Clients
     * and server share the machine's cores, so the numbers measure the whole exchange, not the server alone.
     */
    @Benchmark
    public int round(Sessions counter) throws Exception {
        int guesses = 0;
        for (Future<Integer> played : players.invokeAll(round)) {
            guesses += played.get();
        }
        counter.sessions += clients;
        return guesses;
    }

    @TearDown(Level.Trial)
    public void stop() {
        connections.forEach(BlockingClient::close);
        connections.clear();
        round.clear();
        players.close();
        server.close();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(BenchRunner.options(Item61Benchmark.class).build()).run();
    }
}
