package workbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The accounting on fixed {@code /proc} texts: what the machine did, less what the benchmark's own tree did. */
class OtherProcessesTest {

    /** Two cores; user nice system idle iowait irq softirq steal guest guest_nice. */
    private static final String BEFORE = """
            cpu  1000 50 300 8000 100 0 50 20 400 0
            cpu0 500 25 150 4000 50 0 25 10 200 0
            cpu1 500 25 150 4000 50 0 25 10 200 0
            intr 601472 0 0
            ctxt 123
            """;

    /**
     * 10 s later at 100 ticks a second: 2,000 ticks over two cores. Busy grew by 1,150 (user 1,000, system 150);
     * idle 700, iowait 80, softirq 50 (interrupts are no process's) and steal 20 are not busy; guest 300 is inside
     * user already.
     */
    private static final String AFTER = """
            cpu  2000 50 450 8700 180 0 100 40 700 0
            cpu0 1000 25 225 4350 90 0 50 20 350 0
            cpu1 1000 25 225 4350 90 0 50 20 350 0
            intr 602000 0 0
            """;

    @Test
    void otherProcessesAreTheMachinesBusyTicksLessTheTreesOverTheTicksOfOneCore() {
        OtherProcesses.Sample before = OtherProcesses.sample(BEFORE, 5000);
        OtherProcesses.Sample after = OtherProcesses.sample(AFTER, 5000 + 1050);
        assertEquals(1350, before.machineBusy());
        assertEquals(4760, before.ticksPerCore());
        assertEquals(2500, after.machineBusy());
        // The tree used 1,050 of the 1,150 busy ticks: the other 100 over 1,000 ticks of one core are 10 %.
        assertEquals(10.0, OtherProcesses.percentOfCore(before, after), 1e-9);
        assertTrue(OtherProcesses.busy(10.0));
    }

    @Test
    void aQuietMachineIsUnderTheThresholdAndTheTreeRunningAheadIsZeroNotNegative() {
        OtherProcesses.Sample before = OtherProcesses.sample(BEFORE, 0);
        assertEquals(1.0, OtherProcesses.percentOfCore(before, OtherProcesses.sample(AFTER, 1140)), 1e-9);
        assertFalse(OtherProcesses.busy(1.0));
        assertEquals(0.0, OtherProcesses.percentOfCore(before, OtherProcesses.sample(AFTER, 1180)));
    }

    /**
     * Stretches a few ticks long share the figure of a window at least a second long: /proc/stat charges whole
     * ticks, so a 10-tick stretch could read 10 % of a core from one tick charged to the wrong side.
     */
    @Test
    void shortStretchesShareTheFigureOfAWindowLongEnoughToTell() {
        List<OtherProcesses.Sample> boundaries = List.of(
                new OtherProcesses.Sample(0, 0, 0),
                new OtherProcesses.Sample(10, 10, 0), // alone this 10-tick stretch would read 100 %
                new OtherProcesses.Sample(20, 20, 10),
                new OtherProcesses.Sample(100, 150, 85), // the first window, 150 ticks: 15 other, 10 %
                new OtherProcesses.Sample(110, 160, 95),
                new OtherProcesses.Sample(290, 300, 275),
                new OtherProcesses.Sample(300, 310, 285)); // 10 ticks left over: joins the window before, 0 %
        List<Double> figures = OtherProcesses.perStretch(boundaries);
        assertEquals(6, figures.size());
        assertEquals(List.of(10.0, 10.0, 10.0), figures.subList(0, 3));
        assertEquals(List.of(0.0, 0.0, 0.0), figures.subList(3, 6));
        assertEquals(List.of(), OtherProcesses.perStretch(boundaries.subList(0, 1)), "no stretch, no figure");
        assertEquals(List.of(100.0), OtherProcesses.perStretch(boundaries.subList(0, 2)),
                "a script shorter than a second has only its own stretch to go by");
    }

    @Test
    void noTimePassedIsNotAFigure() {
        OtherProcesses.Sample same = OtherProcesses.sample(BEFORE, 0);
        assertTrue(Double.isNaN(OtherProcesses.percentOfCore(same, same)));
        assertEquals(OtherProcesses.NOT_MEASURED, OtherProcesses.describe(Double.NaN));
        assertEquals("12.3 % of a core", OtherProcesses.describe(12.34));
    }

    @Test
    void anOlderKernelsShorterCpuLineCountsWhatItHas() {
        // Four fields (user nice system idle) on one core: 100 busy of 200 ticks.
        OtherProcesses.Sample before = OtherProcesses.sample("cpu  10 0 10 80\ncpu0 10 0 10 80\n", 0);
        OtherProcesses.Sample after = OtherProcesses.sample("cpu  100 0 20 180\ncpu0 100 0 20 180\n", 50);
        assertEquals(25.0, OtherProcesses.percentOfCore(before, after), 1e-9);
    }

    @Test
    void aProcessStatCountsItsOwnAndItsReapedChildrensTicksWhateverItsName() {
        // utime 120, stime 30, cutime 400, cstime 50 (fields 14-17); the name holds spaces and a ')'.
        String stat = "4242 (java (fork) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 120 30 400 50 20 0 1 0 74881"
                + " 3133440 403 18446744073709551615 0";
        assertEquals(600, OtherProcesses.processTicks(stat));
        assertThrows(IllegalArgumentException.class, () -> OtherProcesses.processTicks("1 (x) S 1 2 3"));
        assertThrows(IllegalArgumentException.class, () -> OtherProcesses.sample("intr 1 2\n", 0));
    }

    @Test
    void thisMachinesReadingIsEitherAFigureOrNotMeasured() {
        // Where /proc is absent the reading is empty ("not measured"), never an exception.
        var sample = OtherProcesses.sample();
        assertEquals(Files.isReadable(Path.of("/proc/stat")), sample.isPresent());
        sample.ifPresent(s -> assertTrue(s.own() > 0 && s.ticksPerCore() > 0, s.toString()));
    }
}
