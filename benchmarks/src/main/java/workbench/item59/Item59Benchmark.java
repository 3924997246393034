package workbench.item59;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.runner.options.OptionsBuilder;

import workbench.item56.Sequential;
import workbench.life.Grid;
import workbench.life.LifeBench;
import workbench.life.Rules;
import workbench.life.Simulation;

/**
 * Item 59: a fixed thread pool against the sequential baseline, and (beyond the book) the same
 * {@link ThreadPool#simulatePool} on a virtual-thread-per-task executor.
 *
 * <p><b>One op</b> is one generation of a {@code size} grid with {@code ioMillis} of simulated I/O per cell in
 * {@code game_logic}: one {@code step_cell} task per cell, submitted to a pool of {@code workers} platform threads
 * created once per trial ({@code threadPool}), or each to a new virtual thread ({@code virtualThreadPerTask};
 * {@code workers} does not apply to it).
 *
 * <p><b>You should see</b> with I/O, about ceil(cells / workers) x latency: 5x9 at 10 ms on 10 threads, 5 rounds,
 * about 50-55 ms; virtual threads about one latency whatever the grid size. CPython's 5x9 at 10 ms per cell:
 * about 54 ms with a 10-thread pool (462 ms sequential, 19 ms thread per cell, 94 ms 5 queue workers).
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar bench 59}, or this class's {@code main} from an IDE.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class Item59Benchmark {

    @Param({"sequential", "threadPool", "virtualThreadPerTask"})
    public String strategy;

    @Param({"10"})
    public int workers;

    @Param({"5x9", "20x20"})
    public String size;

    @Param({"0", "1", "10"})
    public int ioMillis;

    private Grid grid;
    private Simulation simulation;

    @Setup(Level.Trial)
    public void setUp() {
        grid = LifeBench.grid(size);
        Rules rules = LifeBench.rules(ioMillis);
        simulation = switch (strategy) {
            case "sequential" -> new Sequential(rules);
            case "threadPool" -> new ThreadPool(workers, rules, LifeBench.TIMEOUT);
            case "virtualThreadPerTask" -> virtualThreadPerTask(rules);
            default -> throw new IllegalArgumentException(strategy);
        };
    }

    /** {@link ThreadPool#simulatePool} on {@link Executors#newVirtualThreadPerTaskExecutor}. */
    static Simulation virtualThreadPerTask(Rules rules) {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        return new Simulation() {
            @Override
            public Grid step(Grid grid) throws InterruptedException, java.util.concurrent.TimeoutException {
                return ThreadPool.simulatePool(executor, grid, rules, LifeBench.TIMEOUT);
            }

            @Override
            public String name() {
                return "virtualThreadPerTask";
            }

            @Override
            public void close() {
                executor.close();
            }
        };
    }

    @Benchmark
    public Grid generation() throws Exception {
        return simulation.step(grid);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        simulation.close();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(Item59Benchmark.class.getSimpleName()).build()).run();
    }
}
