package workbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import workbench.proc.Child;
import workbench.results.PythonResults;
import workbench.results.JmhResult;

class ReportTest {

    /** A row as JMH writes it; {@code error} may be the string "NaN", as JMH writes with one iteration. */
    static String row(String benchmark, String mode, String params, double score, String error) {
        return """
                {"jmhVersion": "1.37", "benchmark": "%s", "mode": "%s", "threads": 1, "forks": 1,
                 "params": {%s},
                 "primaryMetric": {"score": %s, "scoreError": %s, "scoreConfidence": ["NaN", "NaN"],
                                   "scoreUnit": "ms/op", "rawData": [[%s]]},
                 "secondaryMetrics": {}}""".formatted(benchmark, mode, params, score, error, score);
    }

    /** The usual row: average time by {@code strategy} and {@code workers}, score error 1. */
    static String strategyRow(String benchmark, String strategy, String workers, double score) {
        return row(benchmark, "avgt", "\"strategy\": \"" + strategy + "\", \"workers\": \"" + workers + "\"", score,
                "1");
    }

    private static Path record(Path dir, String name, String... rows) throws IOException {
        return record(dir, 4, name, rows);
    }

    /** Writes {@code name.json} with the rows and its sidecar for a machine of {@code cores} cores. */
    static Path record(Path dir, int cores, String name, String... rows) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve(name + ".json");
        Files.writeString(json, "[" + String.join(",", rows) + "]");
        Files.writeString(dir.resolve(name + ".machine.json"), new Machine(cores, "Test CPU", "TestOS", "JDK 21",
                1L << 30, "2026-01-01T00:00:00Z").toJson());
        return json;
    }

    @Test
    void eachItemShowsTheTimelinesRecordedOnItsMachineAndHowToRecordThem(@TempDir Path root) throws IOException {
        String work = "workbench.item98.Item98Benchmark.work";
        record(root.resolve("4cpu-test"), "item98", strategyRow(work, "SEQUENTIAL", "4", 100));
        record(root.resolve("4cpu-test"), "item99", strategyRow(work.replace("98", "99"), "SEQUENTIAL", "4", 100));
        Path timelines = Files.createDirectories(root.resolve("4cpu-test").resolve(TimelinePictures.FOLDER));
        for (String name : List.of("timeline-99-threads.png", "timeline-99-gil.png", "timeline-99-gil.json",
                "timeline-9-x.png")) {
            Files.writeString(timelines.resolve(name), "");
        }
        Report.writeAll(root);
        String md = Files.readString(root.resolve("4cpu-test").resolve(Report.REPORT_FILE));
        String item98 = md.substring(md.indexOf("## Item 98"), md.indexOf("## Item 99"));
        String item99 = md.substring(md.indexOf("## Item 99"));
        assertTrue(item98.contains("`java -jar target/workbench.jar timeline 98`"), item98);
        assertFalse(item98.contains("]("), "no picture committed for Item 98: " + item98);
        assertTrue(item99.contains("`java -jar target/workbench.jar timeline 99`"), item99);
        assertTrue(item99.indexOf("](timelines/timeline-99-gil.png)")
                < item99.indexOf("](timelines/timeline-99-threads.png)"), "both pictures, in name order: " + item99);
        assertEquals(2, item99.split("\\]\\(timelines/", -1).length - 1, "the PNGs of Item 99 only: " + item99);
    }

    @Test
    void aCatalogueItemsTimelinesFollowItsDeclarationStackedPictureFirstThenEachWaysLinks(@TempDir Path root)
            throws IOException {
        Path dir = root.resolve("4cpu-test");
        record(dir, "item64", strategyRow("workbench.item64.Item64Benchmark.gcd", "SEQUENTIAL", "1", 100));
        Path timelines = Files.createDirectories(dir.resolve(TimelinePictures.FOLDER));
        for (String name : List.of("timeline-64.png", "timeline-64-gcd-threads.png", "timeline-64-gcd-threads.json",
                "timeline-64-gcd-processes.png", "timeline-64-serial.png")) {
            Files.writeString(timelines.resolve(name), "");
        }
        Report.writeAll(root);
        String md = Files.readString(dir.resolve(Report.REPORT_FILE));
        String item64 = md.substring(md.indexOf("## Item 64"));
        int stacked = item64.indexOf("![timeline-64.png](timelines/timeline-64.png)");
        int threads = item64.indexOf("[threads](timelines/timeline-64-gcd-threads.png) ([trace](timelines/"
                + "timeline-64-gcd-threads.json))");
        int processes = item64.indexOf("[processes](timelines/timeline-64-gcd-processes.png)");
        int older = item64.indexOf("![timeline-64-serial.png](timelines/timeline-64-serial.png)");
        assertTrue(stacked >= 0 && threads > stacked && processes > stacked && older > Math.max(threads, processes),
                "the stacked picture, the ways' links, then a picture the declaration does not name: " + item64);
        assertFalse(item64.contains("![timeline-64-gcd-threads.png]"), "a way's own picture is a link: " + item64);
    }

    @Test
    void speedupIsAgainstTheSequentialRowOfTheSameParameters() throws IOException {
        String b = "workbench.item99.Item99Benchmark.work";
        Path dir = Files.createTempDirectory("report");
        Path json = record(dir, "item99",
                row(b, "avgt", "\"strategy\": \"SEQUENTIAL\", \"workers\": \"4\", \"size\": \"10\"", 100, "\"NaN\""),
                row(b, "avgt", "\"strategy\": \"THREADS\", \"workers\": \"4\", \"size\": \"10\"", 25, "1.5"),
                row(b, "avgt", "\"strategy\": \"SEQUENTIAL\", \"workers\": \"8\", \"size\": \"10\"", 100, "2"),
                row(b, "avgt", "\"strategy\": \"THREADS\", \"workers\": \"8\", \"size\": \"10\"", 50, "2"),
                row(b, "avgt", "\"strategy\": \"THREADS\", \"workers\": \"8\", \"size\": \"99\"", 50, "2"));
        List<Speedups.Row> rows = Speedups.rows(JmhResult.read(json), 4);
        assertEquals(1.0, rows.get(0).speedup(), 1e-9);
        assertTrue(Double.isNaN(rows.get(0).result().error()), "JMH's \"NaN\" string reads as NaN");
        assertEquals(4.0, rows.get(1).speedup(), 1e-9);
        assertEquals(4.0, rows.get(1).ideal(), 1e-9, "min(cores 4, workers 4)");
        assertEquals(1.0, rows.get(1).ofIdeal(), 1e-9);
        assertEquals(2.0, rows.get(3).speedup(), 1e-9);
        assertEquals(4.0, rows.get(3).ideal(), 1e-9, "min(cores 4, workers 8)");
        assertTrue(Double.isNaN(rows.get(4).speedup()), "no sequential row with size 99: no speedup invented");
    }

    @Test
    void aBaselineRecordedWithAnotherItemIsFound(@TempDir Path root) throws IOException {
        // Items 57-59 compare their generation with Item 56's sequential one, recorded in item56.json.
        Path dir = root.resolve("2cpu-test");
        record(dir, "item56", row("workbench.item56.Item56Benchmark.generation", "avgt",
                "\"strategy\": \"sequential\", \"size\": \"5x9\", \"ioMillis\": \"10\"", 460, "1"));
        record(dir, "item59", row("workbench.item59.Item59Benchmark.generation", "avgt",
                "\"strategy\": \"threadPool\", \"size\": \"5x9\", \"ioMillis\": \"10\"", 46, "1"));
        ResultsFolder.ItemResults item59 = ResultsFolder.read(dir).get(1);
        assertEquals(59, item59.item());
        assertEquals(10.0, item59.rows().get(0).speedup(), 1e-9);
        // Item 60's task per cell has no worker count; Item 56's sequential row carries one (it shares a @State
        // with the process pool's rows): sequential work does not depend on it, so it is still the baseline.
        record(dir, "item56", row("workbench.item56.Item56Benchmark.generation", "avgt",
                "\"strategy\": \"sequential\", \"workers\": \"2\", \"size\": \"5x9\", \"ioMillis\": \"10\"", 460, "1"));
        record(dir, "item60", row("workbench.item60.Item60Benchmark.generation", "avgt",
                "\"strategy\": \"virtualThreads\", \"size\": \"5x9\", \"ioMillis\": \"10\"", 11.5, "1"),
                row("workbench.item60.Item60Benchmark.generation", "avgt",
                "\"strategy\": \"virtualThreads\", \"workers\": \"4\", \"size\": \"5x9\", \"ioMillis\": \"10\"",
                5, "1"));
        List<ResultsFolder.ItemResults> items = ResultsFolder.read(dir);
        ResultsFolder.ItemResults item60 = items.get(items.size() - 1);
        assertEquals(60, item60.item());
        assertEquals(40.0, item60.rows().get(0).speedup(), 1e-9);
        assertTrue(Double.isNaN(item60.rows().get(1).speedup()), "a row with its own worker count needs its own");
    }

    @Test
    void throughputSpeedupIsTheRatioTheOtherWayRound() throws IOException {
        String b = "workbench.item99.Item99Benchmark.ops";
        Path json = record(Files.createTempDirectory("report"), "item99",
                row(b, "thrpt", "\"strategy\": \"sequential\", \"threads\": \"2\"", 10, "1"),
                row(b, "thrpt", "\"strategy\": \"adder\", \"threads\": \"2\"", 30, "1"));
        List<Speedups.Row> rows = Speedups.rows(JmhResult.read(json), 2);
        assertEquals(3.0, rows.get(1).speedup(), 1e-9);
    }

    @Test
    void aBenchmarkMayDeclareItsOwnIdealBound() {
        // Item 52's sleeping children need no core: 16 of them can all overlap on 2 cores.
        JmhResult parallel = new JmhResult("workbench.item52.Item52Benchmark.fanOut", "avgt", 1,
                Map.of("strategy", "PARALLEL", "children", "16"), 250, 1, "ms/op");
        assertEquals(16.0, Speedups.ideal(parallel, 2), 1e-9);
        // The Game of Life with simulated I/O: waits need no core, a pool of 10 can wait on 10 cells at once.
        JmhResult pool = new JmhResult("workbench.item59.Item59Benchmark.generation", "avgt", 1,
                Map.of("strategy", "threadPool", "workers", "10", "size", "20x20", "ioMillis", "1"), 47, 1, "ms/op");
        assertEquals(10.0, Speedups.ideal(pool, 2), 1e-9);
        JmhResult cpu = new JmhResult("workbench.item59.Item59Benchmark.generation", "avgt", 1,
                Map.of("strategy", "threadPool", "workers", "10", "size", "20x20", "ioMillis", "0"), 1, 1, "ms/op");
        assertEquals(2.0, Speedups.ideal(cpu, 2), 1e-9);
    }

    @Test
    void reportAndChartsAreWrittenFromTheJson(@TempDir Path root) throws IOException {
        String b = "workbench.item99.Item99Benchmark.work";
        Path dir = root.resolve("4cpu-test");
        record(dir, "item99",
                strategyRow(b, "SEQUENTIAL", "1", 100),
                strategyRow(b, "THREADS", "1", 100),
                strategyRow(b, "SEQUENTIAL", "4", 100),
                strategyRow(b, "THREADS", "4", 30));
        List<Path> reports = Report.writeAll(root);
        assertEquals(List.of(dir.resolve("REPORT.md")), reports);
        String md = Files.readString(reports.get(0));
        assertTrue(md.contains("Machine: 4 cores, Test CPU"), md);
        assertTrue(md.contains("| work | THREADS | 4 | 30 | 1 | ms/op | 3.33x | 4.00x | 83% |"), md);
        assertTrue(md.contains("![item99-work.png](item99-work.png)"), md);
        assertTrue(Files.size(dir.resolve("item99-work.png")) > 1000, "a real PNG");
        String section = ReadmeResults.section(root);
        assertTrue(section.contains("| 4cpu-test | 4 | Test CPU | JDK 21 | 99 |"), section);
    }

    @Test
    void cpythonSpeedupsAreAgainstCPythonsOwnSequentialRow(@TempDir Path root) throws IOException {
        String b = "workbench.item64.Item64Benchmark.gcd";
        Path dir = root.resolve("2cpu-test");
        record(dir, "item64",
                strategyRow(b, "SEQUENTIAL", "1", 100),
                strategyRow(b, "THREADS", "2", 50));
        Report.writeAll(root);
        assertEquals(SideBySide.Pairing.NOT_MEASURED, table(dir, 64).pairing());

        Files.writeString(PythonResults.resultFile(dir, 64), """
                [{"item": 64, "benchmark": "gcd", "strategy": "SEQUENTIAL", "workers": 1, "seconds": 0.9,
                  "python": "3.11.7"},
                 {"item": 64, "benchmark": "gcd", "strategy": "PROCESSES", "workers": 2, "seconds": 0.6,
                  "python": "3.11.7"}]""");
        Report.writeAll(root);
        String md = Files.readString(dir.resolve("REPORT.md"));
        assertTrue(md.contains("| gcd | PROCESSES | 2 |  |  | 600 | ms/op | CPython only |  |  |  | 1.50x |  |"), md);

        // Item 52's shape: one sequential row per worker count, each the baseline of its own count.
        Files.writeString(PythonResults.resultFile(dir, 64), """
                [{"benchmark": "fanOut", "strategy": "SEQUENTIAL", "workers": 1, "seconds": 0.1},
                 {"benchmark": "fanOut", "strategy": "SEQUENTIAL", "workers": 4, "seconds": 0.4},
                 {"benchmark": "fanOut", "strategy": "PARALLEL", "workers": 4, "seconds": 0.1}]""");
        Report.writeAll(root);
        md = Files.readString(dir.resolve("REPORT.md"));
        assertTrue(md.contains("| fanOut | PARALLEL | 4 |  |  | 0.1 | s/op | CPython only |  |  |  | 4.00x |  |"), md);

        // Item 57's CPython script measures a thread per cell only: its baseline is Item 56's sequential row.
        record(dir, "item57", row("workbench.item57.Item57Benchmark.generation", "avgt",
                "\"strategy\": \"threadPerCell\", \"size\": \"5x9\", \"ioMillis\": \"10\"", 18, "1"));
        Files.writeString(PythonResults.resultFile(dir, 56), """
                [{"benchmark": "generation", "strategy": "sequential", "workers": 1, "size": "5x9", "ioMillis": 10,
                  "seconds": 0.46}]""");
        Files.writeString(PythonResults.resultFile(dir, 57), """
                [{"benchmark": "generation", "strategy": "threadPerCell", "workers": 1, "size": "5x9",
                  "ioMillis": 10, "seconds": 0.02}]""");
        SideBySide.Line line = table(dir, 57).lines().get(0);
        assertEquals(23.0, line.pythonSpeedup(), 1e-9);
        assertEquals(20.0, line.pythonScore(), 1e-9, "0.02 s in Java's ms/op");
    }

    @Test
    void cpythonRowsWithStageWorkersAndResultFiguresLineUp(@TempDir Path root) throws IOException {
        // Item 55's workers are per stage ("3/4/5"), as its Java @Param writes them; one sequential row per latency.
        String b = "workbench.item55.Item55Benchmark.pipeline";
        Path dir = root.resolve("2cpu-test");
        record(dir, "item55", row(b, "avgt", "\"strategy\": \"SEQUENTIAL\", \"workers\": \"1/1/1\", "
                + "\"latencyMillis\": \"1\"", 3000, "1"));
        Files.writeString(PythonResults.resultFile(dir, 55), """
                [{"benchmark": "pipeline", "strategy": "SEQUENTIAL", "workers": "1/1/1", "seconds": 3.2,
                  "latencyMillis": 1, "min": 3.1, "count": 3},
                 {"benchmark": "pipeline", "strategy": "THREADS", "workers": "3/4/5", "seconds": 0.4,
                  "latencyMillis": 1, "min": 0.39, "count": 3},
                 {"benchmark": "pipeline", "strategy": "THREADS", "workers": "3/4/5", "seconds": 0.1,
                  "latencyMillis": 0},
                 {"benchmark": "idle", "strategy": "POLLING", "workers": 3, "seconds": 0.1, "workerCpuMicros": 1817},
                 {"benchmark": "heartbeat", "strategy": "ON_LOOP", "workers": 1, "seconds": 0.0064,
                  "p90": 0.006454651000240119, "p99": 0.006736716999512282, "writeMillis": 5},
                 {"benchmark": "convoy", "strategy": "BESIDE_CPU", "workers": 1, "seconds": 1.52,
                  "switchInterval": 0.005, "medianRoundTrip": 5.04749959873152e-06, "date": "2026-12-03T04:48:33Z",
                  "loadAverage": 0.31}]""");
        Report.writeAll(root);
        String md = Files.readString(dir.resolve("REPORT.md"));
        // Columns: latencyMillis, strategy, workers, writeMillis (the switch interval is a fact of the convoy's strategy); then both sides' figures.
        assertTrue(md.contains("| pipeline | 1 | SEQUENTIAL | 1/1/1 |  | 3000 | 1 | 3200 | ms/op |  | 1.00x | 1.00x |"
                + " 100% | 1.00x |  |"), md);
        assertTrue(md.contains("| pipeline | 1 | THREADS | 3/4/5 |  |  |  | 400 | ms/op | CPython only |  |  |  |"
                + " 8.00x |  |"), md);
        assertTrue(md.contains("| pipeline | 0 | THREADS | 3/4/5 |  |  |  | 100 | ms/op | CPython only |  |  |  |  |"
                + "  |"), "no sequential row without latency: no speedup invented\n" + md);
        assertTrue(md.contains("| idle |  | POLLING | 3 |  |  |  | 0.1 | s/op | CPython only |  |  |  |  |"
                + " worker CPU per op: 1817 µs |"), md);
        assertTrue(md.contains("| heartbeat |  | ON_LOOP | 1 | 5 |  |  | 0.0064 | s/op | CPython only |  |  |  |  |"
                + " p90 0.00645 s; p99 0.00674 s |"), md);
        assertTrue(md.contains("| convoy |  | BESIDE_CPU | 1 |  |  |  | 1.52 | s/op | CPython only |  |  |  |  |"
                + " median round trip 0.00000505 s; switch interval 0.005 s |"),
                "a row's date and load average are provenance, not workload parameters\n" + md);
    }

    private static SideBySide.Table table(Path dir, int item) throws IOException {
        return SideBySide.of(dir, ResultsFolder.read(dir).stream().filter(i -> i.item() == item).findFirst().orElseThrow());
    }

    @Test
    void everyBenchmarkedItemHasACPythonScript() {
        // Every item's workload has a CPython counterpart; a script's docstring says which strategies it leaves out.
        for (workbench.Catalog.Item item : workbench.Catalog.items()) {
            if (item.benchmarkClass().isPresent()) {
                Path script = CPython.SCRIPTS.resolve("item" + item.number() + ".py");
                assertTrue(Files.isRegularFile(script), "Item " + item.number() + " has a benchmark but no " + script);
            }
        }
    }

    @Test
    void cpythonScriptsAreValidPython() throws Exception {
        Assumptions.assumeTrue(python3Available(), "python3 is not installed here");
        try (var scripts = Files.list(CPython.SCRIPTS)) {
            for (Path script : scripts.filter(p -> p.toString().endsWith(".py")).toList()) {
                Child.run(new ProcessBuilder("python3", "-m", "py_compile", script.toString()),
                        null, Duration.ofSeconds(30));
            }
        }
    }

    private static boolean python3Available() {
        try {
            return Child.run(new ProcessBuilder("python3", "--version"), null,
                    Duration.ofSeconds(10)).exitCode() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aMalformedResultFileIsAClearError(@TempDir Path root) throws IOException {
        Path json = root.resolve("item99.json");
        Files.writeString(json, "{\"not\": \"jmh\"}");
        IOException e = assertThrows(IOException.class, () -> JmhResult.read(json));
        assertTrue(e.getMessage().contains("item99.json"), e.getMessage());
    }
}
