package workbench.item62;

import java.util.List;

import workbench.examples.Example;
import workbench.examples.ItemExamples;
import workbench.tail.LogHarness;
import workbench.tail.Workload;

/** Item 62's comparing example: merging the book's five logs, at each step of the migration to asyncio. */
public final class Item62Examples implements ItemExamples {

    @Override
    public List<Example<?>> examples() {
        return List.of(Example.of(62, "merge", "merging the book's five logs", List.of(Migration.values()),
                (way, ctx) -> {
                    try (LogHarness harness = LogHarness.setup(Workload.BOOK)) {
                        harness.run(way);
                    }
                }, Example.Benchmark.method("merge")));
    }
}
