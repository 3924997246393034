package workbench.item56;

import static workbench.life.LifeStrategy.*;

import java.io.IOException;
import java.util.List;

import workbench.examples.Example;
import workbench.examples.ItemExamples;
import workbench.life.ProcessPoolRows;
import workbench.life.LifeStrategy;
import workbench.life.Simulation;

/** Item 56's comparing example: {@link LifeStrategy#gliderExample}, the ways of {@code Item56Benchmark.generation}. */
public final class Item56Examples implements ItemExamples {

    @Override
    public List<Example<?>> examples() {
        return List.of(LifeStrategy.gliderExample(56,
                List.of(SEQUENTIAL, PROCESS_POOL), 2, Item56Examples::open));
    }

    /**
     * Opens the Game of Life strategies Item 56 introduces and the worker JVMs' bands of rows.
     *
     * @throws IllegalArgumentException for a strategy of a later item
     */
    public static Simulation open(LifeStrategy way, Setup setup) throws InterruptedException, IOException {
        return switch (way) {
            case SEQUENTIAL -> new Sequential(setup.rules());
            case PROCESS_POOL -> new ProcessPoolRows(setup.workers(), setup.rules(), setup.timeout(), setup.jvmFlags());
            default -> throw new IllegalArgumentException(way + " is a later item's strategy than Item 56's");
        };
    }
}
