package workbench.pyrandom;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;

import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;

/**
 * CPython's {@code random} module, bit for bit: the Mersenne Twister MT19937 seeded as {@code random.seed(int)}
 * seeds it, with {@code getrandbits}, {@code random}, {@code _randbelow} (rejection sampling) and
 * {@code randint}/{@code randrange} built on it exactly as CPython's {@code Lib/random.py} builds them (the
 * tests' reference values come from CPython 3.11). With the same seed it draws the same numbers as Python, which
 * is what lets a demo print the book's exact output (Item 61's guesses come from the book's
 * {@code random.seed(1234)}).
 *
 * <p>{@link #global()} is the process-wide instance, the analogue of Python's module-level functions, which all
 * share one hidden {@code random.Random}. Every method is {@code synchronized}: a multi-step draw
 * ({@code randint}'s rejection loop) is atomic, so concurrent callers split one stream between them, as threads
 * calling Python's {@code random.randint} do under the GIL.
 *
 * <p>Only integer seeds are supported (Python hashes {@code str}/{@code bytes} seeds with SHA-512 first).
 */
@ThreadSafe
public final class PyRandom {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private static final PyRandom GLOBAL = new PyRandom();

    @GuardedBy("this")
    private final int[] mt = new int[N];
    @GuardedBy("this")
    private int mti = N + 1;

    /** Seeded from the operating system's randomness, as {@code random.Random()} is. */
    public PyRandom() {
        seed(new BigInteger(128, new SecureRandom()));
    }

    /** {@code random.Random(seed)}. */
    public PyRandom(long seed) {
        seed(seed);
    }

    /** The process-wide generator: Python's module-level {@code random.seed}, {@code random.randint}, ... */
    public static PyRandom global() {
        return GLOBAL;
    }

    /** {@code random.seed(seed)} for an int seed. */
    public void seed(long seed) {
        seed(BigInteger.valueOf(seed));
    }

    /**
     * {@code random.seed(seed)} for an int seed of any size: the absolute value, split into 32-bit words, least
     * significant first, feeds {@code init_by_array} (a zero seed is the one-word key {@code [0]}).
     */
    public synchronized void seed(BigInteger seed) {
        BigInteger n = seed.abs();
        int words = Math.max(1, (n.bitLength() + 31) / 32);
        int[] key = new int[words];
        for (int i = 0; i < words; i++) {
            key[i] = n.shiftRight(32 * i).intValue();
        }
        initByArray(key);
    }

    /**
     * {@code random.getstate()}: the generator's whole state, the 624 words of the twister and then the position
     * in them (625 ints; Python's tuple holds the same numbers). {@link #setstate} on another instance, in this JVM
     * or another, makes it draw exactly what this one will draw next.
     */
    public synchronized int[] getstate() {
        int[] state = Arrays.copyOf(mt, N + 1);
        state[N] = mti;
        return state;
    }

    /** {@code random.setstate(state)} with a state from {@link #getstate}. */
    public synchronized void setstate(int[] state) {
        if (state.length != N + 1 || state[N] < 0 || state[N] > N) {
            throw new IllegalArgumentException("not a state from getstate(): " + state.length + " ints");
        }
        System.arraycopy(state, 0, mt, 0, N);
        mti = state[N];
    }

    @GuardedBy("this")
    private void initGenrand(int s) {
        mt[0] = s;
        for (mti = 1; mti < N; mti++) {
            mt[mti] = 1812433253 * (mt[mti - 1] ^ (mt[mti - 1] >>> 30)) + mti;
        }
    }

    @GuardedBy("this")
    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    /** The generator's next 32 bits ({@code genrand_uint32}), as an unsigned value in a long. */
    public synchronized long nextUint32() {
        if (mti >= N) {
            int kk;
            for (kk = 0; kk < N - M; kk++) {
                int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
                mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
            }
            for (; kk < N - 1; kk++) {
                int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
                mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
            }
            int y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
            mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
            mti = 0;
        }
        int y = mt[mti++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return Integer.toUnsignedLong(y);
    }

    /** {@code random.random()}: a double in [0, 1) from 53 random bits (27 + 26, as CPython takes them). */
    public synchronized double random() {
        long a = nextUint32() >>> 5;
        long b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }

    /**
     * {@code random.getrandbits(k)} for {@code 0 <= k <= 63}, returned as a non-negative long. Words are drawn
     * least significant first; the last, partial word keeps its most significant bits, as CPython does.
     */
    public synchronized long getrandbits(int k) {
        if (k < 0 || k > 63) {
            throw new IllegalArgumentException("k must be in 0..63 for a long, got " + k + "; use getrandbitsBig");
        }
        if (k <= 32) {
            return k == 0 ? 0 : nextUint32() >>> (32 - k);
        }
        long low = nextUint32();
        long high = nextUint32() >>> (64 - k);
        return low | (high << 32);
    }

    /** {@code random.getrandbits(k)} for any {@code k >= 0}. */
    public synchronized BigInteger getrandbitsBig(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("number of bits must be non-negative, got " + k);
        }
        BigInteger result = BigInteger.ZERO;
        int shift = 0;
        for (int left = k; left > 0; left -= 32, shift += 32) {
            long word = nextUint32();
            if (left < 32) {
                word >>>= 32 - left;
            }
            result = result.or(BigInteger.valueOf(word).shiftLeft(shift));
        }
        return result;
    }

    /**
     * {@code random._randbelow(n)}: draws {@code n.bit_length()} bits until the value is below {@code n}
     * (rejection sampling, so every value is equally likely; note Python uses the bit length of {@code n}, not of
     * {@code n - 1}, so even {@code _randbelow(1)} consumes draws).
     */
    public synchronized long randbelow(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive, got " + n);
        }
        int k = 64 - Long.numberOfLeadingZeros(n);
        long r = getrandbits(k);
        while (r >= n) {
            r = getrandbits(k);
        }
        return r;
    }

    /** {@code random.randrange(start, stop)}: {@code start + _randbelow(stop - start)}. */
    public synchronized long randrange(long start, long stop) {
        if (stop <= start) {
            throw new IllegalArgumentException("empty range for randrange(" + start + ", " + stop + ")");
        }
        return start + randbelow(Math.subtractExact(stop, start));
    }

    /** {@code random.randint(a, b)}: an integer in [a, b], both ends included ({@code randrange(a, b + 1)}). */
    public synchronized long randint(long a, long b) {
        return randrange(a, Math.addExact(b, 1));
    }

    /** {@link #randint(long, long)} for int bounds. */
    public int randint(int a, int b) {
        return (int) randint((long) a, (long) b);
    }
}
