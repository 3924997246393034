package workbench.life;

import java.util.concurrent.TimeoutException;

/**
 * One way to compute the next generation of a {@link Grid}: Item 56's {@code sequential}, Item 57's thread per
 * cell, Item 58's queue workers (and phased queue workers), Item 59's thread pool. The demos, the benchmarks and
 * the property test run the same implementations, and every one must compute the same generations.
 *
 * <p>A simulation may own threads; {@link #close} stops them (bounded) and is safe to call twice.
 */
public interface Simulation extends AutoCloseable {

    /**
     * The next generation of {@code grid} (the argument is not changed).
     *
     * @throws SimulationError where the strategy carries a cell's failure back as one (Item 58)
     * @throws TimeoutException when the generation did not finish within the strategy's bound
     */
    Grid step(Grid grid) throws SimulationError, InterruptedException, TimeoutException;

    /** A short name, the verdict of the strategy: {@code sequential}, {@code threadPerCell}, ... */
    String name();

    @Override
    default void close() throws InterruptedException, TimeoutException {
    }
}
