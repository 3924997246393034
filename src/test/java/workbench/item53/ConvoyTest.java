package workbench.item53;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import workbench.gil.Gil;
import workbench.gil.GilStats;
import workbench.testing.NoLeaks;
import workbench.results.PythonResults;

/**
 * The convoy effect as a property of the GIL model: with a remote peer beside a CPU-bound thread every round trip
 * needs the CPU thread to be made to drop the GIL (a whole switch interval of waiting each time); the setups' local
 * echo races the CPU thread, so how many round trips wait depends on the load, and only the outcome is checked;
 * without a CPU thread nothing is ever forced. Counts, not timings: they hold at any load.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConvoyTest {

    /** Fewer than the demo's 200: each costs a switch interval or two beside the CPU thread. */
    static final int ROUND_TRIPS = 40;

    @ParameterizedTest
    @EnumSource(value = Convoy.Setup.class, names = {"BESIDE_CPU", "SWITCH_1MS", "SWITCH_100US"})
    void withARemotePeerEveryRoundTripWaitsForAForcedDrop(Convoy.Setup setup) throws Throwable {
        Convoy.Result result = NoLeaks.check(() -> Convoy.run(setup.newGil(), setup.cpuThread(), Convoy.Peer.REMOTE,
                ROUND_TRIPS, Thread.ofPlatform().factory()));
        GilStats gil = assertCompleted(result);
        // The CPU thread gives the GIL up only when asked, and is asked only after a waiter's whole switch interval.
        assertTrue(gil.forcedDrops() >= ROUND_TRIPS, "forced drops " + gil.forcedDrops() + " < round trips: " + gil);
        assertTrue(gil.dropRequests() >= gil.forcedDrops(), gil.toString());
    }

    /** The setups' local echo races the CPU thread: every round trip completes, however many of them wait. */
    @ParameterizedTest
    @EnumSource(value = Convoy.Setup.class, names = {"BESIDE_CPU", "SWITCH_1MS", "SWITCH_100US"})
    void withTheLocalEchoEveryRoundTripCompletesBesideTheCpuThread(Convoy.Setup setup) throws Throwable {
        GilStats gil = assertCompleted(NoLeaks.check(() -> setup.run(ROUND_TRIPS)));
        assertTrue(gil.dropRequests() >= gil.forcedDrops(), gil.toString());
    }

    /** The round trips all ran, the CPU thread ran beside them, every read and write released the GIL. */
    private static GilStats assertCompleted(Convoy.Result result) {
        GilStats gil = result.gil();
        assertEquals(ROUND_TRIPS, result.roundTripNanos().length);
        assertTrue(Arrays.stream(result.roundTripNanos()).allMatch(n -> n > 0), "every round trip was timed");
        assertTrue(result.cpuIterations() > 0, "the CPU-bound thread ran");
        assertEquals(4L * ROUND_TRIPS, gil.blockingReleases(), "each read and write released the GIL");
        return gil;
    }

    @Test
    void aloneTheIoThreadsAreNeverForcedToDrop() throws Throwable {
        Convoy.Result result = NoLeaks.check(() -> Convoy.Setup.ALONE.run(ROUND_TRIPS));
        assertEquals(0, result.gil().forcedDrops(), result.gil().toString());
        assertEquals(0, result.cpuIterations());
        assertEquals(4L * ROUND_TRIPS, result.gil().blockingReleases());
        assertEquals(ROUND_TRIPS, result.roundTripNanos().length);
    }

    @Test
    void withoutAGilThereIsNothingToWaitFor() throws Throwable {
        Convoy.Result result = NoLeaks.check(() -> Convoy.Setup.NO_GIL.run(ROUND_TRIPS));
        assertEquals(GilStats.NONE, result.gil());
        assertTrue(result.cpuIterations() > 0, "the CPU-bound thread ran beside the round trips");
    }

    @Test
    void theSetupsSetTheSwitchIntervalAsSysSetswitchintervalWould() {
        assertEquals(Gil.DEFAULT_SWITCH_INTERVAL, Convoy.Setup.BESIDE_CPU.newGil().switchInterval());
        assertEquals(Duration.ofMillis(1), Convoy.Setup.SWITCH_1MS.newGil().switchInterval());
        assertEquals(Duration.ofNanos(100_000), Convoy.Setup.SWITCH_100US.newGil().switchInterval());
        assertTrue(Convoy.Setup.NO_GIL.newGil().isFreeThreaded());
        assertEquals(Optional.empty(), Convoy.Setup.NO_GIL.switchInterval());
    }

    /** The scenario a timeline recording runs: threads from the caller's factory, named by role, all joined. */
    @Test
    void theScenarioRunsOnTheCallersThreadsAndJoinsThem() throws Throwable {
        List<Thread> made = new ArrayList<>();
        ThreadFactory factory = runnable -> {
            Thread thread = Thread.ofPlatform().unstarted(runnable);
            made.add(thread);
            return thread;
        };
        Gil gil = Gil.builder().switchInterval(Duration.ofMillis(1)).build();
        Convoy.Result result = NoLeaks.check(() -> Convoy.run(gil, true, Convoy.Peer.REMOTE, 10, factory));
        assertEquals(List.of("convoy-cpu", "convoy-echo", "convoy-io"), made.stream().map(Thread::getName).toList());
        assertTrue(made.stream().noneMatch(Thread::isAlive));
        assertEquals(result.gil(), gil.stats(), "the result reports the GIL it was given");
        assertFalse(gil.dropRequested());
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Convoy.run(Gil.create(), false, Convoy.Peer.LOCAL, 0, Thread.ofPlatform().factory()));
        assertThrows(NullPointerException.class,
                () -> Convoy.run(Gil.create(), false, null, 1, Thread.ofPlatform().factory()));
    }

    @Test
    void cpythonsRecordedRowsStandBesideTheSetupsWhenTheyWereRecordedQuietly(@TempDir Path root) throws Exception {
        Path dir = root.resolve("benchmarks/results/2cpu-test");
        Files.createDirectories(dir);
        assertEquals(Optional.empty(), CPythonConvoy.read(dir, root), "nothing recorded: nothing shown");
        Files.writeString(PythonResults.resultFile(dir, 53), """
                [{"benchmark": "factorize", "strategy": "SEQUENTIAL", "workers": 1, "seconds": 3.4},
                 {"benchmark": "convoy", "strategy": "ALONE", "workers": 1, "seconds": 0.008, "count": 3,
                  "switchInterval": 0.005, "medianRoundTrip": 3.9e-05, "python": "3.11.7", "cores": 2,
                  "date": "2026-12-03T04:48:33Z", "loadAverage": 0.25},
                 {"benchmark": "convoy", "strategy": "BESIDE_CPU", "workers": 1, "seconds": 1.52, "count": 3,
                  "switchInterval": 0.005, "medianRoundTrip": 0.0100213, "cores": 2, "loadAverage": 1.5},
                 {"benchmark": "convoy", "strategy": "BESIDE_CPU", "workers": 1, "seconds": 0.31, "count": 3,
                  "switchInterval": 0.001, "medianRoundTrip": 0.0015, "cores": 2, "loadAverage": 12.5}]""");
        CPythonConvoy cpython = CPythonConvoy.read(dir, root).orElseThrow();
        assertEquals(Optional.of("Took 1.520 seconds (median of 3 runs), median round trip 10.02 ms"),
                cpython.quietRow(Convoy.Setup.BESIDE_CPU));
        assertEquals(Optional.of("Took 0.008 seconds (median of 3 runs), median round trip 39.0 µs"),
                cpython.quietRow(Convoy.Setup.ALONE));
        assertTrue(cpython.quietComparison(Convoy.Setup.BESIDE_CPU, 0.76).orElseThrow().contains("0.50x"),
                "the model's 0.76 s beside CPython's 1.52 s");
        assertEquals(Optional.empty(), cpython.quietComparison(Convoy.Setup.SWITCH_1MS, 0.1), "withheld");
        assertTrue(cpython.row(Convoy.Setup.SWITCH_1MS).isPresent(), "recorded");
        assertEquals(Optional.empty(), cpython.quietRow(Convoy.Setup.SWITCH_1MS), "recorded at load 12.5: withheld");
        assertEquals(Optional.empty(), cpython.row(Convoy.Setup.SWITCH_100US), "not recorded: not shown");
        assertEquals(Optional.empty(), cpython.row(Convoy.Setup.NO_GIL), "CPython has its GIL");
        assertTrue(cpython.source().startsWith("CPython's convoy figure was recorded on a busy machine (load average"
                + " 12.50 on 2 cores)"), cpython.source());
        String provenance = cpython.provenance();
        assertTrue(provenance.startsWith("benchmarks/results/2cpu-test/python-item53.json, CPython 3.11.7"),
                provenance);
        assertTrue(provenance.contains("2026-12-03T04:48:33Z") && provenance.contains("0.25"), provenance);
    }

    @Test
    void otherProcessesCpuInTheRowOutweighsTheLoadAverage(@TempDir Path root) throws Exception {
        Path dir = root.resolve("benchmarks/results/2cpu-test");
        Files.createDirectories(dir);
        Files.writeString(PythonResults.resultFile(dir, 53), """
                [{"benchmark": "convoy", "strategy": "BESIDE_CPU", "workers": 1, "seconds": 2.1, "count": 3,
                  "switchInterval": 0.005, "medianRoundTrip": 0.0053, "cores": 2, "loadAverage": 6.0,
                  "otherProcesses": 1.0}]""");
        Files.writeString(PythonResults.sidecarFile(dir, 53), "{\"cores\": 2}");
        CPythonConvoy quiet = CPythonConvoy.read(dir, root).orElseThrow();
        assertTrue(quiet.quietRow(Convoy.Setup.BESIDE_CPU).isPresent(), "the load was the benchmark's own threads");
        assertEquals(Optional.empty(), quiet.busy());
        Files.writeString(PythonResults.resultFile(dir, 53), """
                [{"benchmark": "convoy", "strategy": "BESIDE_CPU", "workers": 1, "seconds": 2.1, "count": 3,
                  "switchInterval": 0.005, "medianRoundTrip": 0.0053, "cores": 2, "loadAverage": 6.0,
                  "otherProcesses": 40.0}]""");
        CPythonConvoy busy = CPythonConvoy.read(dir, root).orElseThrow();
        assertEquals(Optional.empty(), busy.quietRow(Convoy.Setup.BESIDE_CPU));
        assertTrue(busy.busy().isPresent());
    }
}
