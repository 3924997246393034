package workbench.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.google.gson.GsonBuilder;

/**
 * The provenance of a recorded result: which machine, JDK and heap produced it, and when. Written as a sidecar
 * beside every JMH JSON file, so a number is never separated from where it was measured.
 */
public record Machine(int cores, String cpuModel, String os, String jdk, long maxHeapBytes, String date) {

    public static Machine current() {
        Runtime runtime = Runtime.getRuntime();
        return new Machine(runtime.availableProcessors(), readCpuModel(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + Runtime.version(),
                runtime.maxMemory(),
                OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }

    /** A directory name for this machine's results: {@code 2cpu-intel-xeon-platinum-8481c}. */
    public String id() {
        String slug = cpuModel.toLowerCase(Locale.ROOT)
                .replaceAll("\\((r|tm)\\)", "")
                .replaceAll("\\b(cpu|processor|\\d+-core)\\b", "")
                .replaceAll("@.*$", "")
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        return cores + "cpu-" + (slug.isEmpty() ? "unknown" : slug);
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

    private static String readCpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (var lines = Files.lines(cpuinfo)) {
                return lines.filter(line -> line.startsWith("model name"))
                        .map(line -> line.substring(line.indexOf(':') + 1).strip())
                        .findFirst().orElse(System.getProperty("os.arch"));
            } catch (IOException | UncheckedIOException e) {
                return System.getProperty("os.arch");
            }
        }
        String env = System.getenv("PROCESSOR_IDENTIFIER");
        return env != null ? env : System.getProperty("os.arch");
    }
}
