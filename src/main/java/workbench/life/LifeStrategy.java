package workbench.life;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import workbench.examples.Example;
import workbench.examples.Way;

/**
 * Every Game of Life strategy of Items 56-60, one constant each: the ways their examples and benchmarks compare.
 * A constant's {@link #param()}, its benchmarks' {@code @Param strategy}, is its name in camelCase
 * ({@code THREAD_PER_CELL} is {@code threadPerCell}); its implementation is the item's that introduces it, which
 * opens it ({@code workbench.item57.Item57Examples#open}; {@code workbench.strategies.LifeStrategies} opens any).
 *
 * <p>Every strategy applies the book's rules with {@code ioMillis} of simulated I/O per cell in {@code game_logic}
 * ({@link #rules}): a blocking sleep, except on the event loop, where it is a loop timer.
 */
public enum LifeStrategy implements Way {

    /** Item 56: one cell after another (the baseline; ignores the worker count). */
    SEQUENTIAL(false),
    /** Item 57: a new thread per cell, every generation. */
    THREAD_PER_CELL(true),
    /** Item 58: {@code workers} queue-fed threads running a whole cell each. */
    QUEUE_WORKERS(false),
    /** Item 58: {@code workers} threads counting neighbours, then {@code workers} more running the game logic. */
    PHASED_QUEUE_WORKERS(false),
    /** Item 59: a pool of {@code workers} threads, a task per cell. */
    THREAD_POOL(false),
    /** Item 59's pool code on a virtual thread per task: no cap. */
    VIRTUAL_THREAD_PER_TASK(true),
    /** Beyond the book (Item 56 on): {@code workers} worker JVMs, a band of rows each ({@link ProcessPoolRows}). */
    PROCESS_POOL(false),
    /** Item 60: a virtual thread per cell in direct style. */
    VIRTUAL_THREADS(true),
    /** Item 60: each cell a composed {@code CompletableFuture}. */
    COMPLETABLE_FUTURES(true),
    /** Item 60: one event loop thread, the I/O a loop timer. */
    EVENT_LOOP(true);

    private final boolean taskPerCell;

    LifeStrategy(boolean taskPerCell) {
        this.taskPerCell = taskPerCell;
    }

    /** The benchmarks' {@code @Param strategy}: the constant in camelCase. */
    @Override
    public String param() {
        return Way.camelCase(name());
    }

    /**
     * Whether every cell gets its own thread or task, so that all cells can wait at once; otherwise at most
     * {@code workers} wait (sequential: one).
     */
    public boolean taskPerCell() {
        return taskPerCell;
    }

    /** The book's rules with {@code ioMillis} of simulated I/O in {@code game_logic} per cell (0: none). */
    public static Rules rules(int ioMillis) {
        return ioMillis == 0 ? Rules.BOOK : Rules.withIo(Duration.ofMillis(ioMillis));
    }

    /**
     * The strategy a benchmark's {@code @Param strategy} names.
     *
     * @throws IllegalArgumentException naming the known strategies, when none has that name
     */
    public static LifeStrategy named(String param) {
        return Way.byParam(LifeStrategy.class, param);
    }

    /**
     * How to open a strategy: {@code workers} workers where it has a pool (ignored by the others), {@code ioMillis}
     * of simulated I/O per cell, a bound on each generation, and the flags of any worker JVM it starts.
     */
    public record Setup(int workers, int ioMillis, Duration timeout, List<String> jvmFlags) {

        public Setup {
            jvmFlags = List.copyOf(jvmFlags);
        }

        /** {@link #rules(int)} of this setup's I/O. */
        public Rules rules() {
            return LifeStrategy.rules(ioMillis);
        }
    }

    /** Opens a strategy: the item that introduces it knows how ({@code workbench.item56.Item56Examples#open}). */
    @FunctionalInterface
    public interface Opener {
        Simulation open(LifeStrategy way, Setup setup) throws InterruptedException, IOException;
    }

    /**
     * The example every Game of Life item declares: one generation of the book's glider (45 cells) with 10 ms of
     * simulated I/O per cell, each of {@code ways} opened by {@code opener} with {@code workers} workers where it has
     * a pool (as the item's benchmark rows; 0 where none has), but at most {@link #GLIDER_WORKER_JVMS} worker JVMs
     * (a timeline runs it three times, and a JVM takes far longer to start than the generation), measured by the
     * item's {@code generation} benchmark.
     */
    public static Example<LifeStrategy> gliderExample(int item, List<LifeStrategy> ways, int workers,
            Opener opener) {
        String pools = workers == 0 ? "" : ", " + workers + " workers where a way has a pool"
                + (ways.contains(PROCESS_POOL) && workers > GLIDER_WORKER_JVMS
                ? " (" + GLIDER_WORKER_JVMS + " worker JVMs)" : "");
        return Example.of(item, "generation", "one generation of the glider (45 cells, 10 ms of I/O each)" + pools,
                ways, (way, ctx) -> {
                    int n = way == PROCESS_POOL ? Math.min(workers, GLIDER_WORKER_JVMS) : workers;
                    try (Simulation simulation = opener.open(way, new Setup(n, 10, GLIDER_TIMEOUT,
                            ctx.workerJvmFlags()))) {
                        simulation.step(Life.glider(new LockingGrid(5, 9)));
                    }
                }, Example.Benchmark.method("generation"));
    }

    /** The most worker JVMs {@link #gliderExample} starts. */
    public static final int GLIDER_WORKER_JVMS = 2;

    /** The bound on one generation of {@link #gliderExample}: far above its 0.45 s sequentially. */
    public static final Duration GLIDER_TIMEOUT = Duration.ofSeconds(30);
}
