package workbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workbench.bench.ReportTest.strategyRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import workbench.results.PythonRow;
import workbench.results.PythonResults;
import workbench.results.JmhResult;

/** Java's and CPython's rows in one table: which rows match, in which unit, and when a ratio is taken. */
class SideBySideTest {

    private static final String GCD = "workbench.item64.Item64Benchmark.gcd";

    /** Item 64's shape: gcd by strategy and workers, the workers varied; CPython in seconds per op. */
    private static Path item64(Path root, String javaRun, String pythonRun) throws IOException {
        Path dir = root.resolve("2cpu-test");
        ReportTest.record(dir, 2, "item64",
                strategyRow(GCD, "SEQUENTIAL", "1", 100),
                strategyRow(GCD, "THREADS", "2", 50),
                strategyRow(GCD, "THREADS", "4", 40),
                strategyRow(GCD, "FORK_JOIN", "2", 45));
        Files.writeString(PythonResults.resultFile(dir, 64), """
                [{"benchmark": "gcd", "strategy": "SEQUENTIAL", "workers": 1, "seconds": 0.9, "python": "3.12.1"},
                 {"benchmark": "gcd", "strategy": "THREADS", "workers": 2, "seconds": 1.0, "python": "3.12.1"},
                 {"benchmark": "gcd", "strategy": "THREADS", "workers": 4, "seconds": 0.02, "python": "3.12.1"},
                 {"benchmark": "gcd", "strategy": "PROCESSES", "workers": 2, "seconds": 0.5, "python": "3.12.1"}]""");
        stamp(dir.resolve("item64.machine.json"), javaRun, null);
        stamp(PythonResults.sidecarFile(dir, 64), pythonRun, null);
        return dir;
    }

    /** Adds a run id (and a reason CPython was not measured) to a sidecar, or leaves it unstamped. */
    private static void stamp(Path sidecar, String run, String notMeasured) throws IOException {
        if (run == null) {
            return;
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("run", run);
        facts.put("loadAverageAtStart", 0.5);
        if (notMeasured != null) {
            facts.put("notMeasured", notMeasured);
        }
        Files.writeString(sidecar, new Machine(2, "Test CPU", "TestOS", "JDK 21", 1L << 30,
                "2026-01-01T00:00:00Z").toJson(facts));
    }

    private static SideBySide.Table table(Path dir, int item) throws IOException {
        return SideBySide.of(dir, ResultsFolder.read(dir).stream().filter(i -> i.item() == item).findFirst().orElseThrow());
    }

    @Test
    void rowsMatchByMethodWayWorkloadAndWorkersAndTheRestSayWhichSideHasThem(@TempDir Path root) throws IOException {
        SideBySide.Table table = table(item64(root, "run-1", "run-1"), 64);
        assertEquals(SideBySide.Pairing.SAME_RUN, table.pairing());
        List<SideBySide.Line> lines = table.lines();
        assertEquals(5, lines.size(), "four Java rows, then the one CPython row no Java row measures");
        assertEquals(900.0, lines.get(0).pythonScore(), 1e-9, "sequential: 0.9 s is 900 ms/op");
        assertEquals(9.0, lines.get(0).javaOverPython(), 1e-9);
        assertEquals(20.0, lines.get(1).javaOverPython(), 1e-9, "THREADS with 2 workers against CPython's 2");
        assertEquals(0.5, lines.get(2).javaOverPython(), 1e-9, "THREADS with 4: Java slower, 40 ms against 20");
        assertTrue(lines.get(3).python().isEmpty(), "no CPython FORK_JOIN row");
        assertTrue(lines.get(4).java().isEmpty(), "no Java PROCESSES row");
        assertEquals("PROCESSES", lines.get(4).shown().param("strategy"));
        assertEquals("2", lines.get(4).shown().param("workers"));

        String md = SideBySide.markdown(table);
        assertTrue(md.contains("| gcd | SEQUENTIAL | 1 | 100 | 1 | 900 | ms/op | 9.00x faster |"), md);
        assertTrue(md.contains("| gcd | THREADS | 4 | 40 | 1 | 20 | ms/op | 2.00x slower |"), md);
        assertTrue(md.contains("| gcd | FORK_JOIN | 2 | 45 | 1 |  | ms/op | Java only |"), md);
        assertTrue(md.contains("| gcd | PROCESSES | 2 |  |  | 500 | ms/op | CPython only |"), md);
    }

    @Test
    void aFixedWorkerSettingIsNotComparedButTwoCandidatesAreNoMatch() {
        // Item 57's workers are one fixed setting (10) that a thread per cell ignores; CPython ran it with 1.
        JmhResult java = new JmhResult("workbench.item57.Item57Benchmark.generation", "avgt", 1,
                Map.of("strategy", "threadPerCell", "workers", "10", "size", "5x9", "ioMillis", "10"), 18, 1,
                "ms/op");
        PythonRow one = new PythonRow("generation", "THREADPERCELL", "1", 0.02, Map.of("size", "5x9",
                "ioMillis", "10", "python", "3.12.1"));
        PythonRow otherSize = new PythonRow("generation", "threadPerCell", "1", 0.5, Map.of("size", "20x20",
                "ioMillis", "10"));
        assertEquals(Optional.of(one), SideBySide.match(java, List.of(java), List.of(one, otherSize)),
                "the way ignores case; the workload must agree; the fixed worker count is not compared");
        PythonRow twin = new PythonRow("generation", "threadPerCell", "2", 0.03, Map.of("size", "5x9",
                "ioMillis", "10"));
        assertEquals(Optional.empty(), SideBySide.match(java, List.of(java), List.of(one, twin)),
                "two CPython rows could be this one: none is chosen");
        // A Java parameter CPython does not name (Item 60's latencyMillis) is a different workload.
        JmhResult fanOut = new JmhResult("workbench.item60.Item60Benchmark.fanOut", "avgt", 1,
                Map.of("strategy", "EVENT_LOOP", "tasks", "100", "latencyMillis", "10"), 10.4, 1, "ms/op");
        PythonRow noLatency = new PythonRow("fanOut", "EVENT_LOOP", "1", 0.011, Map.of("tasks", "100"));
        assertEquals(Optional.empty(), SideBySide.match(fanOut, List.of(fanOut), List.of(noLatency)));
        // Item 61 names its way "style" and its workers "clients".
        JmhResult round = new JmhResult("workbench.item61.Item61Benchmark.round", "thrpt", 1,
                Map.of("style", "EVENT_LOOP", "clients", "4"), 1420, 100, "ops/s");
        JmhResult round16 = new JmhResult("workbench.item61.Item61Benchmark.round", "thrpt", 1,
                Map.of("style", "EVENT_LOOP", "clients", "16"), 519, 100, "ops/s");
        PythonRow four = new PythonRow("round", "EVENT_LOOP", "4", 0.0025, Map.of());
        PythonRow sixteen = new PythonRow("round", "EVENT_LOOP", "16", 0.0107, Map.of());
        assertEquals(Optional.of(four), SideBySide.match(round, List.of(round, round16), List.of(sixteen, four)));
    }

    @Test
    void cpythonSecondsAreShownInTheJavaUnitAndThroughputIsTheReciprocal() {
        assertEquals(250.0, SideBySide.inUnit(0.25, "ms/op"), 1e-9);
        assertEquals(7.0, SideBySide.inUnit(7e-6, "us/op"), 1e-9);
        assertEquals(400.0, SideBySide.inUnit(0.0025, "ops/s"), 1e-9, "a round of 2.5 ms: 400 rounds/s");
        assertEquals(2.0, SideBySide.inUnit(5e-7, "ops/us"), 1e-9);
        assertTrue(Double.isNaN(SideBySide.inUnit(1, "MB/sec")));
        // Throughput: more is better, so Java's 1420 rounds/s against CPython's 400 is 3.55x faster.
        JmhResult round = new JmhResult("workbench.item61.Item61Benchmark.round", "thrpt", 1,
                Map.of("style", "EVENT_LOOP", "clients", "4"), 1420, 100, "ops/s");
        SideBySide.Line line = new SideBySide.Line(Optional.of(new Speedups.Row(round, Double.NaN, Double.NaN)),
                Optional.of(new PythonRow("round", "EVENT_LOOP", "4", 0.0025, Map.of())), round, 400, Double.NaN);
        assertEquals(3.55, line.javaOverPython(), 1e-9);
    }

    @Test
    void aRatioIsTakenOnlyWithinOneRun(@TempDir Path root) throws IOException {
        // Recorded before runs were stamped: both figures stand in the table, no ratio.
        SideBySide.Table unstamped = table(item64(root.resolve("a"), null, null), 64);
        assertEquals(SideBySide.Pairing.UNSTAMPED, unstamped.pairing());
        assertEquals(List.of(), unstamped.compared());
        assertEquals(3, unstamped.bothSides());
        assertFalse(SideBySide.markdown(unstamped).contains("faster"), SideBySide.markdown(unstamped));
        // Two runs: no ratio across them.
        SideBySide.Table other = table(item64(root.resolve("b"), "run-1", "run-2"), 64);
        assertEquals(SideBySide.Pairing.OTHER_RUN, other.pairing());
        assertEquals(List.of(), other.compared());
        // One run: the ratios, and the README's line says the median of them.
        SideBySide.Table same = table(item64(root.resolve("c"), "run-1", "run-1"), 64);
        assertEquals(3, same.compared().size());
        String line = SideBySide.readmeLine(same, 64);
        assertTrue(line.contains("9.00x faster") && line.contains("2.00x slower") && line.contains("20.00x faster"),
                "the median (9x) and the range: " + line);
    }

    @Test
    void aRunWithoutPython3SaysSoAndNoEarlierFileIsTakenForIt(@TempDir Path root) throws IOException {
        Path dir = item64(root, "run-3", "run-3");
        Files.delete(PythonResults.resultFile(dir, 64));
        stamp(PythonResults.sidecarFile(dir, 64), "run-3", "python3 could not be started on this machine");
        SideBySide.Table table = table(dir, 64);
        assertEquals(SideBySide.Pairing.NOT_MEASURED_IN_RUN, table.pairing());
        assertTrue(SideBySide.provenance(table, 64).contains("python3 could not be started on this machine"),
                "the sidecar's reason is shown");
        assertTrue(table.lines().stream().allMatch(l -> l.python().isEmpty()));
    }

    @Test
    void theReadmeSaysPerItemHowJavaComparesAndTheChartsGetCPythonsSeries(@TempDir Path root) throws IOException {
        Path dir = item64(root, "run-1", "run-1");
        // A chart needs Java's speedups at two worker counts or more: sequential rows for 2 and 4 workers too.
        Files.writeString(dir.resolve("item64.json"), "[" + String.join(",",
                strategyRow(GCD, "SEQUENTIAL", "1", 100),
                strategyRow(GCD, "SEQUENTIAL", "2", 100),
                strategyRow(GCD, "SEQUENTIAL", "4", 100),
                strategyRow(GCD, "THREADS", "2", 50),
                strategyRow(GCD, "THREADS", "4", 40)) + "]");
        Report.writeAll(root);
        String section = ReadmeResults.section(root);
        assertTrue(section.contains("- " + SideBySide.readmeLine(table(dir, 64), 64)), section);
        var points = SideBySide.chartPoints(table(dir, 64));
        assertEquals(Map.of("gcd", Map.of("CPython SEQUENTIAL", new TreeMap<>(Map.of(1, 1.0)),
                "CPython THREADS", new TreeMap<>(Map.of(2, 0.9, 4, 45.0)),
                "CPython PROCESSES", new TreeMap<>(Map.of(2, 1.8)))), points);
        assertTrue(Files.size(dir.resolve("item64-gcd.png")) > 1000, "a real PNG");
    }

    @Test
    void equalFiguresReadAsFastNeverOneTimesSlower() {
        assertEquals("as fast (1.00x)", SideBySide.faster(1.004));
        assertEquals("as fast (1.00x)", SideBySide.faster(0.997));
        assertEquals("1.01x faster", SideBySide.faster(1.006));
        assertEquals("1.01x slower", SideBySide.faster(1 / 1.006));
    }
}
