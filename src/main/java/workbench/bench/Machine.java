package workbench.bench;

import java.lang.management.ManagementFactory;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.GsonBuilder;

import workbench.results.ThisMachine;

/**
 * The provenance of a recorded result: which machine, JDK and heap produced it, and when. Written as a sidecar
 * beside every JMH JSON file, so a number is never separated from where it was measured.
 */
public record Machine(int cores, String cpuModel, String os, String jdk, long maxHeapBytes, String date) {

    public static Machine current() {
        Runtime runtime = Runtime.getRuntime();
        return new Machine(runtime.availableProcessors(), ThisMachine.cpuModel(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + Runtime.version(),
                runtime.maxMemory(),
                OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }

    /** A directory name for this machine's results: {@code 2cpu-intel-xeon-platinum-8481c}. */
    public String id() {
        return ThisMachine.folderName(cores, cpuModel);
    }

    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("id", id());
        map.put("cores", cores);
        map.put("cpuModel", cpuModel);
        map.put("os", os);
        map.put("jdk", jdk);
        map.put("maxHeapBytes", maxHeapBytes);
        map.put("date", date);
        map.put("jvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments());
        return map;
    }

    /** The sidecar's JSON text. */
    public String toJson() {
        return toJson(Map.of());
    }

    /** The sidecar's JSON text with facts about the run added (such as the load average when it started). */
    public String toJson(Map<String, Object> run) {
        Map<String, Object> map = asMap();
        map.putAll(run);
        map.put("loadAverageAtEnd", loadAverage());
        return new GsonBuilder().setPrettyPrinting().create().toJson(map) + "\n";
    }

    /**
     * The system's load average over the last minute, or -1 where the OS does not say: more runnable threads than
     * cores means the benchmark shared the machine, and its numbers say less.
     */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
