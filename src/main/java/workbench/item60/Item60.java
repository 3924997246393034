package workbench.item60;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import workbench.Demo;
import workbench.demo.Narrator;
import workbench.eventloop.EventLoop;
import workbench.futures.Futures;
import workbench.life.ColumnPrinter;
import workbench.life.Life;
import workbench.life.PyLogging;
import workbench.life.Rules;
import workbench.life.Simulation;
import workbench.results.JavaResults;
import workbench.results.PythonResults;
import workbench.results.ResultsRoot;
import workbench.threads.ParkedThreads;
import workbench.results.PythonResults;

/**
 * Item 60 (3rd ed. 75): Achieve Highly Concurrent I/O with Coroutines.
 *
 * <p><b>Book claim.</b> Coroutines are far cheaper than threads. Item 56's Game of Life ports with {@code async},
 * {@code await} and {@code gather}: no locks, exceptions propagate through {@code await}, and I/O in
 * {@code count_neighbors} is one more {@code await}.
 *
 * <p><b>In Java.</b> {@link VirtualThreadPerCell} (direct style), {@link FuturePerCell} ({@code allOf} as
 * {@code gather}) and {@link EventLoopCells} (Item 61's {@link EventLoop}); exceptions arrive unwrapped.
 *
 * <p><b>You should see</b> Item 56's glider block six times; {@code ERROR:root:Expected} once per style; beyond the
 * book, 100,000 waits of 10 ms in well under a few seconds (platform threads capped), a KiB or two per parked
 * virtual thread, 100 local URLs in about 100 latencies in turn and a few at once.
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
            throws IOException {
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

        out.example("5", "game_logic raises OSError('Problem with I/O'); the caller sees it");
        exceptions(out);

        out.example("6", "count_neighbors does I/O too: one more await, the driver unchanged");
        for (Simulation simulation : strategies(Rules.BOOK, AsyncLife.StepCell.AWAIT_BOTH, CELL_IO, CELL_IO)) {
            try (simulation) {
                out.java(simulation.name() + ":");
                out.println(Life.run(simulation, Life.glider(), Life.GENERATIONS));
            }
        }

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
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        var perGeneration = Narrator.time(() -> Life.run(loopPerGeneration, Life.glider(), Life.GENERATIONS));
        Narrator.Timed<ColumnPrinter> oneLoop;
        try (EventLoopCells loop = new EventLoopCells(AsyncLife.StepCell.AWAIT_GAME_LOGIC, TIMEOUT)) {
            oneLoop = Narrator.time(() -> Life.run(loop, Life.glider(), Life.GENERATIONS));
        }
        boolean same = perGeneration.value().toString().equals(oneLoop.value().toString());
        out.fact("loop-per-generation-same-block", same);
        out.javaf("A new loop per generation, as the book does (its issue #132): same block %b, %.1f ms against"
                + " %.1f ms on one loop.", same, perGeneration.seconds() * 1e3, oneLoop.seconds() * 1e3);
    }

    private static void exceptions(Narrator out) throws Exception {
        Rules broken = Rules.gameLogicFails("Problem with I/O");
        try (ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            out.java("virtualThreads:");
            Future<Character> future = virtual.submit(() -> broken.gameLogic(Life.ALIVE, 3));
            try {
                Futures.result(future, TIMEOUT);
                out.println("Not reached: game_logic always fails");
            } catch (RuntimeException expected) {
                PyLogging.exception(out, "Expected", expected);
            }
            out.java("completableFutures:");
            try {
                AsyncLife.await(AsyncRules.offload(broken, virtual).gameLogic(Life.ALIVE, 3), TIMEOUT);
                out.println("Not reached: game_logic always fails");
            } catch (RuntimeException expected) {
                PyLogging.exception(out, "Expected", expected);
            }
        }
        try (EventLoopCells simulation = new EventLoopCells(AsyncLife.StepCell.AWAIT_GAME_LOGIC, TIMEOUT)) {
            out.java("eventLoop:");
            try {
                AsyncLife.await(simulation.loop().runCoroutineThreadsafe("game_logic",
                        () -> AsyncRules.onLoop(simulation.loop(), broken,
                        Duration.ZERO, Duration.ZERO).gameLogic(Life.ALIVE, 3)), TIMEOUT);
                out.println("Not reached: game_logic always fails");
            } catch (RuntimeException expected) {
                PyLogging.exception(out, "Expected", expected);
            }
        }
        out.java("Each caller got the worker's own exception; a whole generation too:");
        for (Simulation failing : strategies(broken, AsyncLife.StepCell.AWAIT_GAME_LOGIC, Duration.ZERO,
                Duration.ZERO)) {
            try (failing) {
                failing.step(Life.glider());
                out.java("  Not reached: every cell fails");
            } catch (RuntimeException expected) {
                out.fact("generation-threw", expected);
                out.javaf("  %-18s step() threw %s", failing.name() + ":", expected);
            }
        }
    }

    private static void atScale(Narrator out) throws Exception {
        out.beyond(String.format(Locale.ROOT, "%,d tasks, each waiting %d ms", TASKS, LATENCY.toMillis()));
        Path results = ResultsRoot.projectRoot().resolve(ResultsRoot.DEFAULT);
        out.java("Each figure is one cold run in this JVM (after a small warm-up); beside it, Item60Benchmark's"
                + " recorded figure for the same tasks: JMH's average over warmed iterations, where it was recorded.");
        for (FanOut.Strategy strategy : List.of(FanOut.Strategy.VIRTUAL_THREADS, FanOut.Strategy.COMPLETABLE_FUTURES,
                FanOut.Strategy.EVENT_LOOP, FanOut.Strategy.PROCESS_POOL)) {
            try (FanOut.Runner runner = strategy.open(LATENCY, TIMEOUT)) {
                runner.run(1_000);                                            // warm-up
                var finished = Narrator.time(() -> runner.run(TASKS));
                out.fact("finished:" + strategy, finished.value());
                out.javaf("%-40s %,d finished in %.3f s (%.1f latencies); %s", strategy.label() + ":",
                        finished.value(), finished.seconds(), finished.seconds() / (LATENCY.toNanos() / 1e9),
                        benchmarked(results, strategy, TASKS));
            }
        }
        int platformTasks = FanOut.PLATFORM_CAP;
        try (FanOut.Runner runner = FanOut.Strategy.PLATFORM_THREADS.open(LATENCY, TIMEOUT)) {
            runner.run(100);
            var finished = Narrator.time(() -> runner.run(platformTasks));
            out.fact("finished:" + FanOut.Strategy.PLATFORM_THREADS, finished.value());
            out.javaf("%-40s %,d finished in %.3f s; %,d would take about %.1f s at this rate (not tried); %s",
                    FanOut.Strategy.PLATFORM_THREADS.label() + ":", finished.value(), finished.seconds(), TASKS,
                    finished.seconds() * TASKS / platformTasks,
                    benchmarked(results, FanOut.Strategy.PLATFORM_THREADS, platformTasks));
        }
        int poolTasks = 10_000;
        try (FanOut.Runner runner = FanOut.Strategy.FIXED_POOL.open(LATENCY, TIMEOUT)) {
            runner.run(FanOut.POOL_SIZE);
            var finished = Narrator.time(() -> runner.run(poolTasks));
            out.fact("finished:" + FanOut.Strategy.FIXED_POOL, finished.value());
            out.javaf("%-40s %,d finished in %.3f s (%d rounds); %,d would take about %.1f s; %s",
                    FanOut.Strategy.FIXED_POOL.label() + ":", finished.value(), finished.seconds(),
                    poolTasks / FanOut.POOL_SIZE, TASKS, finished.seconds() * TASKS / poolTasks,
                    benchmarked(results, FanOut.Strategy.FIXED_POOL, poolTasks));
        }
        out.java(cpythonAtScale(results).map(recorded -> String.format(Locale.ROOT,
                "CPython's asyncio, recorded on %s (%s, CPython %s): %,d tasks in %.3f s.", recorded.machine(),
                recorded.date(), recorded.row().extra().getOrDefault("python", "?"), TASKS, recorded.row().seconds()))
                .orElse("CPython's asyncio at this scale: not recorded (no fanOut row in python-item60.json)."));
        out.java("Platform threads are capped here (" + ParkedThreads.osLimits() + "); a pool caps I/O at its size.");
    }

    /**
     * Item60Benchmark's recorded figure for {@code tasks} tasks of {@code strategy} with this latency, as the demo
     * prints it beside its cold run: {@code JMH, warmed: 94.6 ms (2cpu-intel-xeon, 2026-12-03)}.
     */
    static String benchmarked(Path resultsRoot, FanOut.Strategy strategy, int tasks) throws IOException {
        return recordedFanOut(resultsRoot, strategy, tasks).map(recorded -> String.format(Locale.ROOT,
                "JMH, warmed: %.1f %s (%s, %s)", recorded.row().score(), recorded.row().unit().replace("/op", ""),
                recorded.machine(), recorded.date().length() >= 10 ? recorded.date().substring(0, 10)
                        : recorded.date()))
                .orElse("JMH: not recorded for " + tasks + " tasks");
    }

    /** Item60Benchmark's recorded row for a fan-out ({@code fanOut} or {@code platformThreadPerTask}), if any. */
    static Optional<JavaResults.Recorded> recordedFanOut(Path resultsRoot, FanOut.Strategy strategy, int tasks)
            throws IOException {
        return JavaResults.find(resultsRoot, 60, row -> (row.method().equals("fanOut")
                || row.method().equals("platformThreadPerTask"))
                && strategy.name().equals(row.param("strategy"))
                && String.valueOf(tasks).equals(row.param("tasks"))
                && String.valueOf(LATENCY.toMillis()).equals(row.param("latencyMillis")));
    }

    /** CPython's recorded time for this fan-out ({@code benchmarks/python/item60.py}'s fanOut row), if any. */
    static Optional<PythonResults.Recorded> cpythonAtScale(Path resultsRoot) throws IOException {
        return PythonResults.find(resultsRoot, 60, row -> row.benchmark().equals("fanOut")
                && String.valueOf(TASKS).equals(row.extra().get("tasks"))
                && String.valueOf(LATENCY.toMillis()).equals(row.extra().get("latencyMillis")));
    }

    private static void memory(Narrator out) throws Exception {
        out.beyond("memory per parked thread (heap after GC and resident-set deltas)");
        ThreadMemory.Footprint virtual = ThreadMemory.parked(true, 20_000, TIMEOUT);
        ThreadMemory.Footprint platform = ThreadMemory.parked(false, 1_000, TIMEOUT);
        for (ThreadMemory.Footprint footprint : List.of(virtual, platform)) {
            out.fact("parked", footprint.threads());
            out.javaf("%-9s %,6d parked: heap +%.2f KiB each, resident +%s each", footprint.virtual() ? "virtual"
                    : "platform", footprint.threads(), footprint.heapKibPerThread(),
                    footprint.residentKibPerThread() < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f KiB",
                            footprint.residentKibPerThread()));
        }
        out.java("A virtual thread's stack lives on the heap (a coroutine: ~1 KB); a platform one reserves 1 MiB.");
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
                var bodies = Narrator.time(() -> Fetcher.fetch(style, client, urls, TIMEOUT));
                boolean correct = bodies.value().size() == URLS;
                for (int i = 0; correct && i < URLS; i++) {
                    correct = bodies.value().get(i).equals(Fetcher.Server.body(i));
                }
                out.fact("fetched-correctly", correct);
                out.javaf("%-32s %d bodies in %.3f s (correct: %b)", style.label() + ":", bodies.value().size(),
                        bodies.seconds(), correct);
            }
        }
    }

}
