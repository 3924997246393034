package workbench.bench;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import workbench.Catalog;

/**
 * JMH's annotation processor writes META-INF/BenchmarkList at compile time; without it the jar fails at run time
 * with "Unable to find /META-INF/BenchmarkList" (JDK 23+ javac runs no processor it merely finds on the class
 * path, so the pom names JMH's). This proves the list exists and names every benchmark class we have.
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
}
