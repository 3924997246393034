package workbench.item54;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;

import workbench.bench.BenchRunner;
import workbench.gil.Gil;
import workbench.gil.Site;
import workbench.procpool.ProcessPool;
import workbench.timeline.TimelineRecording;
import workbench.timeline.WayTimeline;

/**
 * Item 54 (3rd ed. 69): what each fix for the lost update costs when {@code threads} threads hammer one counter.
 *
 * <p><b>Book claim.</b> A read-modify-write shared by threads loses updates unless a {@code Lock} guards it.
 *
 * <p><b>In Java.</b> Java has more fixes than a lock; one op ({@link #increment}) counts 2^20 real, separate
 * increments with each of them ({@link Counting#strategy}), beside the unguarded counter, the same counter under the
 * GIL model and (beyond the book) worker JVMs that share nothing. The score is <b>increments per microsecond</b>.
 *
 * <p><b>You should see</b> {@code ADDER} scale with threads up to the core count; {@code SYNCHRONIZED},
 * {@code LOCKING} and {@code ATOMIC} fall below {@code SEQUENTIAL} as soon as two threads contend; {@code GIL} stay
 * near one thread's speed; {@code PROCESSES} gain with workers, less their round trips; beyond the core count no
 * strategy gains.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar bench 54} (minutes: every strategy at every worker
 * count), {@code bench 54 --quick}, or this class's {@code main}; then {@code workbench report} for speedups.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(Item54Benchmark.INCREMENTS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class Item54Benchmark {

    /** Increments per op: 2^20, divisible by every thread count. */
    public static final int INCREMENTS = 1 << 20;

    /** How each op counts. */
    public enum Strategy {
        SEQUENTIAL, UNSAFE, SYNCHRONIZED, LOCKING, ATOMIC, ADDER, GIL,
        /** Beyond the book: {@code threads} worker JVMs, each counting its share; the parent sums. */
        PROCESSES
    }

    /** How long the {@code PROCESSES} row waits for its workers' answers in one op. */
    static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(60);

    /**
     * {@link #increment}'s state: the strategy, the thread count and the trial's team or pool (a state of its own,
     * not the class, so that {@link #timeline} starts neither).
     */
    @State(Scope.Benchmark)
    public static class Counting {
        /**
         * {@code SEQUENTIAL} is the baseline {@code workbench report} divides by: one team thread doing all the
         * increments on a plain field ({@link UnsafeCounter}), whatever {@code threads} says (so every {@code threads}
         * value has its own baseline row, and the rows show the noise), through the same hand-off as every other row.
         * The other strategies are the item's counters: {@code UNSAFE} (wrong, and lost updates are not checked here),
         * {@code SYNCHRONIZED}, {@code LOCKING} ({@code ReentrantLock}), {@code ATOMIC} ({@code AtomicLong}),
         * {@code ADDER} ({@code LongAdder}), and {@code GIL}: the unsafe counter as CPython 3.10+ runs it under the
         * {@linkplain workbench.gil GIL model} ({@code Gil.create()}: 5 ms switch interval, checks at the call and the
         * loop's back edge), i.e. the cost of one-thread-at-a-time. {@code PROCESSES} is the multi-process row, and it
         * is not a shared counter (processes share no memory): {@code threads} worker JVMs of a warm
         * {@link ProcessPool} (started and pinged once per trial) each count their share on a counter of their own and
         * the parent sums the answers ({@link ProcessCounts}); one op is the same 2^20 increments, one task per worker,
         * so its score includes a round trip to every worker per op (serialising the task and the answer, pipe writes,
         * thread wake-ups). The workers run with {@link ProcessCounts#NO_INLINE_FLAGS}, the same one real call per
         * increment.
         */
        @Param
        public Strategy strategy;

        /**
         * JMH's {@code @Threads} cannot be a {@code @Param}, and JMH's own threads would each run a whole op; instead
         * each trial keeps its own {@link Team} of this many platform threads, started once in {@code @Setup} and
         * released per op by a barrier (and joined per op by a second one), so an op measures the contended increments
         * plus two barrier crossings (microseconds against the op's milliseconds), not thread start-up. Each strategy
         * and thread count runs in its own fork, so the JIT sees one counter class per call site, as an application
         * would.
         */
        @Param({"1", "2", "4", "8", "16"})
        public int threads;

        private Team team;
        private ProcessPool pool;

        @Setup(Level.Trial)
        public void startTeam() throws InterruptedException {
            if (strategy == Strategy.PROCESSES) {
                pool = ProcessPool.builder().workers(threads).allow("workbench.**")
                        .addJvmFlags(ProcessCounts.NO_INLINE_FLAGS).closeGrace(PROCESS_TIMEOUT).buildStarted();
            } else {
                team = new Team(strategy == Strategy.SEQUENTIAL ? 1 : threads);
            }
        }

        @TearDown(Level.Trial)
        public void stopTeam() throws InterruptedException {
            if (pool != null) {
                pool.close();
            }
            if (team != null) {
                team.close();
            }
        }
    }

    /**
     * One op is {@value #INCREMENTS} increments of one fresh counter, split evenly over {@code threads} threads;
     * with {@code @OperationsPerInvocation} the score is increments per microsecond, summed over all threads. Each
     * increment is a call the JIT may not inline ({@link #incrementOnce}), so the score is the cost of real,
     * separate increments.
     *
     * <p><b>You should see</b> {@code ADDER} scale with threads up to the core count (per-thread cells: little
     * shared writing); {@code SYNCHRONIZED}, {@code LOCKING} and {@code ATOMIC} fall below {@code SEQUENTIAL} as soon
     * as two threads contend, since every increment moves one cache line (and a lock) between cores, and a single
     * lock does not scale at any thread count; {@code GIL} stays near one thread's speed however many threads run,
     * because only the GIL's holder runs. {@code UNSAFE} is usually the fastest multi-threaded row yet slower than
     * {@code SEQUENTIAL} (the threads fight over the cache line even without a lock), besides being wrong.
     * {@code PROCESSES} gains with workers up to the core count, since nothing is shared, less the round trips (a
     * fraction of a millisecond or more per op, against an op of a millisecond or two); but it only answers "how
     * many in all, afterwards". Beyond the core count no strategy gains, and {@code PROCESSES} at 16 means 16 JVMs.
     * A smoke run at 2 threads on 2 cores busy with other builds (indicative only): {@code SEQUENTIAL} 805,
     * {@code ADDER} 148, {@code PROCESSES} 473 increments per microsecond: the two JVMs count without contention,
     * but the op's round trips and the busy cores keep them below one thread.
     */
    @Benchmark
    public long increment(Counting counting) throws Exception {
        int each = INCREMENTS / counting.threads;
        switch (counting.strategy) {
            case SEQUENTIAL -> {
                Counter counter = new UnsafeCounter();
                counting.team.run(() -> {
                    for (int i = 0; i < INCREMENTS; i++) {
                        incrementOnce(counter);
                    }
                });
                return counter.count();
            }
            case GIL -> {
                Gil gil = Gil.create();
                Counter counter = new GilUnsafeCounter(gil);
                counting.team.run(() -> gil.runAsPythonThread(() -> {
                    for (int i = 0; i < each; i++) {
                        gil.check(Site.CALL);
                        incrementOnce(counter);
                        gil.check(Site.BACK_EDGE);
                    }
                }));
                return counter.count();
            }
            case PROCESSES -> {
                return ProcessCounts.run(counting.pool, counting.threads, each, PROCESS_TIMEOUT);
            }
            default -> {
                Counter counter = create(counting.strategy);
                counting.team.run(() -> {
                    for (int i = 0; i < each; i++) {
                        incrementOnce(counter);
                    }
                });
                return counter.count();
            }
        }
    }

    /**
     * One increment, never inlined into the loop that calls it: otherwise the JIT folds a plain field's loop into
     * one addition (the SEQUENTIAL baseline then "runs" a billion increments per microsecond) and coarsens
     * {@code synchronized} (or one lock) over many iterations. Every strategy pays this same call, so the ratios stay
     * fair.
     */
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    static void incrementOnce(Counter counter) {
        counter.increment(1);
    }

    /** The item's counter for a strategy that runs on plain Java threads. */
    static Counter create(Strategy strategy) {
        return switch (strategy) {
            case UNSAFE -> CounterKind.UNSAFE.create();
            case SYNCHRONIZED -> CounterKind.SYNCHRONIZED.create();
            case LOCKING -> CounterKind.LOCKING.create();
            case ATOMIC -> CounterKind.ATOMIC.create();
            case ADDER -> CounterKind.ADDER.create();
            case SEQUENTIAL, GIL, PROCESSES -> throw new IllegalArgumentException(strategy
                    + " is not run by a plain team");
        };
    }

    /** A body a team thread runs once per op. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /**
     * {@code size} platform daemon threads that run one {@link Work} each per {@link #run}: released together by
     * one barrier, awaited by another. The barriers also publish the work to the team and its writes back.
     */
    static final class Team implements AutoCloseable {

        private static final long WAIT_SECONDS = 60;

        private final CyclicBarrier start;
        private final CyclicBarrier done;
        private final List<Thread> members = new ArrayList<>();
        private volatile Work work;
        private volatile Throwable failure;

        Team(int size) {
            start = new CyclicBarrier(size + 1);
            done = new CyclicBarrier(size + 1);
            for (int i = 0; i < size; i++) {
                members.add(Thread.ofPlatform().daemon().name("item54-team-" + i).start(this::serve));
            }
        }

        private void serve() {
            try {
                while (true) {
                    start.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    Work w = work;
                    if (w == null) {
                        return; // closed
                    }
                    try {
                        w.run();
                    } catch (Exception e) {
                        failure = e;
                    }
                    done.await(WAIT_SECONDS, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (BrokenBarrierException | TimeoutException e) {
                // the benchmark thread gave up or closed the team: nothing left to serve
            }
        }

        /** Runs {@code w} once on every member and returns when all have finished. */
        void run(Work w) throws Exception {
            work = w;
            start.await(WAIT_SECONDS, TimeUnit.SECONDS);
            done.await(WAIT_SECONDS, TimeUnit.SECONDS);
            if (failure != null) {
                throw new IllegalStateException("a team thread failed", failure);
            }
        }

        /** Releases the members with no work, so each returns, and joins them. */
        @Override
        public void close() throws InterruptedException {
            work = null;
            try {
                start.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (BrokenBarrierException | TimeoutException e) {
                start.reset(); // a member is gone or stuck: break the barrier for the others
            }
            for (Thread member : members) {
                if (!member.join(java.time.Duration.ofSeconds(WAIT_SECONDS))) {
                    throw new IllegalStateException(member.getName() + " did not stop");
                }
            }
        }
    }

    /** {@link #timeline}'s state: {@code workbench timeline 54}'s example {@code sensors}, recorded or not. */
    @State(Scope.Benchmark)
    public static class Timeline extends WayTimeline {
        /**
         * The way's slug. All three counters run: none starts a JVM.
         */
        @Param({"unsafe", "locking", "synchronized"})
        public String way;

        public Timeline() {
            super(54, "sensors");
        }
    }

    /**
     * One op is {@code workbench timeline 54 --example sensors}'s run (five sensors incrementing one counter, unguarded
     * or under a lock) with the timeline's recording off or on ({@link TimelineRecording}: the flight recording and the
     * scheduler sampler). <b>You should see</b> the two rows within 5 %: what recording costs.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @OperationsPerInvocation(1)
    @Fork(1)
    @Warmup(iterations = 1, time = 1)
    @Measurement(iterations = 3, time = 1)
    public void timeline(Timeline state) throws Exception {
        state.runExample();
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(BenchRunner.options(Item54Benchmark.class).build()).run();
    }
}
