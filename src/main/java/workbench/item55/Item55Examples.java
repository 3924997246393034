package workbench.item55;

import java.time.Duration;
import java.util.List;

import workbench.examples.Example;
import workbench.examples.ItemExamples;

/** Item 55's comparing example: the book's pipeline, its workers polling or blocking on the queues. */
public final class Item55Examples implements ItemExamples {

    @Override
    public List<Example<?>> examples() {
        return List.of(Example.of(55, "pipeline", "100 items through download, resize and upload (1 ms each)",
                List.of(Coordination.values()),
                (way, ctx) -> way.run(100, new Stages(Duration.ofMillis(1)), Duration.ofSeconds(30)),
                Example.Benchmark.method("coordination", "coordination")));
    }
}
