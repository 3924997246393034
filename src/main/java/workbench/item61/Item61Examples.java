package workbench.item61;

import java.time.Duration;
import java.util.List;

import workbench.examples.Example;
import workbench.examples.ItemExamples;
import workbench.pyrandom.PyRandom;

/** Item 61's comparing example: one game of the book's guessing client, against a threaded or an asyncio server. */
public final class Item61Examples implements ItemExamples {

    @Override
    public List<Example<?>> examples() {
        return List.of(Example.of(61, "one-game", "one game of the book's guessing client against the server",
                List.of(ServerStyle.PLATFORM_THREADS, ServerStyle.EVENT_LOOP), (way, ctx) -> {
                    try (GuessServer server = way.create(0, new PyRandom(1234), line -> { }).start()) {
                        BlockingClient.runClient(server.address(), line -> { });
                        server.awaitIdle(Duration.ofSeconds(20));
                    }
                }, Example.Benchmark.none("Item61Benchmark.round's @Param style also has VIRTUAL_THREADS and"
                        + " PRE_FORKED_PROCESSES; the pre-forked server's worker JVMs take no recording flags yet,"
                        + " so its timeline would show only the parent")));
    }
}
