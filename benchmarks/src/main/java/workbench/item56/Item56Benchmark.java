package workbench.item56;

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

import workbench.life.Grid;
import workbench.life.LifeBench;
import workbench.life.Simulation;

/**
 * Item 56: the sequential Game of Life, the baseline every later item is compared with.
 *
 * <p><b>One op</b> is one generation ({@link Simulation#step}) of a {@code size} grid, each cell's
 * {@code game_logic} waiting {@code ioMillis} of simulated I/O. The 5x9 grid is the book's glider.
 *
 * <p><b>You should see</b> time per generation = cells x latency once there is I/O: about 45 ms (1 ms) and 460 ms
 * (10 ms) for 5x9, 0.4 s and 4 s for 20x20; microseconds without I/O. CPython's figure for 5x9 at 10 ms per cell:
 * about 462 ms sequential (19 ms thread per cell, 94 ms 5 queue workers, 54 ms 10-thread pool): the sequential
 * waits cost the same in both languages, it is the I/O, not the interpreter.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar bench 56}, or this class's {@code main} from an IDE.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
public class Item56Benchmark {

    @Param({"sequential"})
    public String strategy;

    @Param({"5x9", "20x20"})
    public String size;

    @Param({"0", "1", "10"})
    public int ioMillis;

    private Grid grid;
    private Simulation simulation;

    @Setup(Level.Trial)
    public void setUp() {
        grid = LifeBench.grid(size);
        simulation = new Sequential(LifeBench.rules(ioMillis));
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
        new Runner(new OptionsBuilder().include(Item56Benchmark.class.getSimpleName()).build()).run();
    }
}
