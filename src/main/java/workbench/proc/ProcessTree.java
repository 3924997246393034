package workbench.proc;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ending a child together with everything it started. The descendants are listed <em>before</em> the child is
 * signalled: once it dies, its children are re-parented and no longer show up as its descendants.
 */
public final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * Asks the child and its descendants to stop (SIGTERM on Unix), waits up to {@code grace}, then kills
     * (SIGKILL) whatever is still alive and waits for it to be gone. Interruption is re-asserted, never lost.
     *
     * @return true when everything is gone
     */
    public static boolean destroy(ProcessHandle root, Duration grace) {
        List<ProcessHandle> tree = root.descendants().toList();
        root.destroy();
        tree.forEach(ProcessHandle::destroy);
        boolean interrupted = false;
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            interrupted |= awaitExit(root, deadline);
            for (ProcessHandle handle : tree) {
                interrupted |= awaitExit(handle, deadline);
            }
            if (root.isAlive() || tree.stream().anyMatch(ProcessHandle::isAlive)) {
                root.destroyForcibly();
                tree.forEach(ProcessHandle::destroyForcibly);
                long killDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                interrupted |= awaitExit(root, killDeadline);
                for (ProcessHandle handle : tree) {
                    interrupted |= awaitExit(handle, killDeadline);
                }
            }
            return !root.isAlive() && tree.stream().noneMatch(ProcessHandle::isAlive);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Kills (SIGKILL) a child and its descendants at once, without a grace period. */
    public static void kill(ProcessHandle root) {
        List<ProcessHandle> tree = root.descendants().toList();
        root.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    /** Waits for {@code handle} to exit until {@code deadlineNanos}; returns true if interrupted meanwhile. */
    private static boolean awaitExit(ProcessHandle handle, long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0 || !handle.isAlive()) {
            return false;
        }
        try {
            handle.onExit().get(left, TimeUnit.NANOSECONDS);
            return false;
        } catch (InterruptedException e) {
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
