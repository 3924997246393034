package workbench.item57;

import static workbench.life.LifeStrategy.*;

import java.io.IOException;
import java.util.List;

import workbench.examples.Example;
import workbench.examples.ItemExamples;
import workbench.life.LifeStrategy;
import workbench.life.Simulation;

/** Item 57's comparing example: {@link LifeStrategy#gliderExample}, the ways of {@code Item57Benchmark.generation}. */
public final class Item57Examples implements ItemExamples {

    @Override
    public List<Example<?>> examples() {
        return List.of(LifeStrategy.gliderExample(57,
                List.of(SEQUENTIAL, THREAD_PER_CELL, PROCESS_POOL), 10, Item57Examples::open));
    }

    /**
     * Opens the Game of Life strategies Item 57 introduces, and through Item 56's the earlier ones.
     *
     * @throws IllegalArgumentException for a strategy of a later item
     */
    public static Simulation open(LifeStrategy way, Setup setup) throws InterruptedException, IOException {
        return switch (way) {
            case THREAD_PER_CELL -> new ThreadPerCell(setup.rules(), setup.timeout());
            default -> workbench.item56.Item56Examples.open(way, setup);
        };
    }
}
