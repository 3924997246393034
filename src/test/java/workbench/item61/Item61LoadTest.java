package workbench.item61;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import workbench.bench.LoadOptions;
import workbench.testing.NoLeaks;

/** The load harness: a server in a process of its own, driven and measured, and nothing left running after. */
@Timeout(120)
class Item61LoadTest {

    private static final LoadPlan TINY = new LoadPlan(List.of(), List.of(4), Duration.ofMillis(50),
            Duration.ofMillis(100));

    private static boolean python3() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @ParameterizedTest
    @EnumSource(value = LoadTarget.class, names = {"EVENT_LOOP", "CPYTHON_THREADS"})
    void aPointMeasuresTheServerProcessAndLeavesNothing(LoadTarget target) throws Throwable {
        assumeTrue(target.runtime.equals("Java") || python3(), "python3 is not installed");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, UTF_8);
        NoLeaks.check(() -> {
            Map<String, Object> row = LoadPoint.sessions(target, 4, TINY, quiet);
            assertEquals(0L, row.get("errors"), row::toString);
            assertTrue((Integer) row.get("sessions") >= 3 * 4, row::toString);
            assertTrue((Double) row.get("peakRssMiB") > 1, row::toString);
            assertTrue((Integer) row.get("peakThreads") >= 1, row::toString);
            assertTrue((Double) row.get("generatorBusy") > 0, row::toString);
            Map<String, Object> accept = LoadPoint.connectAndClose(target, quiet);
            assertEquals(0L, accept.get("errors"), accept::toString);
            assertTrue((Double) accept.get("connectMicros") > 0);
        });
    }

    @Test
    void theOptionsChooseThePoints() {
        Path results = Path.of("results");
        LoadPlan everything = LoadPlan.of(LoadOptions.everything(results));
        assertEquals(List.of(LoadTarget.values()), everything.targets());
        assertEquals(LoadPlan.CLIENTS, everything.clients());
        LoadPlan quick = LoadPlan.of(new LoadOptions(List.of("EVENT_LOOP", "cpython_asyncio"), List.of(), true,
                results));
        assertEquals(List.of(LoadTarget.EVENT_LOOP, LoadTarget.CPYTHON_ASYNCIO), quick.targets());
        assertEquals(LoadPlan.QUICK_CLIENTS, quick.clients());
        assertTrue(quick.measure().compareTo(everything.measure()) < 0, "a quick look measures for less time");
        assertEquals(List.of(1_000), LoadPlan.of(new LoadOptions(List.of(), List.of(1_000), true, results)).clients(),
                "counts given win over the quick profile's");
        assertThrows(IllegalArgumentException.class,
                () -> LoadPlan.of(new LoadOptions(List.of("FIBERS"), List.of(), false, results)));
        assertThrows(IllegalArgumentException.class, () -> new LoadOptions(List.of(), List.of(0), false, results));
    }

    @Test
    void theHarnessNamesTheStylesItDrives() {
        assertEquals(61, new Item61Load().item());
        assertEquals(Stream.of(LoadTarget.values()).map(Enum::name).toList(), new Item61Load().styles());
    }
}
