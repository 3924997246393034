package workbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static workbench.bench.ReportTest.strategyRow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import workbench.results.PythonResults;

/** The report marks a row that shared the machine, says how much other processes took, and reads old files. */
class OtherProcessesNoteTest {

    private static final String GCD = "workbench.item64.Item64Benchmark.gcd";

    private static Path record(Path root) throws IOException {
        Path dir = root.resolve("2cpu-test");
        ReportTest.record(dir, 2, "item64",
                strategyRow(GCD, "SEQUENTIAL", "1", 100),
                strategyRow(GCD, "THREADS", "2", 50));
        return dir;
    }

    /** A sidecar as {@link RowWatch} writes it, with {@code busy} for THREADS and 0.4 % for SEQUENTIAL. */
    private static void watched(Path dir, double busy) throws IOException {
        Files.writeString(dir.resolve("item64.machine.json"), new Machine(2, "Test CPU", "TestOS", "JDK 21", 1L << 30,
                "2026-01-01T00:00:00Z").toJson(Map.of("run", "run-1", RowWatch.KEY, Map.of(
                "thresholdPercentOfCore", OtherProcesses.THRESHOLD_PERCENT_OF_CORE,
                "rows", List.of(
                        new RowWatch.Share(GCD, "avgt", Map.of("strategy", "SEQUENTIAL", "workers", "1"), 0.4).asMap(),
                        new RowWatch.Share(GCD, "avgt", Map.of("strategy", "THREADS", "workers", "2"), busy)
                                .asMap())))));
    }

    private static String report(Path root) throws IOException {
        Report.writeAll(root);
        String md = Files.readString(root.resolve("2cpu-test").resolve(Report.REPORT_FILE));
        return md.substring(md.indexOf("## Item 64"));
    }

    @Test
    void aRowAboveTheThresholdIsMarkedAndTheLineSaysHowMuch(@TempDir Path root) throws IOException {
        watched(record(root), 12.34);
        String md = report(root);
        assertTrue(md.contains("| gcd " + OtherProcessesNote.MARK + " | THREADS | 2 |"), md);
        assertTrue(md.contains("| gcd | SEQUENTIAL | 1 |"), md);
        assertTrue(md.contains("gcd strategy=THREADS workers=2 (Java): 12.3 % of a core"), md);
        assertEquals(2, md.split(OtherProcessesNote.MARK, -1).length - 1, "the row and its footnote: " + md);
    }

    @Test
    void aQuietRecordingMarksNothingAndSaysTheMostItSaw(@TempDir Path root) throws IOException {
        watched(record(root), 2.0);
        String md = report(root);
        assertFalse(md.contains(OtherProcessesNote.MARK), md);
        assertTrue(md.contains("CPU time less this benchmark's own JVMs and CPython's): at most 2.0 % of a core, under the"
                + " threshold of 5.0 % of a core."), md);
    }

    @Test
    void cpythonsRowsCarryTheirOwnFigureAndAreMarkedToo(@TempDir Path root) throws IOException {
        Path dir = record(root);
        watched(dir, 1.0);
        Files.writeString(PythonResults.resultFile(dir, 64), """
                [{"benchmark": "gcd", "strategy": "SEQUENTIAL", "workers": 1, "seconds": 0.9, "otherProcesses": 0.2},
                 {"benchmark": "gcd", "strategy": "THREADS", "workers": 2, "seconds": 1.0, "otherProcesses": 40.0}]""");
        String md = report(root);
        assertTrue(md.contains("| gcd " + OtherProcessesNote.MARK + " | THREADS | 2 |"), md);
        assertTrue(md.contains("(CPython): 40.0 % of a core"), md);
        assertTrue(md.contains("Java's rows at most 1.0 % of a core, under the threshold of 5.0 % of a core; CPython's"
                + " rows at most 40.0 % of a core."), md);
        // The figure is about the run, not the workload: the rows still pair with Java's and share a baseline.
        assertTrue(md.contains("| gcd | SEQUENTIAL | 1 | 100 | 1 | 900 |"), md);
    }

    @Test
    void aFileRecordedBeforeRowsWereWatchedSaysNotMeasured(@TempDir Path root) throws IOException {
        record(root);
        String md = report(root);
        assertFalse(md.contains(OtherProcessesNote.MARK), md);
        assertTrue(md.contains("): " + OtherProcesses.NOT_MEASURED + " (recorded before `bench` measured it)."), md);
    }

    @Test
    void noProcSaysNotMeasuredWithTheReason(@TempDir Path root) throws IOException {
        Path dir = record(root);
        Files.writeString(dir.resolve("item64.machine.json"), new Machine(2, "Test CPU", "TestOS", "JDK 21", 1L << 30,
                "2026-01-01T00:00:00Z").toJson(new RowWatch(null).sidecarEntry()));
        String md = report(root);
        assertTrue(md.contains("): " + OtherProcesses.NOT_MEASURED + " (no /proc/stat on this machine)."), md);
    }
}
