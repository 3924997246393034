package workbench.parallel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import workbench.gil.Gil;
import workbench.gil.Site;
import workbench.procpool.ProcessPool;
import workbench.procpool.SerializableCallable;

/**
 * The ways to run independent CPU-bound tasks that Items 53 and 64 compare, one implementation each. The demo,
 * the benchmark and the tests iterate the same constants, and the tests prove they compute identical results. A
 * benchmark's {@code @Param strategy} names one ({@link #named}), as the Game of Life's name theirs
 * ({@code workbench.strategies.LifeStrategy}).
 *
 * <p>{@link #THREADS} and {@link #PROCESSES} differ in one line, the executor, as the book's
 * {@code ThreadPoolExecutor} and {@code ProcessPoolExecutor} do: both submit the same serialisable callables.
 */
public enum Strategy {

    /** One task after another in the calling thread: the baseline. */
    SEQUENTIAL("sequential") {
        @Override
        public Mapper start(int workers) {
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
        public Mapper start(int workers) {
            return new ExecutorMapper(Executors.newFixedThreadPool(workers, threadFactory("threads")));
        }
    },

    /**
     * The same pool, each task run under one shared {@link Gil} (CPython 3.10+'s defaults): Python's threads,
     * which take turns on the CPU.
     */
    GIL_THREADS("threads under the GIL model") {
        @Override
        public Mapper start(int workers) {
            Gil gil = Gil.create();
            ExecutorService pool = Executors.newFixedThreadPool(workers, threadFactory("gil-threads"));
            return new Mapper() {
                @Override
                public <A, R> List<R> map(CpuTask<A, R> task, List<A> inputs)
                        throws InterruptedException, ExecutionException {
                    Checkpoint check = () -> gil.check(Site.BACK_EDGE);
                    List<Callable<R>> calls = new ArrayList<>();
                    for (A input : inputs) {
                        calls.add(() -> {
                            List<R> out = new ArrayList<>(1);
                            gil.runAsPythonThread(() -> out.add(task.apply(input, check)));
                            return out.get(0);
                        });
                    }
                    return collect(pool.invokeAll(calls));
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
        public Mapper start(int workers) {
            return new ExecutorMapper(ProcessPool.of(workers));
        }
    },

    /** A {@link ForkJoinPool} running a parallel stream: what a Java programmer would write. */
    FORK_JOIN("a parallel stream") {
        @Override
        public Mapper start(int workers) {
            ForkJoinPool pool = new ForkJoinPool(workers);
            return new Mapper() {
                @Override
                public <A, R> List<R> map(CpuTask<A, R> task, List<A> inputs)
                        throws InterruptedException, ExecutionException {
                    return pool.submit(() -> inputs.parallelStream()
                            .map(input -> task.apply(input, Checkpoint.NONE)).toList()).get();
                }

                @Override
                public void close() {
                    pool.close();
                }
            };
        }
    };

    private final String description;

    Strategy(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The name the benchmarks' {@code @Param strategy} and the recorded results give this strategy. */
    public String param() {
        return name();
    }

    /**
     * The strategy a benchmark's {@code @Param strategy} names.
     *
     * @throws IllegalArgumentException naming the known strategies, when none has that name
     */
    public static Strategy named(String param) {
        for (Strategy strategy : values()) {
            if (strategy.param().equals(param)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("no CPU strategy named '" + param + "'; the strategies are "
                + Arrays.stream(values()).map(Strategy::param).collect(Collectors.joining(", ")));
    }

    /** Starts what this strategy needs (threads, a GIL, worker JVMs) for {@code workers} workers. */
    public abstract Mapper start(int workers);

    /** Runs {@code task} over {@code inputs} with {@code workers} workers, starting and closing what it needs. */
    public <A, R> List<R> map(CpuTask<A, R> task, List<A> inputs, int workers)
            throws InterruptedException, ExecutionException {
        try (Mapper mapper = start(workers)) {
            return mapper.map(task, inputs);
        }
    }

    /** A started strategy: maps tasks over inputs until closed. Results come in input order. */
    public interface Mapper extends AutoCloseable {

        <A, R> List<R> map(CpuTask<A, R> task, List<A> inputs) throws InterruptedException, ExecutionException;

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
        public <A, R> List<R> map(CpuTask<A, R> task, List<A> inputs) throws InterruptedException, ExecutionException {
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
            throws InterruptedException, ExecutionException {
        List<Callable<R>> calls = new ArrayList<>();
        for (A input : inputs) {
            calls.add((SerializableCallable<R>) () -> task.apply(input, Checkpoint.NONE));
        }
        return collect(executor.invokeAll(calls));
    }

    private static <R> List<R> collect(List<Future<R>> futures) throws InterruptedException, ExecutionException {
        List<R> results = new ArrayList<>(futures.size());
        for (Future<R> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    private static java.util.concurrent.ThreadFactory threadFactory(String prefix) {
        return Thread.ofPlatform().name(prefix + "-", 1).factory();
    }
}
