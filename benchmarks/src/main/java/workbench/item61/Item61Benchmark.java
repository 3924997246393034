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
import workbench.timeline.TimelineRecording;
import workbench.timeline.WayTimeline;

/**
 * Item 61 (3rd ed. 76): how many guess-the-number sessions each server style serves with C clients playing at once.
 *
 * <p><b>Book claim.</b> A threaded server ports to asyncio almost line by line, and coroutines scale where a thread
 * per connection does not.
 *
 * <p><b>In Java.</b> The same game served by a platform thread per connection, a virtual thread per connection, one
 * event loop thread and (beyond the book) pre-forked worker JVMs ({@link Served#style}); one op is one round of games
 * ({@link #round}).
 *
 * <p><b>You should see</b> the three in-process styles within a small factor of each other at up to 64 connections,
 * and the pre-forked processes behind all three: two more hops per line for sessions that need no CPU. Where the
 * styles part, at 1,000 and 10,000 clients with CPython's servers beside them, is {@link Item61Load}'s to show.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar bench 61}, or this class's {@code main} from an IDE.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class Item61Benchmark {

    /**
     * {@link #round}'s state: the server of one {@code style} and its {@code clients} connected clients, started
     * once per trial (a state of its own, not the class, so that {@link #timeline} runs without them).
     */
    @State(Scope.Benchmark)
    public static class Served {
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

        @TearDown(Level.Trial)
        public void stop() {
            connections.forEach(BlockingClient::close);
            connections.clear();
            round.clear();
            players.close();
            server.close();
        }
    }

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
     * platform thread of this JVM running a {@link BlockingClient}) plays one full game session at the same time,
     * the book's first game: {@code PARAMS 1 5}, then {@code NUMBER}/{@code REPORT} until correct (1 to 5 round
     * trips), then {@code PARAMS 0 -1}. The {@code sessions} counter is sessions per second (ops x clients), the number to
     * compare across client counts. Connecting is not measured: thread creation per connection is outside the op.
     *
     * <p>At 64 connections a platform thread each is still cheap, and every session is a few loopback round trips.
     * The event loop serves everything on one thread, so it cannot use more than one core for the server; the thread
     * styles can. The book's promise, that coroutines scale where threads do not, needs thousands of connections
     * (memory and scheduling per OS thread): {@link Item61Load} measures that, each server in a process of its own
     * and every client driven from one selector thread. The pre-forked processes fall behind all three: every line
     * makes two more hops (parent to worker and back) for sessions that need no CPU. Clients and server share this
     * JVM and the machine's cores, so the numbers measure the whole exchange, not the server alone.
     */
    @Benchmark
    public int round(Served served, Sessions counter) throws Exception {
        int guesses = 0;
        for (Future<Integer> played : served.players.invokeAll(served.round)) {
            guesses += played.get();
        }
        counter.sessions += served.clients;
        return guesses;
    }

    /** {@link #timeline}'s state: {@code workbench timeline 61}'s example {@code one-game}, recorded or not. */
    @State(Scope.Benchmark)
    public static class Timeline extends WayTimeline {
        /**
         * The way's slug. Both ways run; the pre-forked server is not a declared way.
         */
        @Param({"platform-threads", "event-loop"})
        public String way;

        public Timeline() {
            super(61, "one-game");
        }
    }

    /**
     * One op is {@code workbench timeline 61 --example one-game}'s run (one game of the book's guessing client against
     * the server, the server's {@code accept} or {@code select} and its session marked by the recording) with the
     * timeline's recording off or on ({@link TimelineRecording}: the flight recording and the scheduler sampler).
     * <b>You should see</b> the two rows within 5 %: what recording costs.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Fork(1)
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 3, time = 1)
    public void timeline(Timeline state) throws Exception {
        state.runExample();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(BenchRunner.options(Item61Benchmark.class).build()).run();
    }
}
