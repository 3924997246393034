package workbench.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;
import workbench.Catalog;
import workbench.item53.Item53Benchmark;
import workbench.item64.Item64Benchmark;

/**
 * Every item's {@code timeline} row (its benchmark's nested {@code Timeline} state: {@link WayTimeline}, or for Items
 * 53 and 64 {@link StrategyTimeline} with the names recorded before the slugs) finds each of its way's {@code @Param}
 * values among its item's declared runs.
 */
class TimelineRowsTest {

    @Test
    void everyTimelineRowSelectsAWayOfItsItemsCpuExample() throws Exception {
        List<String> resolved = new ArrayList<>();
        for (StrategyTimeline row : List.of(new Item53Benchmark.Timeline(), new Item64Benchmark.Timeline())) {
            for (String value : row.getClass().getField("example").getAnnotation(Param.class).value()) {
                resolved.add(value + "=" + resolve(row, row.getClass().getField("example"), value));
            }
        }
        assertEquals(List.of("gil-threads=gil-threads", "java-threads=threads", "serial=sequential",
                "threads=threads", "gil-threads=gil-threads"), resolved);
    }

    @Test
    void everyItemHasATimelineRowWhoseWaysAreDeclared() throws Exception {
        List<Integer> items = new ArrayList<>();
        for (Catalog.Item item : Catalog.items()) {
            Class<?> benchmark = Class.forName(item.benchmarkClassName());
            Class<?> state = Class.forName(benchmark.getName() + "$Timeline");
            TimelineRecording row = (TimelineRecording) state.getConstructor().newInstance();
            List<Field> params = Arrays.stream(state.getDeclaredFields())
                    .filter(f -> f.isAnnotationPresent(Param.class)).toList();
            assertEquals(1, params.size(), state + " declares one @Param, its way: " + params);
            assertEquals(item.number() == 53 || item.number() == 64, row instanceof StrategyTimeline, state.getName());
            String[] values = params.get(0).getAnnotation(Param.class).value();
            assertFalse(values.length == 0, state + " names its ways");
            for (String value : values) {
                resolve(row, params.get(0), value); // throws IllegalArgumentException for a way not declared
            }
            benchmark.getMethod("timeline", state); // the row's benchmark method takes the state
            items.add(item.number());
        }
        assertEquals(Catalog.items().stream().map(Catalog.Item::number).toList(), items);
    }

    /** Sets the row's way to {@code value}, resolves it against the declaration (recording off) and returns its slug. */
    private static String resolve(TimelineRecording row, Field way, String value) throws Exception {
        way.set(row, value);
        row.recording = "off";
        row.start();
        row.stop();
        return row.way();
    }

    @Test
    void aRowNamingNoWayIsRefused() throws Exception {
        Item64Benchmark.Timeline row = new Item64Benchmark.Timeline();
        row.example = "nope";
        row.recording = "off";
        assertThrows(IllegalArgumentException.class, row::start);
    }
}
