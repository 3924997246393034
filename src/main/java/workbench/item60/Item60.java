package workbench.item60;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import workbench.Demo;
import workbench.demo.Narrator;
import workbench.futures.Futures;
import workbench.life.Life;
import workbench.life.PyLogging;
import workbench.life.Rules;
import workbench.life.Simulation;
import workbench.threads.ParkedThreads;

/**
 * Item 60 (3rd ed. 75): Achieve Highly Concurrent I/O with Coroutines.
 *
 * <p><b>Book claim.</b> Coroutines ({@code async def} / {@code await}, run by asyncio's event loop) allow a very
 * large number of seemingly simultaneous functions, each costing far less than a thread and with no start-up
 * cost. Porting Item 56's Game of Life takes only {@code async}/{@code await}, {@code asyncio.gather} for the
 * fan-in and {@code asyncio.run}; no locks are needed because everything runs on one thread; exceptions
 * propagate through {@code await} to the caller; and making {@code count_neighbors} do I/O too is one more
 * {@code await}, with the driver untouched (compare Item 58's refactoring).
 *
 * <p><b>In Java.</b> There is no {@code async}/{@code await}; the idea maps to three answers, each a
 * {@link Simulation} over Item 56's model ({@code workbench.life}): {@link VirtualThreadPerCell}, cheap threads in
 * direct style, where blocking calls unmount the thread (the JVM's coroutines); {@link FuturePerCell}, each cell's
 * step a composed {@link java.util.concurrent.CompletableFuture}, {@code allOf} as {@code gather}; and
 * {@link EventLoopCells}, asyncio as it really is: one {@link workbench.eventloop.EventLoop} thread (Item 61's), a
 * plain grid with no lock, I/O as loop timers. Virtual threads run in parallel on several carriers, so they are
 * not lock-free by construction: each cell's thread writes only its own result slot and the caller writes the
 * grid after the join. Exceptions reach the caller with their own type and message, unwrapped from
 * {@code ExecutionException}/{@code CompletionException} as Python's {@code await} would raise them (the book's
 * {@code OSError} is an {@code UncheckedIOException} around an {@code IOException}, as in Items 57-59). Beyond the
 * book: 100,000 waits of 10 ms each, on each strategy, with platform threads bounded and, as the multi-process row,
 * spread over two worker JVMs ({@link FanOut.Strategy#PROCESS_POOL}); the memory per parked thread;
 * and 100 URLs fetched from a local HTTP server four ways.
 *
 * <p><b>You should see</b> the glider block of Item 56 six times (each style, Examples 4 and 6);
 * {@code ERROR:root:Expected} and {@code Problem with I/O} once per style; 100,000 tasks of 10 ms finishing in
 * tens of latencies, a fraction of a second to a few seconds, on virtual threads, futures and the event loop:
 * creating 100,000 tasks, not waiting, is what costs (CPython's asyncio needs about 14 us per task, about 1.4 s);
 * two worker JVMs running half each on virtual threads about as fast, plus their round trips;
 * a platform thread per task capped at 2,000 at once, and a pool of 200, each extrapolated to many seconds for
 * 100,000; a parked virtual thread costing one or two KiB of heap against tens of KiB of resident memory for a
 * platform thread; and the 100 URLs taking about 100 latencies sequentially, about 10 on a pool of 10, and a few
 * with {@code sendAsync} or virtual threads (opening 100 connections at once is what costs). It takes about ten
 * seconds, more on a loaded machine.
 *
 * <p>Builds on Item 56 (the model) and on the event loop that Item 61 ports to ({@code workbench.eventloop});
 * {@code result()} is {@link Futures#result}.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar run 60}, or this class's {@code main} from an IDE.
 */
public final class Item60 implements Demo {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Beyond the book: the at-scale run. */
    static final int TASKS = 100_000;
    static final Duration LATENCY = Duration.ofMillis(10);
    /** Example 6's simulated I/O per call, so awaiting count_neighbors really waits. */
    static final Duration CELL_IO = Duration.ofMillis(1);
    static final int URLS = 100;

    public static void main(String[] args) throws Exception {
        new Item60().run(Narrator.stdout());
    }

    /**
     * The three styles over {@code rules} with no I/O (the book's, or a failing version), or over the book's rules
     * with {@code countIo} and {@code logicIo} of simulated I/O per call: blocking sleeps on virtual threads, loop
     * timers on the event loop.
     */
    static List<Simulation> strategies(Rules rules, AsyncLife.StepCell stepCell, Duration countIo, Duration logicIo)
            throws java.io.IOException {
        boolean noIo = countIo.isZero() && logicIo.isZero();
        if (!noIo && rules != Rules.BOOK) {
            throw new IllegalArgumentException("simulated I/O goes with the book's rules only");
        }
        Rules blocking = noIo ? rules : Rules.withIo(countIo, logicIo);
        return List.of(new VirtualThreadPerCell(blocking, TIMEOUT),
                new FuturePerCell(blocking, stepCell, TIMEOUT),
                new EventLoopCells(rules, countIo, logicIo, stepCell, TIMEOUT));
    }

    @Override
    public void run(Narrator out) throws Exception {
        out.example("1-4", "async game_logic, step_cell awaiting it, simulate gathering 45 step tasks");
        for (Simulation simulation : strategies(Rules.BOOK, AsyncLife.StepCell.AWAIT_GAME_LOGIC, Duration.ZERO,
                Duration.ZERO)) {
            try (simulation) {
                out.java(simulation.name() + ":");
                out.println(Life.run(simulation, Life.glider(), Life.GENERATIONS));
            }
        }
        bookLoopPerGeneration(out);
        out.java("virtualThreads: 45 virtual threads per generation in direct style, each writing its own result"
                + " slot; the caller writes the plain grid after join(). completableFutures: each cell a composed"
                + " future, allOf as gather. eventLoop: 45 futures on one thread writing a plain Grid with no lock, as"
                + " the book's; one loop for all generations where the book's asyncio.run makes one per generation.");

        out.example("5", "game_logic raises OSError('Problem with I/O'); the caller sees it");
        exceptions(out);

        out.example("6", "count_neighbors does I/O too: one more await, the driver unchanged");
        for (Simulation simulation : strategies(Rules.BOOK, AsyncLife.StepCell.AWAIT_BOTH, CELL_IO, CELL_IO)) {
            try (simulation) {
                out.java(simulation.name() + ":");
                out.println(Life.run(simulation, Life.glider(), Life.GENERATIONS));
            }
        }
        out.javaf("Both functions now wait %d ms per call. virtualThreads: no change at all, a blocking"
                + " count_neighbors is just another call; completableFutures and eventLoop: step_cell awaits"
                + " count_neighbors (thenCompose), simulate is untouched.", CELL_IO.toMillis());

        atScale(out);
        memory(out);
        fetcher(out);

        out.seeTimeline(60);
    }

    /**
     * The book's driver literally: {@code asyncio.run(simulate(grid))} per generation, a new event loop (here a new
     * {@link EventLoopCells}, its thread started and ended) each time, against one loop for all generations.
     */
    private static void bookLoopPerGeneration(Narrator out) throws Exception {
        Simulation loopPerGeneration = grid -> {
            try (EventLoopCells fresh = new EventLoopCells(AsyncLife.StepCell.AWAIT_GAME_LOGIC, TIMEOUT)) {
                return fresh.step(grid);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        long start = System.nanoTime();
        String perGeneration = Life.run(loopPerGeneration, Life.glider(), Life.GENERATIONS).toString();
        double perGenerationSeconds = Narrator.seconds(start);
        double oneLoopSeconds;
        String oneLoop;
        try (EventLoopCells loop = new EventLoopCells(AsyncLife.StepCell.AWAIT_GAME_LOGIC, TIMEOUT)) {
            start = System.nanoTime();
            oneLoop = Life.run(loop, Life.glider(), Life.GENERATIONS).toString();
            oneLoopSeconds = Narrator.seconds(start);
        }
        out.javaf("The book's driver starts a new loop per generation (asyncio.run each time; its issue #132 calls"
                + " that an anti-pattern): same block %b, %.1f ms for the five generations against %.1f ms on one"
                + " loop.", perGeneration.equals(oneLoop), perGenerationSeconds * 1e3, oneLoopSeconds * 1e3);
    }

    private static void exceptions(Narrator out) throws Exception {
        Rules broken = Rules.gameLogicFails("Problem with I/O");
        try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            out.java("virtualThreads: game_logic on a virtual thread, its Future's result:");
            Future<Character> future = virtual.submit(() -> broken.gameLogic(Life.ALIVE, 3));
            try {
                Futures.result(future, TIMEOUT);
                out.println("Not reached: game_logic always fails");
            } catch (RuntimeException expected) {
                PyLogging.exception(out, "Expected", expected);
            }
            out.java("completableFutures: game_logic as a supplyAsync future, awaited:");
            try {
                AsyncLife.await(AsyncRules.offload(broken, virtual).gameLogic(Life.ALIVE, 3), TIMEOUT);
                out.println("Not reached: game_logic always fails");
            } catch (RuntimeException expected) {
                PyLogging.exception(out, "Expected", expected);
            }
        }
        try (EventLoopCells simulation = new EventLoopCells(AsyncLife.StepCell.AWAIT_GAME_LOGIC, TIMEOUT)) {
            out.java("eventLoop: game_logic as a coroutine on the loop (asyncio.run(game_logic(ALIVE, 3))):");
            try {
                AsyncLife.await(simulation.loop().runCoroutineThreadsafe("game_logic",
                        () -> AsyncRules.onLoop(simulation.loop(), broken,
                        Duration.ZERO, Duration.ZERO).gameLogic(Life.ALIVE, 3)), TIMEOUT);
                out.println("Not reached: game_logic always fails");
            } catch (RuntimeException expected) {
                PyLogging.exception(out, "Expected", expected);
            }
        }
        out.java("Each caller got the IOException's wrapper itself, not an ExecutionException or CompletionException:"
                + " Future.get and CompletableFuture.get wrap it, AsyncLife.await and Futures.result unwrap it,"
                + " as Python's await re-raises the coroutine's own OSError. A whole generation too:");
        for (Simulation failing : strategies(broken, AsyncLife.StepCell.AWAIT_GAME_LOGIC, Duration.ZERO,
                Duration.ZERO)) {
            try (failing) {
                failing.step(Life.glider());
                out.java("  Not reached: every cell fails");
            } catch (RuntimeException expected) {
                out.javaf("  %-18s step() threw %s", failing.name() + ":", expected);
            }
        }
    }

    private static void atScale(Narrator out) throws Exception {
        out.beyond(String.format("%,d concurrent tasks, each waiting %d ms of I/O", TASKS, LATENCY.toMillis()));
        for (FanOut.Strategy strategy : List.of(FanOut.Strategy.VIRTUAL_THREADS, FanOut.Strategy.COMPLETABLE_FUTURES,
                FanOut.Strategy.EVENT_LOOP)) {
            try (FanOut.Runner runner = strategy.open(LATENCY, TIMEOUT)) {
                runner.run(1_000);                                            // warm-up
                long start = System.nanoTime();
                int finished = runner.run(TASKS);
                double seconds = Narrator.seconds(start);
                out.javaf("%-40s %,d finished in %.3f s (%.1f latencies, %.1f us per task)", strategy.label() + ":",
                        finished, seconds, seconds / (LATENCY.toNanos() / 1e9), seconds * 1e6 / TASKS);
            }
        }
        try (FanOut.Runner runner = FanOut.Strategy.PROCESS_POOL.open(LATENCY, TIMEOUT)) {
            runner.run(1_000);                                                // warm-up
            long start = System.nanoTime();
            int finished = runner.run(TASKS);
            double seconds = Narrator.seconds(start);
            out.javaf("%-40s %,d finished in %.3f s (%.1f latencies, %.1f us per task)",
                    FanOut.Strategy.PROCESS_POOL.label() + ":", finished, seconds,
                    seconds / (LATENCY.toNanos() / 1e9), seconds * 1e6 / TASKS);
        }
        out.javaf("Each worker JVM ran its %,d on virtual threads, so the waits still overlapped: the processes add"
                + " a round trip per worker, and JVMs to start and warm, nothing to the waiting itself. A worker"
                + " waiting one task at a time would cap the"
                + " waits in flight at %d (%,d x %d ms: about %,d s), and a JVM per concurrent wait would mean %,d"
                + " JVMs: processes are the tool for CPU, not for waiting.", TASKS / FanOut.PROCESS_WORKERS,
                FanOut.PROCESS_WORKERS, TASKS, LATENCY.toMillis(),
                TASKS / FanOut.PROCESS_WORKERS * LATENCY.toMillis() / 1000, TASKS);
        int platformTasks = FanOut.PLATFORM_CAP;
        try (FanOut.Runner runner = FanOut.Strategy.PLATFORM_THREADS.open(LATENCY, TIMEOUT)) {
            runner.run(100);
            long start = System.nanoTime();
            int finished = runner.run(platformTasks);
            double seconds = Narrator.seconds(start);
            out.javaf("%-40s %,d finished in %.3f s; %,d would start %,d OS threads, about %.1f s at this rate"
                    + " (not tried)", FanOut.Strategy.PLATFORM_THREADS.label() + ":", finished, seconds, TASKS, TASKS,
                    seconds * TASKS / platformTasks);
        }
        int poolTasks = 10_000;
        try (FanOut.Runner runner = FanOut.Strategy.FIXED_POOL.open(LATENCY, TIMEOUT)) {
            runner.run(FanOut.POOL_SIZE);
            long start = System.nanoTime();
            int finished = runner.run(poolTasks);
            double seconds = Narrator.seconds(start);
            out.javaf("%-40s %,d finished in %.3f s (%d rounds); %,d would take about %.1f s", FanOut.Strategy
                    .FIXED_POOL.label() + ":", finished, seconds, poolTasks / FanOut.POOL_SIZE, TASKS,
                    seconds * TASKS / poolTasks);
        }
        out.java("Virtual threads, futures and the event loop wait all at once: one latency plus the cost of"
                + " creating 100,000 tasks, which dominates. CPython's asyncio needs about 14 us per task, so 100,000"
                + " would take about 1.4 s. Platform threads are capped here by design (" + ParkedThreads.osLimits()
                + "); a pool caps the I/O in flight at its size.");
    }

    private static void memory(Narrator out) throws Exception {
        out.beyond("memory per waiting thread (an estimate: heap after GC and resident-set deltas)");
        ThreadMemory.Footprint virtual = ThreadMemory.parked(true, 20_000, TIMEOUT);
        ThreadMemory.Footprint platform = ThreadMemory.parked(false, 1_000, TIMEOUT);
        for (ThreadMemory.Footprint footprint : List.of(virtual, platform)) {
            out.javaf("%-9s %,6d parked: heap +%.2f KiB each, resident +%s each", footprint.virtual() ? "virtual"
                    : "platform", footprint.threads(), footprint.heapKibPerThread(),
                    footprint.residentKibPerThread() < 0 ? "unknown" : String.format("%.1f KiB",
                            footprint.residentKibPerThread()));
        }
        out.java("A parked virtual thread is a heap object holding its copied stack (hundreds of bytes to a few KiB);"
                + " a platform thread reserves a native stack (1 MiB by default, the book's \"8 MB\" on its Linux) and"
                + " touches tens of KiB of it, plus kernel memory not counted here. The book recalls about 1 KB per"
                + " coroutine.");
    }

    private static void fetcher(Narrator out) throws Exception {
        out.beyond(URLS + " URLs from a local HTTP server answering after " + LATENCY.toMillis() + " ms");
        try (Fetcher.Server server = new Fetcher.Server(LATENCY);
             HttpClient client = Fetcher.client(TIMEOUT)) {
            List<URI> urls = server.urls(URLS);
            for (Fetcher.Style style : Fetcher.Style.values()) {
                Fetcher.fetch(style, client, urls.subList(0, 10), TIMEOUT);      // warm-up
            }
            for (Fetcher.Style style : Fetcher.Style.values()) {
                long start = System.nanoTime();
                List<String> bodies = Fetcher.fetch(style, client, urls, TIMEOUT);
                double seconds = Narrator.seconds(start);
                boolean correct = bodies.size() == URLS;
                for (int i = 0; correct && i < URLS; i++) {
                    correct = bodies.get(i).equals(Fetcher.Server.body(i));
                }
                out.javaf("%-32s %d bodies in %.3f s (correct: %b)", style.label() + ":", bodies.size(), seconds,
                        correct);
            }
        }
        out.java("The server (virtual-thread handlers, loopback, ephemeral port) and the HttpClient are closed.");
    }

}
