package workbench.item61;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import workbench.testing.NoLeaks;

/** The load harness: a server in a process of its own, driven and measured, and nothing left running after. */
@Timeout(120)
class Item61LoadTest {

    private static final Item61Load.Plan TINY = new Item61Load.Plan(List.of(), List.of(4), Duration.ofMillis(50),
            Duration.ofMillis(100));

    private static boolean python3() {
        try {
            return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @ParameterizedTest
    @EnumSource(value = Item61Load.Target.class, names = {"EVENT_LOOP", "CPYTHON_THREADS"})
    void aPointMeasuresTheServerProcessAndLeavesNothing(Item61Load.Target target) throws Throwable {
        assumeTrue(target.runtime.equals("Java") || python3(), "python3 is not installed");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, UTF_8);
        NoLeaks.check(() -> {
            Map<String, Object> row = Item61Load.point(target, 4, TINY, quiet);
            assertEquals(0L, row.get("errors"), row::toString);
            assertTrue((Integer) row.get("sessions") >= 3 * 4, row::toString);
            assertTrue((Double) row.get("peakRssMiB") > 1, row::toString);
            assertTrue((Integer) row.get("peakThreads") >= 1, row::toString);
            assertTrue((Double) row.get("generatorBusy") > 0, row::toString);
            Map<String, Object> accept = Item61Load.connectAndClose(target, quiet);
            assertEquals(0L, accept.get("errors"), accept::toString);
            assertTrue((Double) accept.get("connectMicros") > 0);
        });
    }

    @Test
    void badOptionsAreAUsageError() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, UTF_8);
        assertEquals(2, Item61Load.run(List.of("--styles", "FIBERS"), quiet, new PrintStream(err, true, UTF_8)));
        assertTrue(err.toString(UTF_8).contains("'FIBERS'"), err.toString(UTF_8));
        assertEquals(2, Item61Load.run(List.of("--clients", "0"), quiet, new PrintStream(err, true, UTF_8)));
        assertEquals(2, Item61Load.run(List.of("--clients"), quiet, new PrintStream(err, true, UTF_8)));
    }
}
