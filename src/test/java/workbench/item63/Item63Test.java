package workbench.item63;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import workbench.eventloop.EventLoop;
import workbench.tail.LogHarness;
import workbench.tail.Workload;
import workbench.testing.DemoRun;
import workbench.testing.NoLeaks;
import workbench.testing.SlowCallbackLine;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Item63Test {

    private static final Duration LONG = Duration.ofSeconds(20);

    /** The drill's sentence follows its figure: p50 31 ms late with 20 ms writes is about one and a half writes. */
    @Test
    void theWritesATickWaitedComeFromItsLatenessAndTheWriteCost() {
        assertEquals(1.5, Item63.writesWaited(new Heartbeat.Lateness(10, 31.0, 33.6, 33.6)));
        assertEquals(1.0, Item63.writesWaited(new Heartbeat.Lateness(10, 19.0, 21.0, 21.0)));
        assertEquals(0.0, Item63.writesWaited(new Heartbeat.Lateness(40, 0.5, 10.0, 10.0)));
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Placement.class)
    void bothPlacementsPassConfirmMerge(Placement placement) throws Throwable {
        NoLeaks.check(() -> {
            for (int run = 0; run < 3; run++) {
                try (LogHarness harness = LogHarness.setup(Workload.SMALL)) {
                    assertEquals(new LogHarness.Merged(3, 15), harness.run(placement));
                }
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Placement.class)
    void aReaderSignalledEarlyStillDrainsEveryLine(Placement placement) throws Throwable {
        Workload burst = new Workload(3, 100, Duration.ZERO, Duration.ofMillis(20));
        NoLeaks.check(() -> {
            try (LogHarness harness = LogHarness.setup(burst)) {
                assertEquals(new LogHarness.Merged(3, 300), harness.run(placement));
            }
        });
    }

    @Test
    void writeThreadWritesOnItsOwnThreadInOrderAndEndsAfterUsing() throws Throwable {
        Path output = dir.resolve("out");
        AtomicReference<WriteThread> used = new AtomicReference<>();
        List<String> writerThreads = new CopyOnWriteArrayList<>();
        NoLeaks.check(() -> EventLoop.run("main", "main", loop -> WriteThread.using(output, path -> {
            writerThreads.add(Thread.currentThread().getName()); // the opener runs on the writer thread
            return Files.newOutputStream(path);
        }, writeThread -> {
            used.set(writeThread);
            Thread loopThread = Thread.currentThread();
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (int i = 0; i < 100; i++) {
                byte[] line = (i + "\n").getBytes(UTF_8);
                chain = chain.thenCompose(v -> writeThread.write(line))
                        .thenRun(() -> assertEquals(loopThread, Thread.currentThread(), "write completes on the loop"));
            }
            return chain;
        }), LONG));
        assertEquals(List.of("WriteThread"), writerThreads);
        assertFalse(used.get().thread().isAlive());
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add(Integer.toString(i));
        }
        assertEquals(expected, Files.readAllLines(output));
    }

    @Test
    void aWriteThreadThatCannotOpenItsFileFailsInsteadOfHanging() throws Throwable {
        IOException cannotOpen = new IOException("read-only device");
        ExecutionException failure = assertThrows(ExecutionException.class, () -> NoLeaks.check(() ->
                EventLoop.run("main", "main", loop -> WriteThread.using(dir.resolve("out"), path -> {
                    throw cannotOpen;
                }, writeThread -> writeThread.write("line\n".getBytes(UTF_8))), LONG)));
        assertEquals(cannotOpen, failure.getCause());
    }

    @Test
    void slowCoroutineTripsTheDebugWarning() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        EventLoop.run("main", "slow_coroutine", loop -> Item63.slowCoroutine(), LONG,
                EventLoop.Options.debug(warnings::add));
        assertEquals(1, warnings.size(), warnings.toString());
        SlowCallbackLine line = SlowCallbackLine.parse(warnings.get(0));
        assertEquals("Task-1", line.taskName());
        assertEquals("finished", line.state());
        assertEquals("slow_coroutine", line.coro());
        assertEquals(Item63Test.class.getName() + ".slowCoroutineTripsTheDebugWarning", line.definedAt().method());
        assertEquals(EventLoop.class.getName() + ".run", line.createdAt().method());
        assertEquals("null", line.result());
        assertTrue(line.seconds() >= 0.5, warnings.get(0));
    }

    @ParameterizedTest
    @EnumSource(Placement.class)
    void theSlowDeviceDrillWritesEveryLineAndMeasuresTheLoop(Placement placement) throws Throwable {
        Heartbeat.Lateness lateness = NoLeaks.check(
                () -> Item63.slowDeviceDrill(placement, 5, Duration.ofMillis(20)));
        assertTrue(lateness.ticks() > 0, lateness.toString());
        assertTrue(lateness.max() >= lateness.p99() && lateness.p99() >= lateness.p50(), lateness.toString());
    }

    @Test
    void theDemoShowsTheWarningAndBothMergesAndLeavesNothingBehind() throws Throwable {
        DemoRun.Captured run = DemoRun.run(new Item63(Workload.SMALL));
        String output = run.text();
        for (String example : new String[] {"1", "2", "3-9"}) {
            run.assertPrinted("--- Example " + example + ":");
        }
        List<SlowCallbackLine> slow = output.lines().filter(SlowCallbackLine::isTask).map(SlowCallbackLine::parse)
                .filter(line -> line.coro().equals("slow_coroutine")).toList();
        assertEquals(1, slow.size(), output);
        assertEquals("Task-1", slow.get(0).taskName(), "Example 2 runs a fresh loop, as the book a fresh interpreter");
        assertEquals("Item63.java", slow.get(0).definedAt().file());
        for (Placement placement : Placement.values()) {
            assertEquals(List.of(new LogHarness.Merged(3, 15)), run.facts("merged:" + placement), placement.name());
            Heartbeat.Lateness drill = assertInstanceOf(Heartbeat.Lateness.class,
                    run.facts("drill:" + placement).get(0));
            assertTrue(drill.ticks() > 0, placement + ": the heartbeat ticked during the drill");
        }
    }
}
