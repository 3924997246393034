package workbench.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jdk.jfr.Event;
import jdk.jfr.Name;
import org.junit.jupiter.api.Test;
import workbench.recording.GilHoldEvent;

/**
 * Every event type of {@code workbench.recording} is enabled by the timeline's recording, in this JVM and in its
 * worker JVMs' settings file: an event added there but not to {@link TimelineRecorder} would be emitted and never
 * recorded (CONTRIBUTING.md, "a recorded JFR event").
 */
class RecordedEventsTest {

    @Test
    void everyRecordingEventIsEnabledByTheTimeline() throws Exception {
        Path folder = Path.of(GilHoldEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("workbench/recording");
        List<String> missing = new ArrayList<>();
        int events = 0;
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = "workbench.recording." + file.getFileName().toString().replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                if (!Event.class.isAssignableFrom(type)) {
                    continue;
                }
                events++;
                String jfrName = type.getAnnotation(Name.class).value();
                if (!TimelineRecorder.OWN.contains(type) || !TimelineRecorder.jfc().contains('"' + jfrName + '"')) {
                    missing.add(name);
                }
            }
        }
        assertFalse(events == 0, "the scan finds the events");
        assertEquals(List.of(), missing, "emitted but not recorded");
    }
}
