package workbench.pyrandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Reference values printed by CPython 3.11.7 ({@code import random; random.seed(...); ...}) and pasted here, so
 * the test needs no Python.
 */
@Timeout(10)
class PyRandomTest {

    @Test
    void randomAfterSeed1234() {
        PyRandom random = new PyRandom(1234);
        // random.seed(1234); random.random(), random.random()
        assertEquals(0.9664535356921388, random.random());
        assertEquals(0.4407325991753527, random.random());
    }

    @Test
    void getrandbits32AfterSeed1234() {
        PyRandom random = new PyRandom(1234);
        long[] expected = {4150886329L, 3342196574L, 1892932127L, 501869158L, 32175636L, 389311301L,
            3912611952L, 4048155970L, 4034129617L, 3466048957L};
        for (long value : expected) {
            assertEquals(value, random.getrandbits(32));
        }
    }

    @Test
    void valuesAcrossTheStateRegeneration() {
        // xs = [random.getrandbits(32) for _ in range(1000)]; xs[623:627], xs[999]
        PyRandom random = new PyRandom(1234);
        long[] all = LongStream.range(0, 1000).map(i -> random.getrandbits(32)).toArray();
        assertEquals(List.of(152069139L, 3715477445L, 938706668L, 2293463937L),
                LongStream.of(all).skip(623).limit(4).boxed().toList());
        assertEquals(3677914080L, all[999]);
    }

    @Test
    void seedsOfOtherSizes() {
        assertFirstThree(BigInteger.ZERO, 3626764237L, 1654615998L, 3255389356L);
        assertFirstThree(BigInteger.TWO.pow(40).add(BigInteger.valueOf(7)), 2635837658L, 3209733218L, 3500038837L);
        assertFirstThree(BigInteger.TWO.pow(64).add(BigInteger.valueOf(5L << 32)).add(BigInteger.valueOf(9)),
                945466878L, 2520516735L, 3748513212L);
        // a negative seed is its absolute value
        assertFirstThree(BigInteger.valueOf(-1234), 4150886329L, 3342196574L, 1892932127L);
    }

    private static void assertFirstThree(BigInteger seed, long first, long second, long third) {
        PyRandom random = new PyRandom(0);
        random.seed(seed);
        assertEquals(List.of(first, second, third),
                List.of(random.getrandbits(32), random.getrandbits(32), random.getrandbits(32)), "seed " + seed);
    }

    @Test
    void getrandbitsOfOtherWidths() {
        // random.seed(42); getrandbits(7), (64), (100), (0), (33)
        PyRandom random = new PyRandom(42);
        assertEquals(81, random.getrandbits(7));
        assertEquals(new BigInteger("461366972257415551"), random.getrandbitsBig(64));
        assertEquals(new BigInteger("257086819302815227845767741691"), random.getrandbitsBig(100));
        assertEquals(0, random.getrandbits(0));
        assertEquals(4894278121L, random.getrandbits(33));
    }

    @Test
    void randintMatchesPython() {
        // random.seed(1234); [random.randint(1, 5) for _ in range(20)]
        PyRandom random = new PyRandom(1234);
        int[] expected = {4, 1, 1, 1, 5, 1, 1, 1, 3, 2, 1, 1, 1, 3, 5, 4, 5, 4, 2, 1};
        for (int value : expected) {
            assertEquals(value, random.randint(1, 5));
        }
        // random.seed(1234); [random.randint(10, 15) for _ in range(10)]
        random.seed(1234);
        for (int value : new int[] {13, 10, 10, 10, 14, 10, 15, 15, 10, 10}) {
            assertEquals(value, random.randint(10, 15));
        }
        // random.seed(7); [random.randint(-3, 3) for _ in range(8)]
        random.seed(7);
        for (int value : new int[] {-1, -2, 0, 2, -3, -3, 3, 1}) {
            assertEquals(value, random.randint(-3, 3));
        }
        // random.seed(7); [random.randint(0, 10**12) for _ in range(3)]
        random.seed(7);
        for (long value : new long[] {434439589175L, 54335349840L, 902254243635L}) {
            assertEquals(value, random.randint(0L, 1_000_000_000_000L));
        }
    }

    @Test
    void randintOfOneValueStillConsumesDraws() {
        // random.seed(99); [random.randint(1, 1) for _ in range(3)], random.getrandbits(32)
        PyRandom random = new PyRandom(99);
        for (int i = 0; i < 3; i++) {
            assertEquals(1, random.randint(1, 1));
        }
        assertEquals(2574571355L, random.getrandbits(32));
    }

    @Test
    void badArguments() {
        PyRandom random = new PyRandom(1);
        assertThrows(IllegalArgumentException.class, () -> random.randint(0, -1));
        assertThrows(IllegalArgumentException.class, () -> random.getrandbits(-1));
        assertThrows(IllegalArgumentException.class, () -> random.getrandbits(64));
        assertThrows(IllegalArgumentException.class, () -> random.randbelow(0));
    }

    @Test
    void concurrentCallersSplitOneStream() throws InterruptedException {
        // Forbidden outcome: a draw handed to two threads, or one that is not in the sequential stream.
        int threads = 4;
        int each = 5_000;
        PyRandom sequential = new PyRandom(1234);
        List<Long> expected = new ArrayList<>();
        for (int i = 0; i < threads * each; i++) {
            expected.add(sequential.getrandbits(32));
        }
        PyRandom shared = new PyRandom(1234);
        List<Long> seen = Collections.synchronizedList(new ArrayList<>());
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    seen.add(shared.getrandbits(32));
                }
            });
        }
        for (Thread worker : workers) {
            worker.join();
        }
        List<Long> sorted = new ArrayList<>(seen);
        Collections.sort(sorted);
        Collections.sort(expected);
        assertEquals(expected, sorted);
    }
}
