package workbench.item54;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.J_Result;

/**
 * Item 54's claims as outcome tables, proved under stress by jcstress rather than hoped for from a few runs.
 *
 * <p>Each test is Example 4-6's interleaving in miniature: two actors each call {@code increment(1)} once on a
 * fresh counter, and once both are done the arbiter reads the count. {@code 2} means both increments counted;
 * {@code 1} means the two read-add-write sequences overlapped and one update was lost. For the racy counters that
 * lost update is {@code ACCEPTABLE_INTERESTING} (the JVM may produce it, and jcstress reports how often it did);
 * for every fixed counter the same outcome is {@code FORBIDDEN}: one occurrence in billions of trials fails the
 * run. Each table ends with jcstress's catch-all, an {@code @Outcome} with no id: anything else (0, 3) is forbidden.
 *
 * <p><b>You should see</b> {@code 1} observed for {@link Unsafe} and {@link Volatile} (often thousands of times
 * on a multicore machine) and never for {@link Synchronized}, {@link Locking}, {@link Atomic} and {@link Adder}.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar stress 54 --quick} (one JVM configuration, one short
 * iteration per test: 1 to 2 minutes on an idle machine) or without {@code --quick} (jcstress's default preset, much
 * longer); the reports land in {@code target/jcstress/item54/}. Above each table is what one quick run recorded on
 * the workbench's 2-core machine; the racy counts vary from run to run, the forbidden ones stay 0. The GIL-model
 * counters have no table here: their check points are explicit, so a plain test can force the interleaving instead
 * ({@code CounterOutcomeTest}).
 *
 * <p>Each table states only its counter and its outcomes; the increments and the read are {@link TwoSensors}'s.
 * The actors cannot be inherited: jcstress's annotation processor looks for {@code @Actor} and {@code @Arbiter}
 * only among the methods a test class declares itself (an inherited one is not found, and the test then fails to
 * compile with "defines no @Result"), so every table declares its two actors and its arbiter as one-line calls.
 */
public final class Item54Stress {

    private Item54Stress() {
    }

    /**
     * What every table does to its counter: each actor adds 1 once, the arbiter reads the count. A table passes
     * its counter to the constructor and declares the annotated methods jcstress needs as calls to these.
     */
    public abstract static class TwoSensors {
        private final Counter counter;

        TwoSensors(Counter counter) {
            this.counter = counter;
        }

        /** One sensor's reading: {@code increment(1)}. */
        final void increment() {
            counter.increment(1);
        }

        /** The count once both sensors are done. */
        final void readInto(J_Result r) {
            r.r1 = counter.count();
        }
    }

    /*
      This 2-core machine (Linux, JDK 25), stress 54 --quick:

        RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
             1   25,909    6.36%  Interesting  Lost update: both actors read 0 before either wrote, ...
             2  381,662   93.64%   Acceptable  Both increments counted.
     */
    @JCStressTest
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "Both increments counted.")
    @Outcome(id = "1", expect = ACCEPTABLE_INTERESTING,
            desc = "Lost update: both actors read 0 before either wrote, and both wrote 1.")
    @Outcome(expect = FORBIDDEN, desc = "Neither 1 nor 2: an increment counted twice or not at all.")
    @State
    public static class Unsafe extends TwoSensors {
        public Unsafe() { super(new UnsafeCounter()); }
        @Actor public void sensorA() { increment(); }
        @Actor public void sensorB() { increment(); }
        @Arbiter public void read(J_Result r) { readInto(r); }
    }

    /*
      This 2-core machine (Linux, JDK 25), stress 54 --quick:

        RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
             1    5,831    1.36%  Interesting  Lost update: volatile orders the reads and writes but ...
             2  422,220   98.64%   Acceptable  Both increments counted.
     */
    @JCStressTest
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "Both increments counted.")
    @Outcome(id = "1", expect = ACCEPTABLE_INTERESTING,
            desc = "Lost update: volatile orders the reads and writes but does not make += atomic.")
    @Outcome(expect = FORBIDDEN, desc = "Neither 1 nor 2: an increment counted twice or not at all.")
    @State
    public static class Volatile extends TwoSensors {
        public Volatile() { super(new VolatileCounter()); }
        @Actor public void sensorA() { increment(); }
        @Actor public void sensorB() { increment(); }
        @Arbiter public void read(J_Result r) { readInto(r); }
    }

    /*
      This 2-core machine (Linux, JDK 25), stress 54 --quick:

        RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
             1        0    0.00%    Forbidden  Lost update: synchronized must make the increment atomic.
             2  428,051  100.00%   Acceptable  Both increments counted.
     */
    @JCStressTest
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "Both increments counted.")
    @Outcome(id = "1", expect = FORBIDDEN, desc = "Lost update: synchronized must make the increment atomic.")
    @Outcome(expect = FORBIDDEN, desc = "Neither 1 nor 2: an increment counted twice or not at all.")
    @State
    public static class Synchronized extends TwoSensors {
        public Synchronized() { super(new SynchronizedCounter()); }
        @Actor public void sensorA() { increment(); }
        @Actor public void sensorB() { increment(); }
        @Arbiter public void read(J_Result r) { readInto(r); }
    }

    /*
      This 2-core machine (Linux, JDK 25), stress 54 --quick:

        RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
             1        0    0.00%    Forbidden  Lost update: the ReentrantLock must make the increment ...
             2  376,851  100.00%   Acceptable  Both increments counted.
     */
    @JCStressTest
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "Both increments counted.")
    @Outcome(id = "1", expect = FORBIDDEN, desc = "Lost update: the ReentrantLock must make the increment atomic.")
    @Outcome(expect = FORBIDDEN, desc = "Neither 1 nor 2: an increment counted twice or not at all.")
    @State
    public static class Locking extends TwoSensors {
        public Locking() { super(new LockingCounter()); }
        @Actor public void sensorA() { increment(); }
        @Actor public void sensorB() { increment(); }
        @Arbiter public void read(J_Result r) { readInto(r); }
    }

    /*
      This 2-core machine (Linux, JDK 25), stress 54 --quick:

        RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
             1        0    0.00%    Forbidden  Lost update: AtomicLong.addAndGet is one atomic operation.
             2  417,811  100.00%   Acceptable  Both increments counted.
     */
    @JCStressTest
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "Both increments counted.")
    @Outcome(id = "1", expect = FORBIDDEN, desc = "Lost update: AtomicLong.addAndGet is one atomic operation.")
    @Outcome(expect = FORBIDDEN, desc = "Neither 1 nor 2: an increment counted twice or not at all.")
    @State
    public static class Atomic extends TwoSensors {
        public Atomic() { super(new AtomicCounter()); }
        @Actor public void sensorA() { increment(); }
        @Actor public void sensorB() { increment(); }
        @Arbiter public void read(J_Result r) { readInto(r); }
    }

    /*
      This 2-core machine (Linux, JDK 25), stress 54 --quick:

        RESULT  SAMPLES     FREQ       EXPECT  DESCRIPTION
             1        0    0.00%    Forbidden  Lost update: LongAdder must count every add once the ...
             2  407,571  100.00%   Acceptable  Both increments counted.
     */
    @JCStressTest
    @Outcome(id = "2", expect = ACCEPTABLE, desc = "Both increments counted.")
    @Outcome(id = "1", expect = FORBIDDEN, desc = "Lost update: LongAdder must count every add once the adders"
            + " are done.")
    @Outcome(expect = FORBIDDEN, desc = "Neither 1 nor 2: an increment counted twice or not at all.")
    @State
    public static class Adder extends TwoSensors {
        public Adder() { super(new AdderCounter()); }
        @Actor public void sensorA() { increment(); }
        @Actor public void sensorB() { increment(); }
        @Arbiter public void read(J_Result r) { readInto(r); }
    }
}
