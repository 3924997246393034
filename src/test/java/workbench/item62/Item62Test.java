package workbench.item62;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import workbench.demo.Narrator;
import workbench.tail.LogHarness;
import workbench.tail.Workload;
import workbench.testing.NoLeaks;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Item62Test {

    @ParameterizedTest
    @EnumSource(Migration.class)
    void everyMigrationStepPassesConfirmMerge(Migration step) throws Throwable {
        NoLeaks.check(() -> {
            for (int run = 0; run < 3; run++) {
                try (LogHarness harness = LogHarness.setup(Workload.SMALL)) {
                    assertEquals(new LogHarness.Merged(3, 15), harness.run(step));
                }
            }
        });
    }

    /** Writers that finish at once: the readers are signalled with every line still unread, and must drain it. */
    @ParameterizedTest
    @EnumSource(Migration.class)
    void aReaderSignalledEarlyStillDrainsEveryLine(Migration step) throws Throwable {
        Workload burst = new Workload(3, 100, Duration.ZERO, Duration.ofMillis(20));
        NoLeaks.check(() -> {
            try (LogHarness harness = LogHarness.setup(burst)) {
                assertEquals(new LogHarness.Merged(3, 300), harness.run(step));
            }
        });
    }

    @Test
    void theDemoMergesFourTimesAndLeavesNothingBehind() throws Throwable {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NoLeaks.check(() -> new Item62(Workload.SMALL).run(new Narrator(new PrintStream(bytes, true, UTF_8))));
        String output = bytes.toString(UTF_8);
        for (String example : new String[] {"1-5", "6-7", "8-10", "11-12"}) {
            assertTrue(output.contains("--- Example " + example + ":"), output);
        }
        for (Migration step : Migration.values()) {
            assertTrue(output.contains("[Java] " + step + ": confirm_merge passed (15 lines from 3 files"), output);
        }
        assertTrue(output.contains("fixed 1 s"), output);
    }
}
