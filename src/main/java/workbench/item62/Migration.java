package workbench.item62;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;
import workbench.eventloop.Async;
import workbench.eventloop.EventLoop;
import workbench.examples.Way;
import workbench.tail.LogReader;
import workbench.tail.Merger;
import workbench.tail.Tails;
import workbench.tail.Tails.AsyncLineWriter;
import workbench.tail.Tails.LineWriter;

/**
 * The four steps of Item 62's migration from threads to an event loop, each a complete, working merger of the
 * same log files: the program keeps passing {@code confirm_merge} after every step.
 *
 * <ul>
 *   <li>{@link #THREADS}: {@code run_threads}, one thread per tail, writes under a lock;</li>
 *   <li>{@link #TOP_DOWN}: {@code run_tasks_mixed}, an async main whose tails still block, on the loop's
 *       executor; each line hops back to the loop with {@code run_coroutine_threadsafe(...).result()};</li>
 *   <li>{@link #FULLY_ASYNC}: {@code run_tasks}, every tail a coroutine on the loop, writing on the loop;</li>
 *   <li>{@link #BOTTOM_UP}: {@code run_threads} again, unchanged, but each thread's tail is the coroutine driven
 *       by an event loop of its own on that thread ({@code run_until_complete}).</li>
 * </ul>
 */
public enum Migration implements Merger, Way {

    THREADS {
        @Override
        public void merge(List<LogReader> handles, Duration interval, Path output, Duration timeout)
                throws Exception {
            runThreads(handles, interval, output, timeout, Tails::tailFile);
        }
    },

    TOP_DOWN {
        @Override
        public void merge(List<LogReader> handles, Duration interval, Path output, Duration timeout)
                throws Exception {
            EventLoop.run("main", "run_tasks_mixed",
                    loop -> runTasksMixed(loop, handles, interval, output, timeout), timeout);
        }
    },

    FULLY_ASYNC {
        @Override
        public void merge(List<LogReader> handles, Duration interval, Path output, Duration timeout)
                throws Exception {
            EventLoop.run("main", "run_tasks", loop -> runTasks(loop, handles, interval, output), timeout);
        }
    },

    BOTTOM_UP {
        @Override
        public void merge(List<LogReader> handles, Duration interval, Path output, Duration timeout)
                throws Exception {
            runThreads(handles, interval, output, timeout,
                    (handle, pollInterval, write) -> tailFileOnOwnLoop(handle, pollInterval, write, timeout));
        }
    };

    /** The shape of {@code tail_file}, which the bottom-up step redefines while {@code run_threads} stays. */
    @FunctionalInterface
    public interface TailFunction {
        void tail(LogReader handle, Duration interval, LineWriter write) throws Exception;
    }

    /** {@code run_threads}: one platform thread per handle running {@code tail}, all writing through one lock. */
    public static void runThreads(List<LogReader> handles, Duration interval, Path outputPath, Duration timeout,
            TailFunction tail) throws Exception {
        try (LockedOutput output = new LockedOutput(Files.newOutputStream(outputPath))) {
            ConcurrentLinkedQueue<Exception> failures = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (LogReader handle : handles) {
                threads.add(Thread.ofPlatform().name("tail-" + handle.path().getFileName()).start(() -> {
                    try {
                        tail.tail(handle, interval, output::write);
                    } catch (InterruptedException e) {
                        failures.add(e);
                        Thread.currentThread().interrupt();
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }));
            }
            joinAll(threads, timeout);
            if (!failures.isEmpty()) {
                ExecutionException failed = new ExecutionException("a tail thread failed", failures.peek());
                failures.stream().skip(1).forEach(failed::addSuppressed);
                throw failed;
            }
        }
    }

    /**
     * {@code run_tasks_mixed}, the first top-down step: the tails are still the blocking {@code tail_file}, run on
     * the loop's executor; their {@code write} submits {@code write_async} to the loop and blocks on the result.
     */
    public static CompletableFuture<Void> runTasksMixed(EventLoop loop, List<LogReader> handles, Duration interval,
            Path outputPath, Duration timeout) {
        return openOnLoop(outputPath, output -> {
            AsyncLineWriter writeAsync = writeOnLoop(output);
            LineWriter write = data -> loop.runCoroutineThreadsafe("write_async", () -> writeAsync.apply(data))
                    .get(timeout.toNanos(), TimeUnit.NANOSECONDS); // run_coroutine_threadsafe(...).result()
            List<CompletableFuture<Void>> tasks = new ArrayList<>();
            for (LogReader handle : handles) {
                tasks.add(loop.runInExecutor(() -> {
                    Tails.tailFile(handle, interval, write);
                    return null;
                }));
            }
            return Async.gather(tasks);
        });
    }

    /**
     * {@code run_tasks}, fully async: a {@code tail_async} task per handle, each line written straight to the
     * output file on the loop thread. Item 63 shows this again as the problem: the output file is opened, written
     * and closed on the loop, blocking it.
     */
    public static CompletableFuture<Void> runTasks(EventLoop loop, List<LogReader> handles, Duration interval,
            Path outputPath) {
        return openOnLoop(outputPath, output -> Tails.gatherTails(loop, handles, interval, writeOnLoop(output)));
    }

    /**
     * The bottom-up {@code tail_file}: a synchronous function, as {@code run_threads} expects, that runs
     * {@code tail_async} on a new event loop of its own, on the calling thread, until the tail ends.
     */
    public static void tailFileOnOwnLoop(LogReader handle, Duration interval, LineWriter write, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        AsyncLineWriter writeAsync = data -> {
            try {
                write.write(data);
                return CompletableFuture.completedFuture(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CompletableFuture.failedFuture(e);
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
        };
        EventLoop.run("tail-loop-" + handle.path().getFileName(), "tail_async",
                loop -> Tails.tailAsync(loop, handle, interval, writeAsync), timeout);
    }

    /** {@code async def write_async(data): output.write(data)}: a blocking write, made on the loop thread. */
    public static AsyncLineWriter writeOnLoop(OutputStream output) {
        return data -> {
            try {
                output.write(data);
                return CompletableFuture.completedFuture(null);
            } catch (IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }

    /** {@code with open(output_path, 'wb') as output:} inside a coroutine: opened and closed on the loop thread. */
    private static CompletableFuture<Void> openOnLoop(Path outputPath,
            Function<OutputStream, CompletableFuture<Void>> body) {
        OutputStream output;
        try {
            output = Files.newOutputStream(outputPath);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        return Async.using(output, body);
    }

    private static void joinAll(List<Thread> threads, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                threads.forEach(Thread::interrupt);
                for (Thread t : threads) {
                    t.join(Duration.ofSeconds(1));
                }
                throw new TimeoutException("tail threads still running after " + timeout);
            }
        }
    }

    /** The output file of {@code run_threads} with its lock: {@code with lock: output.write(data)}. */
    @ThreadSafe
    static final class LockedOutput implements AutoCloseable {
        private final ReentrantLock lock = new ReentrantLock();
        @GuardedBy("lock")
        private final OutputStream output;

        LockedOutput(OutputStream output) {
            this.output = output;
        }

        void write(byte[] data) throws IOException {
            lock.lock();
            try {
                output.write(data);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() throws IOException {
            lock.lock();
            try {
                output.close();
            } finally {
                lock.unlock();
            }
        }
    }
}
