package workbench.life;

import java.util.concurrent.TimeoutException;

/**
 * One way to compute the next generation of a {@link Grid}: Item 56's {@code sequential}, Item 57's thread per
 * cell, Item 58's queue workers (and phased queue workers), Item 59's thread pool. The demos, the benchmarks and
 * the property test run the same implementations, and every one must compute the same generations.
 *
 * <p>With {@code name} and {@code close} defaulted, a lambda {@code grid -> ...} is a simulation, where the book
 * calls {@code simulate_pipeline(grid, in_queue, out_queue)} in its driver loop. A simulation may own threads;
 * {@link #close} stops them (bounded) and is safe to call twice.
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
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * Stops the strategy's threads, bounded by its timeout. Interrupted, it interrupts them instead, keeps the
     * interrupt flag set and returns.
     */
    @Override
    default void close() throws TimeoutException {
    }
}
