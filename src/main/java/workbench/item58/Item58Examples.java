package workbench.item58;

import static workbench.life.LifeStrategy.*;

import java.io.IOException;
import java.util.List;

import workbench.examples.Example;
import workbench.examples.ItemExamples;
import workbench.life.LifeStrategy;
import workbench.life.Simulation;

/** Item 58's comparing example: {@link LifeStrategy#gliderExample}, the ways of {@code Item58Benchmark.generation}. */
public final class Item58Examples implements ItemExamples {

    @Override
    public List<Example<?>> examples() {
        return List.of(LifeStrategy.gliderExample(58,
                List.of(SEQUENTIAL, QUEUE_WORKERS, PHASED_QUEUE_WORKERS, PROCESS_POOL), 5, Item58Examples::open));
    }

    /**
     * Opens the Game of Life strategies Item 58 introduces, and through Item 57's the earlier ones.
     *
     * @throws IllegalArgumentException for a strategy of a later item
     */
    public static Simulation open(LifeStrategy way, Setup setup) throws InterruptedException, IOException {
        return switch (way) {
            case QUEUE_WORKERS -> new QueueWorkers(setup.workers(), setup.rules(), setup.timeout());
            case PHASED_QUEUE_WORKERS -> new PhasedQueueWorkers(setup.workers(), setup.workers(), setup.rules(),
                    setup.timeout());
            default -> workbench.item57.Item57Examples.open(way, setup);
        };
    }
}
