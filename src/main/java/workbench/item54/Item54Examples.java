package workbench.item54;

import java.util.List;

import workbench.examples.Example;
import workbench.examples.ItemExamples;

/** Item 54's comparing example: the book's five sensors on an unsafe counter and on the two locked ones. */
public final class Item54Examples implements ItemExamples {

    @Override
    public List<Example<?>> examples() {
        return List.of(Example.of(54, "sensors", "five sensors incrementing one counter 100,000 times each",
                List.of(CounterKind.UNSAFE, CounterKind.LOCKING, CounterKind.SYNCHRONIZED),
                (way, ctx) -> Sensors.run(way.create(), 5, 100_000),
                Example.Benchmark.none("Item54Benchmark.increment compares its own Strategy: these counters and"
                        + " more, driven by a team of threads, beside a sequential, a GIL and a process row")));
    }
}
