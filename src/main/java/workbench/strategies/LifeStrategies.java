package workbench.strategies;

import java.io.IOException;

import workbench.item56.Item56Examples;
import workbench.item57.Item57Examples;
import workbench.item58.Item58Examples;
import workbench.item59.Item59Examples;
import workbench.item60.Item60Examples;
import workbench.life.LifeStrategy;
import workbench.life.Simulation;

/**
 * Opens any Game of Life strategy of Items 56-60 ({@link LifeStrategy}) through the item that introduces it: what
 * the benchmarks' rows ({@code LifeBench}) and the property tests need, all strategies at once.
 */
public final class LifeStrategies {

    private LifeStrategies() {
    }

    /** Opens {@code way} with {@code setup}; {@link Simulation#close} ends its threads or worker JVMs. */
    public static Simulation open(LifeStrategy way, LifeStrategy.Setup setup) throws InterruptedException,
            IOException {
        return switch (way) {
            case SEQUENTIAL, PROCESS_POOL -> Item56Examples.open(way, setup);
            case THREAD_PER_CELL -> Item57Examples.open(way, setup);
            case QUEUE_WORKERS, PHASED_QUEUE_WORKERS -> Item58Examples.open(way, setup);
            case THREAD_POOL, VIRTUAL_THREAD_PER_TASK -> Item59Examples.open(way, setup);
            case VIRTUAL_THREADS, COMPLETABLE_FUTURES, EVENT_LOOP -> Item60Examples.open(way, setup);
        };
    }
}
