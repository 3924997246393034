package workbench.item60;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import workbench.life.GliderBlock;
import workbench.testing.DemoRun;
import workbench.results.PythonResults;

class Item60Test {

    @Test
    @Timeout(60)
    void demoPrintsTheGliderBlockPerStyleTheExceptionsAndTheFanOut() throws Throwable {
        DemoRun.Captured run = GliderBlock.runDemo(new Item60(), 6);
        assertEquals(3, run.count("ERROR:root:Expected\njava.io.UncheckedIOException: java.io.IOException:"
                + " Problem with I/O\nCaused by: java.io.IOException: Problem with I/O\n"), run.text());
        List<Object> generations = run.facts("generation-threw");
        assertEquals(3, generations.size(), "one failing generation per style");
        for (Object thrown : generations) {
            UncheckedIOException e = assertInstanceOf(UncheckedIOException.class, thrown, "unwrapped, as await raises");
            assertEquals("Problem with I/O", e.getCause().getMessage());
        }
        for (FanOut.Strategy strategy : List.of(FanOut.Strategy.VIRTUAL_THREADS,
                FanOut.Strategy.COMPLETABLE_FUTURES, FanOut.Strategy.EVENT_LOOP, FanOut.Strategy.PROCESS_POOL)) {
            assertEquals(List.of(Item60.TASKS), run.facts("finished:" + strategy), strategy.name());
        }
        assertEquals(List.of(FanOut.PLATFORM_CAP), run.facts("finished:" + FanOut.Strategy.PLATFORM_THREADS));
        assertEquals(List.of(10_000), run.facts("finished:" + FanOut.Strategy.FIXED_POOL));
        assertEquals(List.of(true, true, true, true), run.facts("fetched-correctly"));
        assertEquals(List.of(true), run.facts("loop-per-generation-same-block"));
        assertEquals(List.of(20_000, 1_000), run.facts("parked"), "virtual, then platform threads parked and measured");
    }

    /** CPython's figure at scale comes from a recorded result, with the machine it was recorded on, or nowhere. */
    @Test
    void theCPythonFigureAtScaleIsReadFromTheRecordedResultsWithProvenance(@TempDir Path results) throws Exception {
        assertTrue(Item60.cpythonAtScale(results).isEmpty(), "nothing recorded: nothing to quote");
        Path machine = Files.createDirectories(results.resolve("some-machine"));
        Files.writeString(machine.resolve("python-item60.machine.json"), "{\"date\": \"2026-01-02T03:04:05Z\"}");
        Files.writeString(machine.resolve("python-item60.json"), """
                [{"item": 60, "benchmark": "generation", "strategy": "coroutines", "seconds": 0.5},
                 {"item": 60, "benchmark": "fanOut", "strategy": "coroutines", "seconds": 1.25,
                  "tasks": 100000, "latencyMillis": 10, "python": "3.11.7"}]
                """);
        PythonResults.Recorded recorded = Item60.cpythonAtScale(results).orElseThrow();
        assertEquals(1.25, recorded.row().seconds());
        assertEquals("some-machine", recorded.machine());
        assertEquals("2026-01-02T03:04:05Z", recorded.date());
    }
}
