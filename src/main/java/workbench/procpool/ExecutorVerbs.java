package workbench.procpool;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The verbs of an {@link ExecutorService}, and Python's {@code map}, built on one: {@link #enqueue}. Each is a
 * submit, or several submits and a wait; {@link ProcessPool} supplies the submit and the pool's life cycle.
 */
abstract class ExecutorVerbs implements ExecutorService {

    /**
     * Sends {@code task} to a worker, or queues it: the one way into the pool. With {@code localResult} the future's
     * value is {@code result} instead of the worker's answer.
     */
    abstract <T> Future<T> enqueue(Object task, boolean localResult, T result);

    /** Runs {@code task} in a worker; its value (or exception) comes back through the future. */
    public <T> Future<T> submit(SerializableCallable<T> task) {
        return enqueue(task, false, null);
    }

    /** Runs {@code fn.apply(argument)} in a worker: Python's {@code pool.submit(fn, arg)}. */
    public <A, R> Future<R> submit(SerializableFunction<A, R> fn, A argument) {
        return enqueue(new Applied<>(fn, argument), false, null);
    }

    /** Runs {@code task} in a worker; the future's value is null. */
    public Future<?> submit(SerializableRunnable task) {
        return enqueue(task, false, null);
    }

    /**
     * {@inheritDoc} The task must be {@link Serializable} (a {@link SerializableCallable} lambda is): a task that is
     * not, or does not serialise, fails here with an {@link IllegalArgumentException}.
     */
    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return enqueue(task, false, null);
    }

    /** {@inheritDoc} The task must be {@link Serializable}, as for {@link #submit(Callable)}. */
    @Override
    public Future<?> submit(Runnable task) {
        return enqueue(task, false, null);
    }

    /** {@inheritDoc} The task must be {@link Serializable}; {@code result} stays in this JVM. */
    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        return enqueue(task, true, result);
    }

    /** Runs a serialisable {@code command} in a worker; a failure is printed to {@code System.err}. */
    @Override
    public void execute(Runnable command) {
        Future<?> future = enqueue(command, false, null);
        ((CompletableFuture<?>) future).whenComplete((value, error) -> {
            if (error != null && !(error instanceof CancellationException)) {
                System.err.println("procpool: a task given to execute() failed:");
                error.printStackTrace();
            }
        });
    }

    /**
     * Applies {@code fn} to every item in the workers and returns the results in the order of {@code items}, like
     * Python's {@code list(pool.map(fn, items))}. Waits for all of them; the first failure (in input order) is
     * thrown and the tasks not yet started are cancelled.
     */
    public <A, R> List<R> map(SerializableFunction<A, R> fn, List<? extends A> items)
            throws InterruptedException, ExecutionException {
        return map(fn, items, 1);
    }

    /**
     * As {@link #map(SerializableFunction, List)}, sending {@code chunkSize} items per task (Python's
     * {@code chunksize}): fewer round trips for many small items.
     */
    public <A, R> List<R> map(SerializableFunction<A, R> fn, List<? extends A> items, int chunkSize)
            throws InterruptedException, ExecutionException {
        Objects.requireNonNull(fn, "fn");
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1: " + chunkSize);
        }
        List<Future<List<R>>> chunks = new ArrayList<>();
        try {
            for (int from = 0; from < items.size(); from += chunkSize) {
                List<A> chunk = new ArrayList<>(items.subList(from, Math.min(items.size(), from + chunkSize)));
                chunks.add(submit(new Chunk<A, R>(fn, chunk)));
            }
            List<R> results = new ArrayList<>(items.size());
            for (Future<List<R>> chunk : chunks) {
                results.addAll(chunk.get());
            }
            return results;
        } finally {
            chunks.forEach(chunk -> chunk.cancel(false));
        }
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        List<Future<T>> futures = submitAll(tasks);
        boolean done = false;
        try {
            for (Future<T> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException | CancellationException ignored) {
                    // reported by the future itself
                }
            }
            done = true;
            return futures;
        } finally {
            if (!done) {
                futures.forEach(future -> future.cancel(false));
            }
        }
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        List<Future<T>> futures = submitAll(tasks);
        try {
            for (Future<T> future : futures) {
                try {
                    future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (ExecutionException | CancellationException ignored) {
                    // reported by the future itself
                } catch (TimeoutException timedOut) {
                    break;
                }
            }
            return futures;
        } finally {
            // Upon return, what has not completed is cancelled (what already runs in a worker finishes there).
            futures.forEach(future -> future.cancel(false));
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return invokeAny(tasks, Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (TimeoutException impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("no tasks");
        }
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        LinkedBlockingQueue<Future<T>> finished = new LinkedBlockingQueue<>();
        List<Future<T>> futures = submitAll(tasks);
        try {
            for (Future<T> future : futures) {
                ((CompletableFuture<T>) future).whenComplete((value, error) -> finished.add(future));
            }
            ExecutionException last = null;
            for (int i = 0; i < futures.size(); i++) {
                Future<T> next = finished.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new TimeoutException("no task finished in time");
                }
                try {
                    return next.get();
                } catch (ExecutionException e) {
                    last = e;
                } catch (CancellationException e) {
                    last = new ExecutionException(e);
                }
            }
            throw last;
        } finally {
            futures.forEach(future -> future.cancel(false));
        }
    }

    private <T> List<Future<T>> submitAll(Collection<? extends Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        try {
            for (Callable<T> task : tasks) {
                futures.add(submit(task));
            }
            return futures;
        } catch (RuntimeException e) {
            futures.forEach(future -> future.cancel(false));
            throw e;
        }
    }
    /** {@code fn} applied to one argument. */
    record Applied<A, R>(SerializableFunction<A, R> fn, A argument) implements SerializableCallable<R> {
        @Override
        public R call() {
            return fn.apply(argument);
        }
    }

    /** {@code fn} applied to a chunk of {@link #map}'s items, in order. */
    record Chunk<A, R>(SerializableFunction<A, R> fn, List<A> items) implements SerializableCallable<List<R>> {
        @Override
        public List<R> call() {
            List<R> results = new ArrayList<>(items.size());
            for (A item : items) {
                results.add(fn.apply(item));
            }
            return results;
        }
    }
}
