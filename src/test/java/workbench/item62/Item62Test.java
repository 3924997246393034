package workbench.item62;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import workbench.tail.LogHarness;
import workbench.tail.Workload;
import workbench.testing.DemoRun;
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
        DemoRun.Captured run = DemoRun.run(new Item62(Workload.SMALL));
        for (String example : new String[] {"1-5", "6-7", "8-10", "11-12"}) {
            run.assertPrinted("--- Example " + example + ":");
        }
        for (Migration step : Migration.values()) {
            assertEquals(List.of(new LogHarness.Merged(3, 15)), run.facts("merged:" + step), step.name());
        }
    }
}
