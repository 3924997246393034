package workbench.threads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.testing.NoLeaks;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ParkedThreadsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void everyThreadParksAndCloseEndsThemAll() throws Throwable {
        NoLeaks.check(() -> {
            for (ThreadFactory factory : List.of(Thread.ofPlatform().name("p-", 0).factory(),
                    Thread.ofVirtual().name("v-", 0).factory())) {
                List<Thread> made = new CopyOnWriteArrayList<>();
                try (ParkedThreads parked = ParkedThreads.park(runnable -> {
                    Thread thread = factory.newThread(runnable);
                    made.add(thread);
                    return thread;
                }, 40, TIMEOUT)) {
                    assertEquals(40, parked.started());
                    assertTrue(parked.allParked());
                    assertTrue(parked.refused().isEmpty());
                    assertTrue(made.stream().allMatch(Thread::isAlive), "all alive at once while parked");
                }
                assertTrue(made.stream().noneMatch(Thread::isAlive), "close() joined every thread");
            }
        });
    }

    @Test
    void aRefusedThreadStopsTheStartAndIsReported() throws Throwable {
        NoLeaks.check(() -> {
            ThreadFactory factory = Thread.ofPlatform().name("limited-", 0).factory();
            int[] made = {0};
            try (ParkedThreads parked = ParkedThreads.park(runnable -> {
                if (made[0]++ == 3) {
                    return new Thread(runnable) {
                        @Override
                        public void start() {
                            throw new OutOfMemoryError("unable to create native thread: as if the OS said no");
                        }
                    };
                }
                return factory.newThread(runnable);
            }, 10, TIMEOUT)) {
                assertEquals(3, parked.started());
                assertTrue(parked.allParked(), "the three started ones parked");
                assertTrue(parked.refused().orElseThrow().contains("unable to create native thread"));
            }
        });
    }

    @Test
    void residentSetIsReadOnLinuxAndMinusOneElsewhere() {
        long resident = ParkedThreads.residentBytes();
        if (new File("/proc/self/status").canRead()) {
            assertTrue(resident > 0, "VmRSS of a running JVM: " + resident);
        } else {
            assertEquals(-1, resident);
        }
        assertFalse(resident == 0);
    }
}
