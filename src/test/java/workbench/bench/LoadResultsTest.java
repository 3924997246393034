package workbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadResultsTest {

    private static String row(String style, String runtime, int clients, double rate, double rss) {
        return "{\"item\":61,\"benchmark\":\"sessions\",\"style\":\"" + style + "\",\"runtime\":\"" + runtime
                + "\",\"clients\":" + clients + ",\"sessions\":100,\"sessionsPerSecond\":" + rate
                + ",\"medianMs\":0.5,\"p99Ms\":2.25,\"serverCpuMicrosPerSession\":40,"
                + "\"generatorCpuMicrosPerSession\":12.5,\"generatorBusy\":0.25,\"errors\":0,"
                + "\"peakThreads\":21,\"peakRssMiB\":" + rss + "}";
    }

    /** A row whose run could not serve its clients: no figures, only the error count and the first error. */
    private static String failedRow(String style, String runtime, int clients, String error) {
        return "{\"benchmark\":\"sessions\",\"style\":\"" + style + "\",\"runtime\":\"" + runtime
                + "\",\"clients\":" + clients + ",\"errors\":1,\"error\":\"" + error + "\"}";
    }

    @Test
    void everyStyleAndCountIsAReportRowAndAnErrorIsShownNotBlank(@TempDir Path dir) throws Exception {
        Files.writeString(LoadResults.file(dir, 61, false), "[" + String.join(",",
                row("EVENT_LOOP", "Java", 1, 9000, 90), row("EVENT_LOOP", "Java", 64, 12000, 95),
                row("CPYTHON_THREADS", "CPython", 1, 8000, 24), row("CPYTHON_THREADS", "CPython", 64, 7000, 25),
                failedRow("CPYTHON_THREADS", "CPython", 10000, "can't start new thread"),
                "{\"benchmark\":\"connectAndClose\",\"style\":\"EVENT_LOOP\",\"runtime\":\"Java\",\"clients\":1000,"
                        + "\"connectMicros\":80.25,\"errors\":0}") + "]");
        String md = LoadResults.markdown(dir, 61);
        assertTrue(md.contains("| EVENT_LOOP | Java | 64 | 12,000 | 0.5 | 2.25 | 95 | 21 | 40 | 12.5 | 25% | 0 |"), md);
        assertTrue(md.contains("| CPYTHON_THREADS | CPython | 10,000 |" + "  |".repeat(8)
                + " 1: can't start new thread |"), md);
        assertTrue(md.contains("| EVENT_LOOP | Java | 80.3 | 0 |"), md);
        assertTrue(Files.size(dir.resolve("item61-load-sessions.png")) > 0);
        assertTrue(Files.size(dir.resolve("item61-load-rss.png")) > 0);
        assertEquals("", LoadResults.markdown(dir, 62), "nothing recorded, nothing said");
    }

    @Test
    void aFolderWithOnlyALoadRecordingStillGetsItsReport(@TempDir Path dir) throws Exception {
        Files.writeString(LoadResults.file(dir, 61, false), "[" + row("EVENT_LOOP", "Java", 64, 12000, 95) + "]");

        String md = Files.readString(Report.write(dir));

        assertTrue(md.contains("## Item 61\n"), md);
        assertTrue(md.contains("| EVENT_LOOP | Java | 64 | 12,000 |"), md);
        assertEquals(List.of(dir), ResultsFolder.machineDirs(dir.getParent()).stream().filter(dir::equals).toList());
    }

    @Test
    void theReadmeLineComparesTheBestOfEachRuntimeAtTheLargestCountServed(@TempDir Path dir) throws Exception {
        Files.writeString(LoadResults.file(dir, 61, false), "[" + String.join(",",
                row("EVENT_LOOP", "Java", 64, 12000, 95), row("VIRTUAL_THREADS", "Java", 1000, 9000, 90),
                row("EVENT_LOOP", "Java", 1000, 10000, 95), row("CPYTHON_ASYNCIO", "CPython", 1000, 4000, 30),
                failedRow("CPYTHON_THREADS", "CPython", 10000, "can't start new thread")) + "]");

        String line = LoadResults.readmeLine(dir, 61);

        assertTrue(line.contains("at 1,000 clients the best Java server (EVENT_LOOP) served 10,000 sessions/s, the"
                + " best CPython server (CPYTHON_ASYNCIO) 4,000: 2.5x."), line);
    }
}
