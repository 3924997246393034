package workbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import workbench.Catalog;

/**
 * JMH's annotation processor writes META-INF/BenchmarkList at compile time; without it the jar fails at run time
 * with "Unable to find /META-INF/BenchmarkList" (JDK 23+ javac runs no processor it merely finds on the class
 * path, so the pom names JMH's). This proves the list exists, names every benchmark class we have, and still has
 * every benchmark and param value the recorded results name.
 */
class BenchmarkListTest {

    @Test
    void benchmarkListNamesEveryBenchmarkClassInTheTree() throws Exception {
        List<String> listed = BenchRunner.listedBenchmarkClasses();
        assertFalse(listed.isEmpty(), "META-INF/BenchmarkList is missing or empty");
        Path root = Path.of("benchmarks/src/main/java");
        try (var files = Files.walk(root)) {
            List<String> sources = files.filter(p -> p.getFileName().toString().endsWith("Benchmark.java"))
                    .map(p -> root.relativize(p).toString().replace('/', '.').replace('\\', '.')
                            .replaceAll("\\.java$", ""))
                    .toList();
            assertFalse(sources.isEmpty());
            for (String source : sources) {
                assertTrue(listed.contains(source), source + " is not in META-INF/BenchmarkList: " + listed);
            }
        }
    }

    @Test
    void everyCatalogueBenchmarkIsListed() throws Exception {
        List<String> listed = BenchRunner.listedBenchmarkClasses();
        for (Catalog.Item item : Catalog.items()) {
            if (item.benchmarkClass().isPresent()) {
                assertTrue(listed.contains(item.benchmarkClassName()), item.benchmarkClassName());
            }
        }
    }

    @Test
    void machineSidecarHasProvenance() {
        Machine machine = Machine.current();
        String json = machine.toJson();
        for (String key : List.of("\"cores\"", "\"cpuModel\"", "\"os\"", "\"jdk\"", "\"maxHeapBytes\"", "\"date\"")) {
            assertTrue(json.contains(key), key + " in " + json);
        }
        assertTrue(machine.id().matches("\\d+cpu-[a-z0-9-]+"), machine.id());
    }

    /**
     * Every recorded JMH result in benchmarks/results still pairs with the benchmark list: its method is listed and
     * each of its param values is one the list has (a renamed method or {@code @Param} string would orphan it).
     */
    @Test
    void everyRecordedResultPairsWithAListedBenchmarkAndItsParams() throws Exception {
        Map<String, Map<String, List<String>>> listed = DeclaredParams.listed();
        List<String> orphans = new ArrayList<>();
        int results = 0;
        try (var files = Files.walk(Path.of("benchmarks/results"))) {
            for (Path file : files.filter(p -> p.getFileName().toString().matches("item\\d\\d\\.json")).sorted()
                    .toList()) {
                for (JsonElement element : JsonParser.parseString(Files.readString(file)).getAsJsonArray()) {
                    JsonObject result = element.getAsJsonObject();
                    String benchmark = result.get("benchmark").getAsString();
                    results++;
                    Map<String, List<String>> params = listed.get(benchmark);
                    if (params == null) {
                        orphans.add(file + ": " + benchmark + " is not listed");
                        continue;
                    }
                    if (result.has("params")) {
                        for (var param : result.getAsJsonObject("params").entrySet()) {
                            List<String> values = params.get(param.getKey());
                            if (values == null || !values.contains(param.getValue().getAsString())) {
                                orphans.add(file + ": " + benchmark + " " + param.getKey() + "="
                                        + param.getValue().getAsString() + " is not in " + values);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(results > 100, "the recorded results were read: " + results);
        assertEquals(List.of(), orphans);
    }
}
