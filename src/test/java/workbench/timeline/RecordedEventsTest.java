package workbench.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
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
        List<Class<?>> events = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String name = "workbench.recording." + file.getFileName().toString().replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, getClass().getClassLoader());
                if (Event.class.isAssignableFrom(type)) {
                    events.add(type);
                }
            }
        }
        assertFalse(events.isEmpty(), "the scan finds the events");
        assertEquals(List.of(), notRecorded(events), "emitted but not recorded");
    }

    /** A recipe (d) event whose step 2 (enable it in TimelineRecorder.OWN) was not done. */
    @Name("workbench.RecipeD")
    @Label("Recipe (d)")
    @StackTrace(false)
    static final class RecipeDEvent extends Event {
        @Label("Unit")
        String unit;
    }

    /**
     * CONTRIBUTING.md's recipe (d), followed once: step 1 done (an event class with its name, labels and no stack
     * trace), step 2 left out; the check this class runs over {@code workbench.recording} reports it, and passes for
     * an event the timeline enables.
     */
    @Test
    void recipeD_anEventAddedButNotEnabledIsCaughtAndAnEnabledOnePasses() {
        assertEquals(List.of(RecipeDEvent.class.getName()), notRecorded(List.of(RecipeDEvent.class)));
        assertEquals(List.of(), notRecorded(List.of(GilHoldEvent.class)));
    }

    /** The event types of {@code events} that the timeline's recording (this JVM's, or its workers' .jfc) omits. */
    private static List<String> notRecorded(List<Class<?>> events) {
        List<String> missing = new ArrayList<>();
        String jfc = TimelineRecorder.jfc();
        for (Class<?> type : events) {
            String jfrName = type.getAnnotation(Name.class).value();
            if (!TimelineRecorder.OWN.contains(type) || !jfc.contains('"' + jfrName + '"')) {
                missing.add(type.getName());
            }
        }
        return missing;
    }
}
