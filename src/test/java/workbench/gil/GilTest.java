package workbench.gil;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import workbench.testing.NoLeaks;

/** The GIL model's basic contract: exclusion, hand-over, blocking calls, the free-threaded switch, interrupts. */
@SuppressWarnings("try") // try (Gil.Attached ignored = gil.enter()) { ... } holds the GIL for the block
class GilTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void defaultsAreModernCPythons() {
        Gil gil = Gil.create();
        assertEquals(Duration.ofMillis(5), gil.switchInterval());
        assertEquals(CheckPolicy.CALLS_AND_BACK_EDGES, gil.policy());
        assertFalse(gil.isFreeThreaded());
        assertTrue(Gil.freeThreaded().isFreeThreaded());
        gil.setSwitchInterval(Duration.ofMillis(1));
        assertEquals(Duration.ofMillis(1), gil.switchInterval());
        assertThrows(IllegalArgumentException.class, () -> gil.setSwitchInterval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Gil.builder().switchInterval(Duration.ofMillis(-1)));
    }

    @Test
    void policiesChooseTheirSites() {
        assertTrue(CheckPolicy.EVERY_INSTRUCTION.checks(Site.INSTRUCTION));
        assertTrue(CheckPolicy.EVERY_INSTRUCTION.checks(Site.CALL));
        assertTrue(CheckPolicy.EVERY_INSTRUCTION.checks(Site.BACK_EDGE));
        assertFalse(CheckPolicy.CALLS_AND_BACK_EDGES.checks(Site.INSTRUCTION));
        assertTrue(CheckPolicy.CALLS_AND_BACK_EDGES.checks(Site.CALL));
        assertTrue(CheckPolicy.CALLS_AND_BACK_EDGES.checks(Site.BACK_EDGE));
    }

    @Test
    @Timeout(30)
    void oneThreadAloneTakesTheGilOnceAndNeverWaits() throws Exception {
        Gil gil = Gil.builder().policy(CheckPolicy.EVERY_INSTRUCTION).build();
        assertFalse(gil.holdsGil());
        try (Gil.Attached attached = gil.enter()) {
            assertSame(gil, attached.gil());
            assertTrue(gil.holdsGil());
            for (int i = 0; i < 1_000_000; i++) {
                gil.check(Site.INSTRUCTION);
                gil.check(Site.CALL);
                gil.check(Site.BACK_EDGE);
            }
            assertThrows(IllegalStateException.class, gil::enter, "not reentrant");
        }
        assertFalse(gil.holdsGil());
        GilStats stats = gil.stats();
        assertEquals(1, stats.takes());
        assertEquals(0, stats.waits());
        assertEquals(0, stats.forcedDrops());
        assertEquals(0, stats.dropRequests());
    }

    @Test
    @Timeout(30)
    void releaseAroundAndDropsNeedTheGil() {
        Gil gil = Gil.create();
        assertThrows(IllegalStateException.class, () -> gil.releaseAround(() -> { }));
        gil.check(Site.BACK_EDGE); // no drop request: harmless outside the GIL, and free
    }

    @Test
    @Timeout(30)
    void aWaiterAsksForTheGilAndGetsItBeforeTheHolderTakesItBack() throws Throwable {
        NoLeaks.check(() -> {
            Gil gil = Gil.builder().switchInterval(Duration.ofMillis(1)).build();
            AtomicInteger ranWhileMainWasHolding = new AtomicInteger();
            try (Gil.Attached ignored = gil.enter()) {
                Thread other = gil.startThread("other", ranWhileMainWasHolding::incrementAndGet);
                try {
                    awaitTrue(gil::dropRequested, "the waiter's drop request");
                    assertEquals(0, ranWhileMainWasHolding.get(), "the holder has not reached a check point");
                    gil.check(Site.INSTRUCTION); // not a check point under CALLS_AND_BACK_EDGES
                    assertEquals(0, ranWhileMainWasHolding.get());
                    assertTrue(gil.dropRequested());
                    gil.check(Site.BACK_EDGE);
                    // FORCE_SWITCHING: this thread could not take the GIL back before the other had it.
                    assertEquals(1, ranWhileMainWasHolding.get());
                    assertTrue(gil.holdsGil());
                } finally {
                    gil.releaseAround(() -> other.join(WAIT.toMillis()));
                }
                assertFalse(other.isAlive());
            }
            GilStats stats = gil.stats();
            assertEquals(1, stats.forcedDrops());
            assertEquals(1, stats.dropRequests());
            assertEquals(4, stats.takes(), "main, other, main again, main after the join");
            assertEquals(2, stats.switches(), "main to other and back");
        });
    }

    @Test
    @Timeout(60)
    void mutualExclusionIsNeverViolated() throws Throwable {
        NoLeaks.check(() -> {
            for (CheckPolicy policy : CheckPolicy.values()) {
                for (int run = 0; run < 5; run++) {
                    Gil gil = Gil.builder().policy(policy).switchInterval(Duration.ofMillis(1)).build();
                    int threads = 4;
                    AtomicInteger inside = new AtomicInteger();
                    AtomicInteger mostInside = new AtomicInteger();
                    AtomicInteger[] progress = counters(threads);
                    List<Thread> started = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        AtomicInteger mine = progress[t];
                        started.add(gil.startThread("excl-" + t, () -> {
                            // Every thread keeps going until every thread has had the GIL 200 times: this needs
                            // many hand-overs, so it finishes only if the GIL switches (and hangs, caught by the
                            // timeout, if it starves anyone).
                            for (int i = 0; minimum(progress) < 200; i++) {
                                int now = inside.incrementAndGet();
                                mostInside.accumulateAndGet(now, Math::max);
                                spin(200);
                                inside.decrementAndGet();
                                mine.incrementAndGet();
                                if (i % 50 == 49) {
                                    gil.releaseAround(Thread::yield);
                                }
                                gil.check(Site.INSTRUCTION);
                                gil.check(Site.CALL);
                                gil.check(Site.BACK_EDGE);
                            }
                        }));
                    }
                    joinAll(started);
                    assertEquals(1, mostInside.get(), policy + ": threads between two check points at once");
                    assertTrue(gil.stats().switches() >= threads - 1, gil.stats().toString());
                }
            }
        });
    }

    @Test
    @Timeout(60)
    void noThreadStarves() throws Throwable {
        NoLeaks.check(() -> {
            Duration interval = Duration.ofMillis(10);
            Gil gil = Gil.builder().switchInterval(interval).build();
            int threads = 4;
            long runNanos = TimeUnit.MILLISECONDS.toNanos(400);
            AtomicInteger[] progress = counters(threads);
            long[] longestGap = new long[threads];
            long start = System.nanoTime();
            List<Thread> started = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                started.add(gil.startThread("cpu-" + t, () -> {
                    long last = System.nanoTime();
                    long gap = 0;
                    while (System.nanoTime() - start < runNanos || minimum(progress) == 0) {
                        spin(1_000);
                        progress[me].incrementAndGet();
                        gil.check(Site.BACK_EDGE);
                        long now = System.nanoTime();
                        gap = Math.max(gap, now - last);
                        last = now;
                    }
                    longestGap[me] = gap;
                }));
            }
            joinAll(started);
            long bound = interval.toNanos() * 50;
            GilStats stats = gil.stats();
            for (int t = 0; t < threads; t++) {
                assertTrue(progress[t].get() > 0, "thread " + t + " never ran");
                assertTrue(longestGap[t] < bound, "thread " + t + " went " + longestGap[t] / 1e6 + " ms without"
                        + " the GIL; " + stats);
            }
            assertTrue(stats.maxWaitNanos() < bound, stats.toString());
            assertTrue(stats.forcedDrops() > 0, stats.toString());
        });
    }

    @Test
    @Timeout(30)
    void blockingCallsReleasedAroundOverlap() throws Throwable {
        NoLeaks.check(() -> {
            Gil gil = Gil.create();
            List<long[]> calls = new CopyOnWriteArrayList<>();            // {start, end} of each blocking call
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                threads.add(gil.startThread("syscall-" + i, () -> gil.releaseAround(() -> {
                    long start = System.nanoTime();
                    Thread.sleep(100);
                    calls.add(new long[] {start, System.nanoTime()});
                })));
            }
            joinAll(threads);
            assertEquals(5, calls.size());
            // Overlap, not speed: some call started before another had ended (held GIL: each waits for the last).
            boolean overlap = false;
            for (long[] a : calls) {
                for (long[] b : calls) {
                    overlap |= a != b && a[0] < b[1] && b[0] < a[1];
                }
            }
            assertTrue(overlap, "blocking calls with the GIL released never overlapped");
            assertEquals(5, gil.stats().blockingReleases());
        });
    }

    @Test
    @Timeout(30)
    void blockingWhileHoldingTheGilSerialises() throws Throwable {
        NoLeaks.check(() -> {
            Gil gil = Gil.create();
            long start = System.nanoTime();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                threads.add(gil.startThread("holding-" + i, () -> Thread.sleep(100)));
            }
            joinAll(threads);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 500, "five sleeps that keep the GIL cannot overlap, yet took " + millis + " ms");
        });
    }

    @Test
    @Timeout(30)
    void theGilKeepsASecondThreadOut() throws Throwable {
        NoLeaks.check(() -> {
            Gil gil = Gil.create();
            AtomicInteger entered = new AtomicInteger();
            Thread other;
            try (Gil.Attached ignored = gil.enter()) {
                other = gil.startThread("shut-out", entered::incrementAndGet);
                awaitTrue(gil::dropRequested, "the second thread waiting a whole switch interval");
                assertEquals(0, entered.get());
            }
            other.join(WAIT.toMillis());
            assertEquals(1, entered.get());
        });
    }

    @Test
    @Timeout(30)
    void freeThreadedLetsTwoThreadsInAtOnce() throws Throwable {
        NoLeaks.check(() -> {
            Gil gil = Gil.freeThreaded();
            CyclicBarrier bothInside = new CyclicBarrier(2);
            AtomicInteger met = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                // No releaseAround: under a GIL the second thread could never get in while the first waits here.
                threads.add(gil.startThread("free-" + i, () -> {
                    gil.check(Site.CALL);
                    bothInside.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    met.incrementAndGet();
                    gil.check(Site.BACK_EDGE);
                }));
            }
            joinAll(threads);
            assertEquals(2, met.get(), "both threads were inside at the same moment");
            assertEquals(GilStats.NONE, gil.stats());
            assertFalse(gil.holdsGil());
        });
    }

    @Test
    @Timeout(30)
    void interruptingAThreadWaitingToEnterEndsItCleanly() throws Throwable {
        NoLeaks.check(() -> {
            Gil gil = Gil.create();
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            AtomicInteger bodyRan = new AtomicInteger();
            Thread waiter;
            try (Gil.Attached ignored = gil.enter()) {
                waiter = Thread.ofPlatform().name("waiter").start(() -> {
                    try {
                        gil.runAsPythonThread(bodyRan::incrementAndGet);
                        outcome.set(new AssertionError("entered while the GIL was held"));
                    } catch (Throwable e) {
                        outcome.set(e);
                    }
                });
                awaitTrue(() -> gil.stats().waitingNow() == 1, "the waiter waiting");
                waiter.interrupt();
                waiter.join(WAIT.toMillis());
                assertFalse(waiter.isAlive());
                assertTrue(gil.holdsGil(), "the holder is undisturbed");
            }
            assertTrue(outcome.get() instanceof InterruptedException, String.valueOf(outcome.get()));
            assertEquals(0, bodyRan.get());
            GilStats stats = gil.stats();
            assertEquals(1, stats.interruptedWaits());
            assertEquals(0, stats.waitingNow());
            assertFalse(gil.dropRequested(), "no one is left to hand the GIL to");
            // The GIL still works.
            Thread after = gil.startThread("after", bodyRan::incrementAndGet);
            after.join(WAIT.toMillis());
            assertEquals(1, bodyRan.get());
        });
    }

    @ParameterizedTest(name = "through runAsPythonThread: {0}")
    @ValueSource(booleans = {false, true})
    @Timeout(30)
    void interruptingAThreadWaitingAtACheckPointEndsItCleanly(boolean throughRunAs) throws Throwable {
        NoLeaks.check(() -> {
            Gil gil = Gil.builder().switchInterval(Duration.ofMillis(1)).build();
            CountDownLatch running = new CountDownLatch(1);
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            AtomicReference<Boolean> heldAfter = new AtomicReference<>();
            AtomicReference<Boolean> flagAfter = new AtomicReference<>();
            Gil.ThrowingRunnable<RuntimeException> loop = () -> {
                running.countDown();
                for (long deadline = System.nanoTime() + WAIT.toNanos(); System.nanoTime() < deadline; ) {
                    gil.check(Site.BACK_EDGE);
                }
            };
            Thread looper = Thread.ofPlatform().name("looper").start(() -> {
                try {
                    if (throughRunAs) {
                        gil.runAsPythonThread(loop);
                    } else {
                        try (Gil.Attached ignored = gil.enter()) {
                            loop.run();
                        }
                    }
                    outcome.set(new AssertionError("loop ran to its end"));
                } catch (Throwable e) {
                    outcome.set(e);
                }
                heldAfter.set(gil.holdsGil());
                flagAfter.set(Thread.interrupted());
            });
            assertTrue(running.await(WAIT.toSeconds(), TimeUnit.SECONDS));
            try (Gil.Attached ignored = gil.enter()) {
                // The looper dropped the GIL at a check point and now waits to take it back.
                looper.interrupt();
                looper.join(WAIT.toMillis());
                assertFalse(looper.isAlive());
            }
            if (throughRunAs) {
                assertTrue(outcome.get() instanceof InterruptedException, String.valueOf(outcome.get()));
                assertTrue(outcome.get().getCause() instanceof GilInterruptedException);
                assertEquals(Boolean.FALSE, flagAfter.get(), "an InterruptedException clears the status");
            } else {
                assertTrue(outcome.get() instanceof GilInterruptedException, String.valueOf(outcome.get()));
                assertEquals(Boolean.TRUE, flagAfter.get(), "the interrupt status is set again, not swallowed");
            }
            assertEquals(Boolean.FALSE, heldAfter.get());
            assertEquals(1, gil.stats().interruptedWaits());
        });
    }

    @Test
    @Timeout(30)
    void aThreadsExceptionGoesToItsHandlerAndFreesTheGil() throws Throwable {
        NoLeaks.check(() -> {
            Gil gil = Gil.create();
            AtomicReference<Throwable> reported = new AtomicReference<>();
            Thread thread = gil.newThread("boom", () -> {
                throw new IOException("boom");
            });
            thread.setUncaughtExceptionHandler((t, e) -> reported.set(e));
            thread.start();
            thread.join(WAIT.toMillis());
            assertFalse(thread.isAlive());
            assertTrue(reported.get() instanceof IOException, String.valueOf(reported.get()));
            try (Gil.Attached ignored = gil.enter()) {
                assertTrue(gil.holdsGil());
            }
            assertEquals(0, gil.stats().waits());
        });
    }

    @Test
    @Timeout(30)
    void freeThreadedCallsJustRun() throws Exception {
        Gil gil = Gil.freeThreaded();
        try (Gil.Attached ignored = gil.enter()) {
            assertFalse(gil.holdsGil());
            int answer = gil.releaseAround(() -> 42);
            assertEquals(42, answer);
            gil.check(Site.INSTRUCTION);
        }
        gil.runAsPythonThread(() -> gil.check(Site.CALL));
        assertEquals(GilStats.NONE, gil.stats());
    }

    @Test
    @Timeout(30)
    void interruptingAThreadWaitingAfterABlockingCallEndsItCleanly() throws Throwable {
        NoLeaks.check(() -> {
            Gil gil = Gil.create();
            CountDownLatch released = new CountDownLatch(1);
            CountDownLatch goOn = new CountDownLatch(1);
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            AtomicReference<Boolean> heldAfter = new AtomicReference<>();
            Thread caller = Thread.ofPlatform().name("caller").start(() -> {
                try (Gil.Attached ignored = gil.enter()) {
                    try {
                        gil.releaseAround(() -> {
                            released.countDown();
                            return goOn.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                        });
                        outcome.set(new AssertionError("took the GIL back while it was held"));
                    } catch (Throwable e) {
                        outcome.set(e);
                    }
                    heldAfter.set(gil.holdsGil());
                } catch (InterruptedException e) {
                    outcome.set(new AssertionError("enter was interrupted", e));
                }
            });
            assertTrue(released.await(WAIT.toSeconds(), TimeUnit.SECONDS));
            try (Gil.Attached ignored = gil.enter()) {
                goOn.countDown();
                awaitTrue(() -> gil.stats().waitingNow() == 1, "the caller waiting to take the GIL back");
                caller.interrupt();
                caller.join(WAIT.toMillis());
                assertFalse(caller.isAlive());
                assertTrue(gil.holdsGil());
            }
            assertTrue(outcome.get() instanceof InterruptedException, String.valueOf(outcome.get()));
            assertEquals(Boolean.FALSE, heldAfter.get());
        });
    }

    @Test
    @Timeout(30)
    void anExceptionFromTheBlockingCallComesBackWithTheGil() throws Exception {
        Gil gil = Gil.create();
        try (Gil.Attached ignored = gil.enter()) {
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> gil.releaseAround(() -> {
                        assertFalse(gil.holdsGil());
                        throw new IllegalStateException("from the call");
                    }));
            assertEquals("from the call", thrown.getMessage());
            assertTrue(gil.holdsGil());
            int answer = gil.releaseAround(() -> 42);
            assertEquals(42, answer);
        }
    }

    // ---- helpers ----

    static AtomicInteger[] counters(int n) {
        AtomicInteger[] counters = new AtomicInteger[n];
        for (int i = 0; i < n; i++) {
            counters[i] = new AtomicInteger();
        }
        return counters;
    }

    static int minimum(AtomicInteger[] counters) {
        int min = Integer.MAX_VALUE;
        for (AtomicInteger c : counters) {
            min = Math.min(min, c.get());
        }
        return min;
    }

    /** CPU work that the JIT cannot remove. */
    static long spin(int n) {
        long x = n;
        for (int i = 0; i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        sink ^= x;
        return x;
    }

    static volatile long sink;

    /** Polls without holding anything: used while the test thread holds the GIL and a waiter must show up. */
    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(1);
        }
    }

    /** Joins every thread, interrupting the lot if any outlives the wait. */
    static void joinAll(List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                t.join(Duration.ofNanos(left));
            }
        }
        List<Thread> alive = threads.stream().filter(Thread::isAlive).toList();
        if (!alive.isEmpty()) {
            alive.forEach(Thread::interrupt);
            for (Thread t : alive) {
                t.join(WAIT.toMillis());
            }
            fail("threads still running after " + WAIT.toSeconds() + " s: " + alive);
        }
    }
}
