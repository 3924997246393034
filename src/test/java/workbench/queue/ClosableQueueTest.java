package workbench.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.testing.NoLeaks;

@Timeout(30)
class ClosableQueueTest {

    private static final Duration SHORT = Duration.ofMillis(50);
    private static final Duration LONG = Duration.ofSeconds(10);

    @Test
    void iterationStopsAtTheSentinelAndMarksEverythingDone() throws Exception {
        ClosableQueue<Integer> queue = closedAfter(1, 2);
        queue.put(3, LONG);
        List<Integer> seen = new ArrayList<>();
        queue.forEachUntilClosed(seen::add, LONG);
        assertEquals(List.of(1, 2), seen);
        assertEquals(1, queue.qsize(), "the item after the sentinel waits for the next pass");
        assertEquals(1, queue.unfinishedTasks(), "both items and the sentinel were marked done");
    }

    @Test
    void joinReturnsOnceTheConsumerReachedTheSentinel() throws Exception {
        ClosableQueue<Integer> queue = closedAfter(1);
        assertThrows(TimeoutException.class, () -> queue.join(SHORT));
        queue.forEachUntilClosed(item -> { }, LONG);
        queue.join(SHORT);
    }

    @Test
    void aHandlerThatThrowsStillMarksItsItemDoneAndLeavesTheSentinelBehind() throws Exception {
        ClosableQueue<Integer> queue = closedAfter(1, 2);
        assertThrows(IOException.class, () -> queue.forEachUntilClosed(item -> {
            throw new IOException("item " + item);
        }, LONG));
        assertEquals(2, queue.unfinishedTasks(), "item 1 done; item 2 and the sentinel still waiting");
        // Errata #70: a later pass would stop at the leftover sentinel; draining removes it.
        List<Integer> drained = new ArrayList<>();
        queue.forEachUntilClosed(drained::add, LONG);
        assertEquals(List.of(2), drained);
        queue.join(SHORT);
        assertEquals(0, queue.qsize());
    }

    @Test
    void anIdleConsumerTimesOut() {
        ClosableQueue<Integer> queue = new ClosableQueue<>();
        assertThrows(TimeoutException.class, () -> queue.forEachUntilClosed(item -> { }, SHORT));
    }

    @Test
    void oneSentinelStopsOneWorker() throws Throwable {
        NoLeaks.check(() -> {
            ClosableQueue<Integer> in = new ClosableQueue<>();
            ClosableQueue<Integer> out = new ClosableQueue<>();
            List<StoppableWorker<Integer, Integer>> workers = StoppableWorker.startAll(4, "w", x -> x * 2, in, out);
            try {
                for (int i = 0; i < 100; i++) {
                    in.put(i, LONG);
                }
                for (int i = 0; i < 3; i++) {
                    in.close(LONG);
                }
                in.join(LONG);
                long stopped = 0;
                for (StoppableWorker<Integer, Integer> worker : workers) {
                    stopped += worker.join(Duration.ofMillis(500)) ? 1 : 0;
                }
                assertEquals(3, stopped, "three sentinels stop three of four workers");
                in.close(LONG);
                StoppableWorker.joinAll(workers, System.nanoTime() + LONG.toNanos());
            } finally {
                workers.forEach(Thread::interrupt);
            }
            assertEquals(100, out.qsize());
        });
    }

    @Test
    void stopAllSendsOneSentinelPerWorkerAndJoinsThem() throws Throwable {
        NoLeaks.check(() -> {
            ClosableQueue<Integer> in = new ClosableQueue<>();
            ClosableQueue<Integer> out = new ClosableQueue<>();
            List<StoppableWorker<Integer, Integer>> workers = StoppableWorker.startAll(5, "w", x -> x + 1, in, out);
            for (int i = 0; i < 1000; i++) {
                in.put(i, LONG);
            }
            StoppableWorker.stopAll(in, workers, LONG);
            workers.forEach(w -> assertFalse(w.isAlive()));
            assertEquals(1000, out.qsize());
            assertEquals(0, in.qsize(), "exactly one sentinel per worker: none left over");
            List<Integer> results = new ArrayList<>();
            out.close(LONG);
            out.forEachUntilClosed(results::add, LONG);
            assertEquals(1000, results.size());
            assertTrue(results.stream().allMatch(r -> r >= 1 && r <= 1000));
        });
    }

    /** A new queue holding {@code items}, in order, and then the sentinel that {@code close} puts. */
    private static ClosableQueue<Integer> closedAfter(Integer... items) throws Exception {
        ClosableQueue<Integer> queue = new ClosableQueue<>();
        for (Integer item : items) {
            queue.put(item, LONG);
        }
        queue.close(LONG);
        return queue;
    }
}
