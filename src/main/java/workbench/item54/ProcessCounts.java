package workbench.item54;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import workbench.procpool.ProcessPool;
import workbench.procpool.SerializableCallable;

/**
 * Beyond the book: Item 54's sensors as worker JVMs ({@link ProcessPool}). Processes share no memory, so there is
 * no shared counter to protect, and none to lose an update of: each worker counts its own share on a counter only
 * it can see, and the parent adds the answers (a map and a reduce, what {@code multiprocessing} code does). The
 * counter each worker uses is the item's {@link UnsafeCounter}, and it is exact here, since it has one writer.
 * This is not a shared counter that processes can use: a count the sensors must all see while they run would need
 * shared memory or a message per increment, and the lock of Example 7 cannot span processes.
 */
public final class ProcessCounts {

    /**
     * The JVM flags that stop a worker's JIT from inlining {@link #incrementOnce} into the loop (and so from
     * folding the loop into one addition), as {@code Item54Benchmark}'s {@code @CompilerControl} does in JMH's
     * fork: a benchmark's worker pool uses these so every strategy pays one real call per increment.
     */
    public static final List<String> NO_INLINE_FLAGS = List.of("-XX:CompileCommand=quiet",
            "-XX:CompileCommand=dontinline,workbench.item54.ProcessCounts::incrementOnce");

    private ProcessCounts() {
    }

    /**
     * Runs {@code workers} shares of {@code howMany} increments each on {@code pool} (one task per share; on a warm
     * pool of that many workers, one share per worker JVM) and returns their sum.
     *
     * @throws IllegalStateException when a share fails or they do not all answer within {@code timeout}
     */
    public static long run(ProcessPool pool, int workers, int howMany, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Future<Long>> shares = new ArrayList<>(workers);
        try {
            for (int i = 0; i < workers; i++) {
                shares.add(pool.submit(new Share(howMany)));
            }
            long sum = 0;
            for (Future<Long> share : shares) {
                sum += share.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return sum;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a worker's share failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the shares did not all answer within " + timeout, e);
        } finally {
            shares.forEach(share -> share.cancel(false));                 // no-op for the finished ones
        }
    }

    /** One worker's share: {@code howMany} increments of a counter no other thread or process can reach. */
    record Share(int howMany) implements SerializableCallable<Long> {

        @Override
        public Long call() {
            Counter own = new UnsafeCounter();
            for (int i = 0; i < howMany; i++) {
                // Every reading of this worker's sensor would happen here.
                incrementOnce(own);
            }
            return own.count();
        }
    }

    /** One increment; a benchmark's workers keep it a real call ({@link #NO_INLINE_FLAGS}). */
    static void incrementOnce(Counter counter) {
        counter.increment(1);
    }
}
