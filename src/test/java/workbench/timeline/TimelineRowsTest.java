package workbench.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;
import workbench.item53.Item53Benchmark;
import workbench.item64.Item64Benchmark;

/**
 * The {@code timeline} rows of Items 53 and 64 ({@link StrategyTimeline}) find each of their {@code @Param example}
 * values among their item's declared runs, the names recorded before the slugs included.
 */
class TimelineRowsTest {

    @Test
    void everyTimelineRowSelectsAWayOfItsItemsCpuExample() throws Exception {
        List<String> resolved = new ArrayList<>();
        for (StrategyTimeline row : List.of(new Item53Benchmark.Timeline(), new Item64Benchmark.Timeline())) {
            String[] values = row.getClass().getField("example").getAnnotation(Param.class).value();
            for (String value : values) {
                row.getClass().getField("example").set(row, value);
                row.recording = "off";
                row.start();
                resolved.add(value + "=" + row.way());
                row.stop();
            }
        }
        assertEquals(List.of("gil-threads=gil-threads", "java-threads=threads", "serial=sequential",
                "threads=threads", "gil-threads=gil-threads"), resolved);
    }

    @Test
    void aRowNamingNoWayIsRefused() throws Exception {
        Item64Benchmark.Timeline row = new Item64Benchmark.Timeline();
        row.example = "nope";
        row.recording = "off";
        assertThrows(IllegalArgumentException.class, row::start);
    }
}
