package workbench.parallel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import workbench.examples.RunContext;
import workbench.examples.Way;
import workbench.gil.Gil;
import workbench.gil.Site;
import workbench.procpool.ProcessPool;
import workbench.procpool.SerializableCallable;

/**
 * The ways to run independent CPU-bound tasks that Items 53 and 64 compare, one implementation each. The demo,
 * the benchmark and the tests iterate the same constants, and the tests prove they compute identical results. A
 * benchmark's {@code @Param strategy} names one by its {@link Way#param()}, the constant's name ({@link #named}).
 *
 * <p>{@link #THREADS} and {@link #PROCESSES} differ in one line, the executor, as the book's
 * {@code ThreadPoolExecutor} and {@code ProcessPoolExecutor} do: both submit the same serialisable callables.
 */
public enum Strategy implements Way {

    /** One task after another in the calling thread: the baseline. */
    SEQUENTIAL("sequential") {
        @Override
        public Mapper start(int workers, RunContext ctx) {
            return new Mapper() {
                @Override
                public <A, R> List<R> map(CpuTask<A, R> task, List<A> inputs) {
                    List<R> results = new ArrayList<>(inputs.size());
                    for (A input : inputs) {
                        results.add(task.apply(input, Checkpoint.NONE));
                    }
                    return results;
                }
            };
        }
    },

    /** A fixed pool of Java platform threads: they run in parallel, one per core. */
    THREADS("Java threads") {
        @Override
        public Mapper start(int workers, RunContext ctx) {
            return new ExecutorMapper(Executors.newFixedThreadPool(workers, threadFactory("threads")));
        }
    },

    /**
     * The same pool, each task run under one shared {@link Gil} (CPython 3.10+'s defaults): Python's threads,
     * which take turns on the CPU.
     */
    GIL_THREADS("threads under the GIL model") {
        @Override
        public Mapper start(int workers, RunContext ctx) {
            Gil gil = Gil.create();
            ExecutorService pool = Executors.newFixedThreadPool(workers, threadFactory("gil-threads"));
            return new Mapper() {
                @Override
                public <A, R> List<R> map(CpuTask<A, R> task, List<A> inputs)
                        throws InterruptedException, ExecutionException, TimeoutException {
                    Checkpoint check = () -> gil.check(Site.BACK_EDGE);
                    List<Callable<R>> calls = new ArrayList<>();
                    for (A input : inputs) {
                        calls.add(() -> {
                            List<R> out = new ArrayList<>(1);
                            gil.runAsPythonThread(() -> out.add(task.apply(input, check)));
                            return out.get(0);
                        });
                    }
                    return collect(pool.invokeAll(calls, TIMEOUT.toNanos(), TimeUnit.NANOSECONDS), TIMEOUT);
                }

                @Override
                public void close() {
                    pool.close();
                }
            };
        }
    },

    /** A pool of worker JVMs ({@link ProcessPool}): Python's {@code ProcessPoolExecutor}, "the one change". */
    PROCESSES("a process pool") {
        @Override
        public Mapper start(int workers, RunContext ctx) {
            return new ExecutorMapper(ProcessPool.builder().workers(workers).allow("workbench.**")
                    .addJvmFlags(ctx.workerJvmFlags()).build());
        }
    },

    /** A {@link ForkJoinPool} running a parallel stream: what a Java programmer would write. */
    FORK_JOIN("a parallel stream") {
        @Override
        public Mapper start(int workers, RunContext ctx) {
            ForkJoinPool pool = new ForkJoinPool(workers);
            return new Mapper() {
                @Override
                public <A, R> List<R> map(CpuTask<A, R> task, List<A> inputs)
                        throws InterruptedException, ExecutionException, TimeoutException {
                    ForkJoinTask<List<R>> all = pool.submit(() -> inputs.parallelStream()
                            .map(input -> task.apply(input, Checkpoint.NONE)).toList());
                    try {
                        return all.get(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
                    } finally {
                        all.cancel(true);                              // a no-op once it finished
                    }
                }

                @Override
                public void close() {
                    pool.close();
                }
            };
        }
    };

    /** The bound on one {@code map} call: far above any of the workbench's runs, there so that nothing hangs. */
    public static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final String description;

    Strategy(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /**
     * The strategy a benchmark's {@code @Param strategy} names.
     *
     * @throws IllegalArgumentException naming the known strategies, when none has that name
     */
    public static Strategy named(String param) {
        return Way.byParam(Strategy.class, param);
    }

    /**
     * Starts what this strategy needs (threads, a GIL, worker JVMs) for {@code workers} workers; worker JVMs get
     * {@code ctx}'s flags.
     */
    public abstract Mapper start(int workers, RunContext ctx);

    /** {@link #start(int, RunContext)} for a plain run. */
    public Mapper start(int workers) {
        return start(workers, RunContext.PLAIN);
    }

    /** Runs {@code task} over {@code inputs} with {@code workers} workers, starting and closing what it needs. */
    public <A, R> List<R> map(CpuTask<A, R> task, List<A> inputs, int workers)
            throws InterruptedException, ExecutionException, TimeoutException {
        return map(task, inputs, workers, RunContext.PLAIN);
    }

    /** {@link #map(CpuTask, List, int)}, any worker JVM started with {@code ctx}'s flags. */
    public <A, R> List<R> map(CpuTask<A, R> task, List<A> inputs, int workers, RunContext ctx)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Mapper mapper = start(workers, ctx)) {
            return mapper.map(task, inputs);
        }
    }

    /** A started strategy: maps tasks over inputs until closed. Results come in input order. */
    public interface Mapper extends AutoCloseable {

        /** Every result in input order, or a {@link TimeoutException} after {@link #TIMEOUT}. */
        <A, R> List<R> map(CpuTask<A, R> task, List<A> inputs)
                throws InterruptedException, ExecutionException, TimeoutException;

        @Override
        default void close() {
        }
    }

    /**
     * Runs each task as a serialisable callable on an executor: a thread pool or a process pool, the same code
     * either way.
     */
    private static final class ExecutorMapper implements Mapper {

        private final ExecutorService executor;

        ExecutorMapper(ExecutorService executor) {
            this.executor = executor;
        }

        @Override
        public <A, R> List<R> map(CpuTask<A, R> task, List<A> inputs)
                throws InterruptedException, ExecutionException, TimeoutException {
            return runAll(executor, task, inputs);
        }

        @Override
        public void close() {
            executor.close();
        }
    }

    /**
     * Submits {@code task} for every input to {@code executor} and waits for all results, in input order. The
     * callables are serialisable, so the executor may be a thread pool or a {@link ProcessPool}.
     */
    public static <A, R> List<R> runAll(ExecutorService executor, CpuTask<A, R> task, List<A> inputs)
            throws InterruptedException, ExecutionException, TimeoutException {
        return runAll(executor, task, inputs, TIMEOUT);
    }

    /** Like {@link #runAll(ExecutorService, CpuTask, List)}; tasks unfinished after {@code timeout} are cancelled. */
    public static <A, R> List<R> runAll(ExecutorService executor, CpuTask<A, R> task, List<A> inputs,
            Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        List<Callable<R>> calls = new ArrayList<>();
        for (A input : inputs) {
            calls.add((SerializableCallable<R>) () -> task.apply(input, Checkpoint.NONE));
        }
        return collect(executor.invokeAll(calls, timeout.toNanos(), TimeUnit.NANOSECONDS), timeout);
    }

    /** The results of a timed {@code invokeAll}'s futures: each is done, or was cancelled when time ran out. */
    private static <R> List<R> collect(List<Future<R>> futures, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<R> results = new ArrayList<>(futures.size());
        for (Future<R> future : futures) {
            try {
                results.add(future.get(0, TimeUnit.NANOSECONDS));
            } catch (CancellationException e) {
                throw new TimeoutException("a task did not finish within " + timeout);
            }
        }
        return results;
    }

    private static ThreadFactory threadFactory(String prefix) {
        return Thread.ofPlatform().name(prefix + "-", 1).factory();
    }
}
