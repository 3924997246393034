package workbench.item63;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;
import workbench.eventloop.EventLoop;

/**
 * A timer that fires every {@code period} on an event loop and records how late each tick ran: the loop's
 * responsiveness, as any other task on it would feel it. A callback that blocks the loop for 20 ms makes the
 * next tick up to 20 ms late.
 */
@ThreadSafe
public final class Heartbeat {

    /** How late the ticks ran, in milliseconds. */
    public record Lateness(int ticks, double p50, double p99, double max) {

        static Lateness of(long[] latenessNanos) {
            if (latenessNanos.length == 0) {
                return new Lateness(0, 0, 0, 0);
            }
            long[] sorted = latenessNanos.clone();
            Arrays.sort(sorted);
            return new Lateness(sorted.length, percentile(sorted, 50), percentile(sorted, 99),
                    sorted[sorted.length - 1] / 1e6);
        }

        private static double percentile(long[] sorted, int p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length) - 1; // nearest rank
            return sorted[Math.max(0, rank)] / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d ticks, late by p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                    ticks, p50, p99, max);
        }
    }

    private final EventLoop loop;
    private final long periodNanos;
    @GuardedBy("this")
    private long[] lateness = new long[64];
    @GuardedBy("this")
    private int ticks;
    @GuardedBy("this")
    private boolean stopped;
    @GuardedBy("this")
    private EventLoop.Timer next;

    private Heartbeat(EventLoop loop, Duration period) {
        this.loop = loop;
        this.periodNanos = period.toNanos();
    }

    /** Starts ticking every {@code period} on {@code loop}. */
    public static Heartbeat start(EventLoop loop, Duration period) {
        Heartbeat heartbeat = new Heartbeat(loop, period);
        heartbeat.schedule(loop.time() + heartbeat.periodNanos);
        return heartbeat;
    }

    private synchronized void schedule(long deadline) {
        if (!stopped) {
            next = loop.callAt(deadline, () -> tick(deadline));
        }
    }

    private void tick(long deadline) {
        long now = loop.time();
        synchronized (this) {
            if (ticks == lateness.length) {
                lateness = Arrays.copyOf(lateness, ticks * 2);
            }
            lateness[ticks++] = now - deadline;
        }
        schedule(now + periodNanos);
    }

    /** Stops ticking and returns how late the ticks were. */
    public synchronized Lateness stop() {
        stopped = true;
        if (next != null) {
            next.cancel();
        }
        return Lateness.of(Arrays.copyOf(lateness, ticks));
    }
}
