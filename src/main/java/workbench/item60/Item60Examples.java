package workbench.item60;

import static workbench.life.LifeStrategy.*;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import workbench.examples.Example;
import workbench.examples.ItemExamples;
import workbench.life.Rules;
import workbench.life.LifeStrategy;
import workbench.life.Simulation;

/** Item 60's comparing example: {@link LifeStrategy#gliderExample}, the ways of {@code Item60Benchmark.generation}. */
public final class Item60Examples implements ItemExamples {

    @Override
    public List<Example<?>> examples() {
        return List.of(LifeStrategy.gliderExample(60,
                List.of(VIRTUAL_THREADS, COMPLETABLE_FUTURES, EVENT_LOOP), 0, Item60Examples::open));
    }

    /**
     * Opens the Game of Life strategies Item 60 introduces (the I/O blocking sleeps, or on the event loop a loop timer).
     *
     * @throws IllegalArgumentException for a strategy of a later item
     */
    public static Simulation open(LifeStrategy way, Setup setup) throws InterruptedException, IOException {
        return switch (way) {
            case VIRTUAL_THREADS -> new VirtualThreadPerCell(setup.rules(), setup.timeout());
            case COMPLETABLE_FUTURES -> new FuturePerCell(setup.rules(), AsyncLife.StepCell.AWAIT_GAME_LOGIC,
                    setup.timeout());
            case EVENT_LOOP -> new EventLoopCells(Rules.BOOK, Duration.ZERO, Duration.ofMillis(setup.ioMillis()),
                    AsyncLife.StepCell.AWAIT_GAME_LOGIC, setup.timeout());
            default -> throw new IllegalArgumentException(way + " is not one of Item 60's strategies");
        };
    }
}
