package workbench.item58;

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
 * Item 58: a fixed set of queue-fed workers (and the phased two-stage pipeline) against the sequential baseline.
 *
 * <p><b>One op</b> is one generation of a {@code size} grid with {@code ioMillis} of simulated I/O per cell in
 * {@code game_logic}. {@code queueWorkers}: {@code workers} game_logic threads fed by a ClosableQueue, the main
 * thread counting neighbours; {@code phasedQueueWorkers}: {@code workers} count_neighbors threads plus
 * {@code workers} game_logic threads. The workers are started once per trial, as the book starts them up front.
 *
 * <p><b>You should see</b> with I/O, about cells / workers x latency per generation (5x9, 10 ms, 5 workers: 9
 * rounds, about 90-100 ms); the phased pipeline close to it, since only game_logic waits; without I/O, the queue
 * hand-offs make both slower than sequential. CPython's 5x9 at 10 ms per cell: about 94 ms with 5 queue workers
 * (462 ms sequential, 19 ms thread per cell, 54 ms 10-thread pool).
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar bench 58}, or this class's {@code main} from an IDE.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class Item58Benchmark {

    @Param({"sequential", "queueWorkers", "phasedQueueWorkers"})
    public String strategy;

    @Param({"5"})
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
            case "queueWorkers" -> new QueueWorkers(workers, rules, LifeBench.TIMEOUT);
            case "phasedQueueWorkers" -> new PhasedQueueWorkers(workers, workers, rules, LifeBench.TIMEOUT);
            default -> throw new IllegalArgumentException(strategy);
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


    /** The bound {@code workbench report} measures against: {@link LifeBench#idealSpeedup}. */
    public static double idealSpeedup(String method, java.util.Map<String, String> params, int cores) {
        return LifeBench.idealSpeedup(method, params, cores);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(Item58Benchmark.class.getSimpleName()).build()).run();
    }
}
