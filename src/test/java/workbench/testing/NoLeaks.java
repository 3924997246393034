package workbench.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.function.ThrowingSupplier;

/**
 * Asserts that code leaves nothing running behind: no non-daemon thread it started and no child process
 * (nor any descendant) of this JVM. Things get {@link #GRACE} to wind down before it counts as a leak.
 *
 * <pre>
 *   String output = NoLeaks.check(() -> runDemo());
 * </pre>
 */
public final class NoLeaks {

    public static final Duration GRACE = Duration.ofSeconds(5);

    private NoLeaks() {
    }

    public static <T> T check(ThrowingSupplier<T> body) throws Throwable {
        Set<Thread> before = nonDaemonThreads();
        Set<Long> childrenBefore = descendants();
        T result = body.get();
        assertNothingLeft(before, childrenBefore);
        return result;
    }

    public static void check(Executable body) throws Throwable {
        check(() -> {
            body.execute();
            return null;
        });
    }

    /** Fails when a non-daemon thread not in {@code before}, or a child not in {@code childrenBefore}, lives on. */
    public static void assertNothingLeft(Set<Thread> before, Set<Long> childrenBefore) throws InterruptedException {
        long deadline = System.nanoTime() + GRACE.toNanos();
        List<Thread> threads;
        List<ProcessHandle> processes;
        do {
            threads = nonDaemonThreads().stream().filter(t -> !before.contains(t)).toList();
            processes = ProcessHandle.current().descendants()
                    .filter(p -> !childrenBefore.contains(p.pid()))
                    .filter(ProcessHandle::isAlive)
                    .toList();
            if (threads.isEmpty() && processes.isEmpty()) {
                return;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        processes.forEach(ProcessHandle::destroyForcibly);
        fail("left behind after " + GRACE.toSeconds() + " s: non-daemon threads "
                + threads.stream().map(Thread::getName).toList() + ", child processes "
                + processes.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList());
    }

    public static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon())
                .collect(Collectors.toSet());
    }

    public static Set<Long> descendants() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
