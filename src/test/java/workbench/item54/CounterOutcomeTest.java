package workbench.item54;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import workbench.gil.Gil;
import workbench.testing.NoLeaks;

/**
 * Outcome tables as plain JUnit tests, for every counter of {@link CounterKind}: many runs of sensor threads lined
 * up on a barrier. Forbidden for every kind: a count above what was added (an invented update). Forbidden for the
 * exact kinds: any count but the expected one. A lost update is allowed for the racy kinds, never required (a race
 * is not certain), except where the GIL model's explicit check points let a test force the interleaving.
 */
class CounterOutcomeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ParameterizedTest
    @EnumSource(CounterKind.class)
    @Timeout(60)
    void noCounterInventsAnUpdateAndTheFixedOnesLoseNone(CounterKind kind) throws Throwable {
        int runs = kind.underGil() ? 3 : 20;
        int sensors = kind.underGil() ? 5 : 4;
        int howMany = kind.underGil() ? 20_000 : 25_000;
        long expected = (long) sensors * howMany;
        NoLeaks.check(() -> {
            for (int run = 0; run < runs; run++) {
                long found = Sensors.run(kind.create(), sensors, howMany);
                if (kind.exact()) {
                    assertEquals(expected, found, kind + " lost an update in run " + run);
                } else {
                    assertTrue(found <= expected, kind + " counted more than was added: " + found);
                    assertTrue(found > 0, kind + " lost everything: " + found);
                }
            }
        });
    }

    @Test
    @Timeout(30)
    void underTheModelASwitchBetweenReadAndWriteLosesAnUpdateBeforeCPython310() throws Throwable {
        assertEquals(1, NoLeaks.check(() -> interleave(CounterKind.GIL_UNSAFE_PRE_310)), "two increments, one lost");
    }

    @Test
    @Timeout(30)
    void underTheModelCPython310NeverSplitsTheIncrement() throws Throwable {
        assertEquals(2, NoLeaks.check(() -> interleave(CounterKind.GIL_UNSAFE_310)),
                "no check point between the read and the write");
    }

    @Test
    @Timeout(30)
    void underTheModelTheThirdEditionsCallSplitsTheIncrementOnCPython310() throws Throwable {
        assertEquals(1, NoLeaks.check(() -> interleave(CounterKind.GIL_CALL_UNSAFE_310)),
                "get_offset(...) is a call, and calls check");
    }

    @Test
    @Timeout(30)
    void underTheModelTheLockKeepsTheSplitIncrementWhole() throws Throwable {
        assertEquals(2, NoLeaks.check(() -> interleave(CounterKind.GIL_LOCKING_PRE_310)),
                "B waits for A's lock, releasing the GIL, and reads after A wrote");
    }

    /**
     * A certain interleaving: Python thread A takes the GIL and, still holding it and past no check point, waits
     * until thread B has asked for the GIL; only then does A call {@code increment(1)}. A reads 0 and reaches the
     * check points inside the increment with the drop request pending: if its policy checks one of them, A drops
     * the GIL there and B's whole increment starts before A writes. Returns the count after both increments.
     */
    static long interleave(CounterKind kind) throws Exception {
        Counter counter = kind.create();
        Gil gil = counter.gil().orElseThrow();
        CountDownLatch aHoldsTheGil = new CountDownLatch(1);
        Thread a = gil.startThread("A", () -> {
            aHoldsTheGil.countDown();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!gil.dropRequested()) { // holding the GIL, at no check point: B must wait and ask
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("B never asked for the GIL");
                }
                Thread.onSpinWait();
            }
            counter.increment(1);
        });
        assertTrue(aHoldsTheGil.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        Thread b = gil.startThread("B", () -> counter.increment(1));
        for (Thread t : new Thread[] {a, b}) {
            assertTrue(t.join(WAIT), t.getName() + " stuck");
        }
        return counter.count();
    }
}
