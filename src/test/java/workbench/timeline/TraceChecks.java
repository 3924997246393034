package workbench.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** What the Perfetto UI and chrome://tracing need of a Trace Event JSON file, checked on a parsed trace. */
final class TraceChecks {

    private TraceChecks() {
    }

    /**
     * Every complete event has ts, dur, pid and tid; every pid and tid is named by a metadata event; complete
     * slices on one track nest or do not overlap; every flow start has its end (and no end lacks its start).
     */
    static void assertWellFormed(JsonObject trace) {
        Set<Long> namedProcesses = new HashSet<>();
        Set<String> namedThreads = new HashSet<>();
        Set<Long> pids = new HashSet<>();
        Set<String> tracks = new HashSet<>();
        Map<String, List<double[]>> slices = new HashMap<>();
        Map<String, Integer> flowStarts = new HashMap<>();
        Map<String, Integer> flowEnds = new HashMap<>();
        Map<String, Integer> asyncBegins = new HashMap<>();
        Map<String, Integer> asyncEnds = new HashMap<>();
        int complete = 0;
        for (JsonElement element : trace.getAsJsonArray("traceEvents")) {
            JsonObject e = element.getAsJsonObject();
            String ph = e.get("ph").getAsString();
            assertTrue(e.has("pid") && e.has("tid"), "every event has pid and tid: " + e);
            long pid = e.get("pid").getAsLong();
            String track = pid + "/" + e.get("tid").getAsLong();
            switch (ph) {
                case "M" -> {
                    String name = e.get("name").getAsString();
                    assertFalse(e.getAsJsonObject("args").get("name").getAsString().isBlank());
                    if (name.equals("process_name")) {
                        namedProcesses.add(pid);
                    } else if (name.equals("thread_name")) {
                        namedThreads.add(track);
                    }
                }
                case "X" -> {
                    complete++;
                    assertTrue(e.has("ts") && e.has("dur"), "a complete event has ts and dur: " + e);
                    double ts = e.get("ts").getAsDouble();
                    double dur = e.get("dur").getAsDouble();
                    assertTrue(dur >= 0, "dur >= 0: " + e);
                    slices.computeIfAbsent(track, k -> new ArrayList<>()).add(new double[] {ts, ts + dur});
                }
                case "s" -> flowStarts.merge(e.get("id").getAsString(), 1, Integer::sum);
                case "f" -> flowEnds.merge(e.get("id").getAsString(), 1, Integer::sum);
                case "b" -> asyncBegins.merge(e.get("id").getAsString(), 1, Integer::sum);
                case "e" -> asyncEnds.merge(e.get("id").getAsString(), 1, Integer::sum);
                default -> {
                }
            }
            pids.add(pid);
            tracks.add(track);
        }
        assertTrue(complete > 0, "the trace has complete slices");
        assertEquals(pids, namedProcesses, "every pid is named");
        assertEquals(tracks, namedThreads, "every tid is named");
        assertEquals(flowStarts, flowEnds, "every flow start has its end");
        assertEquals(asyncBegins, asyncEnds, "every async slice that begins ends");
        for (Map.Entry<String, List<double[]>> track : slices.entrySet()) {
            assertNested(track.getKey(), track.getValue());
        }
    }

    /** Slices sorted by start: each either starts after the enclosing one ends, or ends within it. */
    private static void assertNested(String track, List<double[]> slices) {
        slices.sort(Comparator.<double[]>comparingDouble(s -> s[0]).thenComparingDouble(s -> -s[1]));
        List<double[]> open = new ArrayList<>();
        double tolerance = 1e-3; // a nanosecond, the JSON's resolution
        for (double[] slice : slices) {
            while (!open.isEmpty() && open.get(open.size() - 1)[1] <= slice[0] + tolerance) {
                open.remove(open.size() - 1);
            }
            if (!open.isEmpty()) {
                double[] parent = open.get(open.size() - 1);
                assertTrue(slice[1] <= parent[1] + tolerance, "slices on track " + track + " overlap without nesting: ["
                        + parent[0] + ", " + parent[1] + "] and [" + slice[0] + ", " + slice[1] + "]");
            }
            open.add(slice);
        }
    }
}
