package workbench.item55;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.testing.NoLeaks;

/** Sequential, threads and processes (one JVM per stage, joined by pipes) deliver the same items. */
class PipelineStrategyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<Integer> ONE_EACH = List.of(1, 1, 1);

    private static List<String> items(int count) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            items.add("image-" + i + (i % 7 == 0 ? " with spaces, ünïcödé and a tab\t" : ""));
        }
        items.add("");                                                      // an empty line is an item too
        return items;
    }

    @Test
    @Timeout(60)
    void everyStrategyDeliversTheSameItemsInOrderWithAndWithoutLatency() throws Throwable {
        NoLeaks.check(() -> {
            List<String> items = items(300);
            for (Stages stages : List.of(Stages.IDENTITY, new Stages(Duration.ofMillis(1)))) {
                List<String> few = stages == Stages.IDENTITY ? items : items.subList(0, 40);
                for (PipelineStrategy strategy : PipelineStrategy.values()) {
                    assertEquals(few, strategy.run(few, ONE_EACH, stages, TIMEOUT), strategy + " with " + stages);
                }
                List<String> scaled = PipelineStrategy.THREADS.run(few, List.of(3, 4, 5), stages, TIMEOUT);
                assertEquals(few.stream().sorted().toList(), scaled.stream().sorted().toList(), "3/4/5 threads");
            }
        });
    }

    @Test
    @Timeout(30)
    void theProcessPipelineTakesNoItemsAndRejectsMultiLineItems() throws Throwable {
        NoLeaks.check(() -> {
            assertEquals(List.of(), PipelineStrategy.PROCESSES.run(List.of(), ONE_EACH, Stages.IDENTITY, TIMEOUT));
            assertThrows(IllegalArgumentException.class,
                    () -> ProcessPipeline.run(List.of("two\nlines"), Stages.IDENTITY, TIMEOUT));
        });
    }
}
