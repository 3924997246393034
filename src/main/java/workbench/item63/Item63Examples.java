package workbench.item63;

import java.util.List;

import workbench.examples.Example;
import workbench.examples.ItemExamples;

/** Item 63's comparing example: slow writes on the event loop, or handed to a WriteThread, a heartbeat ticking. */
public final class Item63Examples implements ItemExamples {

    @Override
    public List<Example<?>> examples() {
        return List.of(Example.of(63, "slow-device", Item63.DRILL_WRITES + " writes of "
                        + Item63.DRILL_WRITE_COST.toMillis() + " ms to a slow device, a heartbeat ticking on the loop",
                List.of(Placement.values()),
                (way, ctx) -> Item63.slowDeviceDrill(way, Item63.DRILL_WRITES, Item63.DRILL_WRITE_COST),
                Example.Benchmark.method("heartbeat", "placement")));
    }
}
