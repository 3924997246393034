package workbench.item52;

import java.time.Duration;
import java.util.List;

import workbench.examples.Example;
import workbench.examples.ItemExamples;

/** Item 52's comparing example: the book's Example 3-4, children run one after another or all at once. */
public final class Item52Examples implements ItemExamples {

    @Override
    public List<Example<?>> examples() {
        // The book's ten children, with 0.1 s sleeps instead of 1 s, so the sequential run stays short.
        return List.of(Example.of(52, "fan-out", "ten children sleeping 0.1 s each", List.of(FanOut.values()),
                (way, ctx) -> way.run(Tools.DETECTED, 10, "0.1", Duration.ofSeconds(30)),
                Example.Benchmark.method("fanOut"))
                .withNotes("the children are OS processes (or JVMs) JFR does not see; the lanes are this JVM's"
                        + " threads draining their pipes and waiting for them to exit"));
    }

    /** The child tools, probed once, on the first run: a recorded run is never the first, so no probe is in it. */
    private static final class Tools {
        static final ChildTools DETECTED = ChildTools.detect();
    }
}
