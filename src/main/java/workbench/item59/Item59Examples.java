package workbench.item59;

import static workbench.life.LifeStrategy.*;

import java.io.IOException;
import java.util.List;

import workbench.examples.Example;
import workbench.examples.ItemExamples;
import workbench.life.LifeStrategy;
import workbench.life.Simulation;

/** Item 59's comparing example: {@link LifeStrategy#gliderExample}, the ways of {@code Item59Benchmark.generation}. */
public final class Item59Examples implements ItemExamples {

    @Override
    public List<Example<?>> examples() {
        return List.of(LifeStrategy.gliderExample(59,
                List.of(SEQUENTIAL, THREAD_POOL, VIRTUAL_THREAD_PER_TASK, PROCESS_POOL), 10, Item59Examples::open));
    }

    /**
     * Opens the Game of Life strategies Item 59 introduces, and through Item 58's the earlier ones.
     *
     * @throws IllegalArgumentException for a strategy of a later item
     */
    public static Simulation open(LifeStrategy way, Setup setup) throws InterruptedException, IOException {
        return switch (way) {
            case THREAD_POOL -> new ThreadPool(setup.workers(), setup.rules(), setup.timeout());
            case VIRTUAL_THREAD_PER_TASK -> ThreadPool.virtualThreadPerTask(setup.rules(), setup.timeout());
            default -> workbench.item58.Item58Examples.open(way, setup);
        };
    }
}
