package workbench.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class JoinableQueueTest {

    private static final Duration SHORT = Duration.ofMillis(50);
    private static final Duration LONG = Duration.ofSeconds(10);

    @Test
    void isFifo() throws Exception {
        JoinableQueue<Integer> queue = new JoinableQueue<>();
        for (int i = 0; i < 5; i++) {
            queue.put(i, LONG);
        }
        assertEquals(5, queue.qsize());
        for (int i = 0; i < 5; i++) {
            assertEquals(i, queue.get(LONG));
        }
    }

    @Test
    void getOnAnEmptyQueueTimesOut() {
        JoinableQueue<Integer> queue = new JoinableQueue<>();
        assertThrows(TimeoutException.class, () -> queue.get(SHORT));
    }

    @Test
    void putOnAFullBoundedQueueTimesOutUntilAGetMakesRoom() throws Exception {
        JoinableQueue<Integer> queue = new JoinableQueue<>(1);
        queue.put(1, LONG);
        assertThrows(TimeoutException.class, () -> queue.put(2, SHORT));
        assertEquals(1, queue.get(LONG));
        queue.put(2, SHORT);
        assertEquals(1, queue.qsize());
    }

    @Test
    void aBlockedPutProceedsWhenAConsumerTakes() throws Exception {
        JoinableQueue<Integer> queue = new JoinableQueue<>(1);
        queue.put(1, LONG);
        Thread producer = Thread.ofPlatform().start(() -> {
            try {
                queue.put(2, LONG);
            } catch (InterruptedException | TimeoutException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(1, queue.get(LONG));
        assertEquals(2, queue.get(LONG));
        assertTrue(producer.join(LONG));
    }

    @Test
    void joinWaitsForEveryTaskDoneNotForAnEmptyQueue() throws Exception {
        JoinableQueue<String> queue = new JoinableQueue<>();
        queue.put("a", LONG);
        queue.put("b", LONG);
        queue.get(LONG);
        queue.get(LONG);
        assertEquals(0, queue.qsize());
        assertThrows(TimeoutException.class, () -> queue.join(SHORT), "empty but not done");
        queue.taskDone();
        assertThrows(TimeoutException.class, () -> queue.join(SHORT), "one task still unfinished");
        queue.taskDone();
        queue.join(SHORT);
        assertEquals(0, queue.unfinishedTasks());
    }

    @Test
    void joinReturnsWhenAnotherThreadFinishesTheLastTask() throws Exception {
        JoinableQueue<String> queue = new JoinableQueue<>();
        queue.put("work", LONG);
        CountDownLatch taken = new CountDownLatch(1);
        Thread consumer = Thread.ofPlatform().start(() -> {
            try {
                queue.get(LONG);
                taken.countDown();
                Thread.sleep(50);
                queue.taskDone();
            } catch (InterruptedException | TimeoutException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(taken.await(10, TimeUnit.SECONDS));
        queue.join(LONG);
        assertEquals(0, queue.unfinishedTasks());
        assertTrue(consumer.join(LONG));
    }

    @Test
    void taskDoneTooOftenIsAnError() throws Exception {
        JoinableQueue<String> queue = new JoinableQueue<>();
        assertThrows(IllegalStateException.class, queue::taskDone);
        queue.put("x", LONG);
        queue.get(LONG);
        queue.taskDone();
        assertThrows(IllegalStateException.class, queue::taskDone);
    }

    /** Every wait has a timeout: no public blocking call of either queue waits untimed. */
    @Test
    void everyPublicBlockingCallTakesATimeout() {
        for (Class<?> type : List.of(JoinableQueue.class, ClosableQueue.class)) {
            for (Method method : type.getMethods()) {
                if (Set.of("put", "get", "join", "close", "forEachUntilClosed").contains(method.getName())) {
                    assertTrue(Arrays.asList(method.getParameterTypes()).contains(Duration.class),
                            type.getSimpleName() + "." + method.getName() + " waits untimed");
                }
            }
        }
    }

    @Test
    void refusesNullAndNegativeCapacity() {
        assertThrows(NullPointerException.class, () -> new JoinableQueue<String>().put(null, LONG));
        assertThrows(IllegalArgumentException.class, () -> new JoinableQueue<String>(-1));
    }
}
