package workbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workbench.bench.ReportTest.record;
import static workbench.bench.ReportTest.strategyRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScalingTest {

    private static final String WORK = "workbench.item99.Item99Benchmark.work";

    private static void machine(Path root, String name, int cores, double threads2, double threads16)
            throws IOException {
        record(root.resolve(name), cores, "item99",
                strategyRow(WORK, "SEQUENTIAL", "2", 100),
                strategyRow(WORK, "THREADS", "2", threads2),
                strategyRow(WORK, "SEQUENTIAL", "16", 100),
                strategyRow(WORK, "THREADS", "16", threads16));
    }

    @Test
    void oneMachineGivesNoComparisonAndTheReadmeSaysWhatWouldAddIt(@TempDir Path root) throws IOException {
        machine(root, "2cpu-test", 2, 50, 50);
        List<Path> written = Report.writeAll(root);
        assertEquals(List.of(root.resolve("2cpu-test").resolve(Report.REPORT_FILE)), written);
        assertFalse(Files.exists(root.resolve(Scaling.FILE)));
        String readme = ReadmeResults.section(root);
        assertFalse(readme.contains("](" + root.resolve(Scaling.FILE).toString().replace('\\', '/') + ")"), readme);
        assertTrue(readme.contains("bench all"), readme);
    }

    @Test
    void twoMachinesAreComparedRowByRowWithEachMachinesIdeal(@TempDir Path root) throws IOException {
        machine(root, "16cpu-test", 16, 50, 8);
        machine(root, "2cpu-test", 2, 50, 50);
        List<Path> written = Report.writeAll(root);
        assertTrue(written.contains(root.resolve(Scaling.FILE)), written::toString);
        String md = Files.readString(root.resolve(Scaling.FILE));
        assertTrue(md.contains("| Benchmark | strategy | workers | 2 cores | 16 cores |"), md);
        assertTrue(md.contains("| work | THREADS | 2 | 2.00x (100%) | 2.00x (100%) |"), md);
        assertTrue(md.contains("| work | THREADS | 16 | 2.00x (100%) | 12.50x (78%) |"), md);
        assertFalse(md.contains("| SEQUENTIAL |"), "baselines are the 1x every row is measured against");
        assertTrue(md.indexOf("[2cpu-test]") < md.indexOf("[16cpu-test]"), "fewest cores first");
        Path chart = root.resolve("scaling-item99-work.png");
        assertTrue(md.contains("![scaling-item99-work.png](scaling-item99-work.png)"), md);
        assertTrue(Files.size(chart) > 1000, "a real PNG");
        assertTrue(ReadmeResults.section(root).contains("[SCALING.md]("), "the README links the comparison");
    }

    @Test
    void machinesWithAsManyCoresAreToldApartByName(@TempDir Path root) throws IOException {
        machine(root, "2cpu-a", 2, 50, 50);
        machine(root, "2cpu-b", 2, 50, 40);
        machine(root, "16cpu-test", 16, 50, 8);
        Report.writeAll(root);
        String md = Files.readString(root.resolve(Scaling.FILE));
        assertTrue(md.contains("| Benchmark | strategy | workers | 2 cores (2cpu-a) | 2 cores (2cpu-b) | 16 cores |"),
                md);
        assertTrue(md.contains("| work | THREADS | 16 | 2.00x (100%) | 2.50x (125%) | 12.50x (78%) |"), md);
    }

    @Test
    void aMachineWithOnlyAQuickLookIsComparedAndSaysSo(@TempDir Path root) throws IOException {
        machine(root, "2cpu-test", 2, 50, 50);
        record(root.resolve("16cpu-test"), 16, "item99-quick",
                strategyRow(WORK, "SEQUENTIAL", "16", 100),
                strategyRow(WORK, "THREADS", "16", 10));
        Report.writeAll(root);
        String md = Files.readString(root.resolve(Scaling.FILE));
        assertTrue(md.contains("| Benchmark | strategy | workers | 2 cores | 16 cores (quick) |"), md);
        assertTrue(md.contains("| work | THREADS | 16 | 2.00x (100%) | 10.00x (63%) |"), md);
    }

    @Test
    void aStaleComparisonIsRemovedWhenOnlyOneMachineIsLeft(@TempDir Path root) throws IOException {
        machine(root, "16cpu-test", 16, 50, 8);
        machine(root, "2cpu-test", 2, 50, 50);
        Report.writeAll(root);
        try (var files = Files.list(root.resolve("16cpu-test"))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(root.resolve("16cpu-test"));
        Report.writeAll(root);
        assertFalse(Files.exists(root.resolve(Scaling.FILE)));
        assertFalse(Files.exists(root.resolve("scaling-item99-work.png")));
    }
}
