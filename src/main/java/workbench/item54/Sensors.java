package workbench.item54;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import workbench.gil.Gil;
import workbench.gil.Site;

/**
 * Examples 2 and 3: sensor threads that each add {@code howMany} readings to one shared {@link Counter}, lined up
 * first on a barrier. The barrier is there only to make the race likelier: starting a thread is slow, so without
 * it the first thread could finish before the last one starts. A counter with a {@linkplain Counter#gil() GIL
 * model} runs on that model's Python threads, which release the GIL while they wait at the barrier and reach a
 * check point at the call of {@code increment} and at the end of each loop iteration, as CPython does.
 */
public final class Sensors {

    /** The most the barrier waits for all sensors to arrive. */
    public static final Duration BARRIER_TIMEOUT = Duration.ofSeconds(10);
    /** The most one run may take before it counts as stuck. */
    public static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    private Sensors() {
    }

    /**
     * Starts {@code sensors} threads, each incrementing {@code counter} by 1 {@code howMany} times, joins them and
     * returns {@code counter.count()}.
     *
     * @throws IllegalStateException if a sensor failed (its exception is the cause) or the run got stuck
     */
    public static long run(Counter counter, int sensors, int howMany) throws InterruptedException {
        CyclicBarrier barrier = new CyclicBarrier(sensors);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < sensors; i++) {
            int sensorIndex = i;
            String name = "sensor-" + i;
            Thread thread = counter.gil()
                    .map(gil -> gil.newThread(name, () -> pythonWorker(gil, sensorIndex, howMany, counter, barrier)))
                    .orElseGet(() -> Thread.ofPlatform().name(name).unstarted(() -> {
                        try {
                            worker(sensorIndex, howMany, counter, barrier);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        } catch (BrokenBarrierException | TimeoutException e) {
                            throw new IllegalStateException("the barrier broke", e);
                        }
                    }));
            thread.setUncaughtExceptionHandler((t, e) -> failure.compareAndSet(null, e));
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        joinAll(threads);
        if (failure.get() != null) {
            throw new IllegalStateException("a sensor thread failed", failure.get());
        }
        return counter.count();
    }

    /** Example 2, {@code worker(sensor_index, how_many, counter)}, on a plain Java thread. */
    static void worker(int sensorIndex, int howMany, Counter counter, CyclicBarrier barrier)
            throws InterruptedException, BrokenBarrierException, TimeoutException {
        barrier.await(BARRIER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        for (int i = 0; i < howMany; i++) {
            // Every reading of sensor number sensorIndex would happen here.
            counter.increment(1);
        }
    }

    /** Example 2 as a Python thread under {@code gil}: the barrier wait releases the GIL; the loop has checks. */
    static void pythonWorker(Gil gil, int sensorIndex, int howMany, Counter counter, CyclicBarrier barrier)
            throws Exception {
        gil.releaseAround(() -> barrier.await(BARRIER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        for (int i = 0; i < howMany; i++) {
            // Every reading of sensor number sensorIndex would happen here.
            gil.check(Site.CALL);          // counter.increment(1) is a call
            counter.increment(1);
            gil.check(Site.BACK_EDGE);     // the jump back to the top of the for loop
        }
    }

    private static void joinAll(List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                threads.forEach(Thread::interrupt);
                for (Thread t : threads) {
                    t.join(Duration.ofSeconds(5));
                }
                throw new IllegalStateException("sensors stuck after " + RUN_TIMEOUT.toSeconds() + " s: "
                        + threads.stream().filter(Thread::isAlive).map(Thread::getName).toList());
            }
        }
    }
}
