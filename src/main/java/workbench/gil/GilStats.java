package workbench.gil;

import java.time.Duration;
import java.util.Locale;

/**
 * A snapshot of a {@link Gil}'s counters since it was made, for demos that show what the GIL did. All zero for a
 * {@linkplain Gil#freeThreaded() free-threaded} model, which has no GIL to count.
 *
 * @param takes           times any thread took the GIL (CPython's {@code switch_number})
 * @param switches        takes by a thread other than the previous holder: real changes of hands (the very
 *                        first take is not one)
 * @param dropRequests    times a waiter, after a whole switch interval with no switch, set the drop request
 *                        (CPython's {@code SET_GIL_DROP_REQUEST})
 * @param forcedDrops     times a holder dropped the GIL at a check point because of a drop request
 * @param blockingReleases times a holder released the GIL around a blocking call ({@link Gil#releaseAround})
 * @param waits           takes that had to wait because another thread held the GIL
 * @param totalWaitNanos  the time those takes waited, summed
 * @param maxWaitNanos    the longest any one take waited
 * @param interruptedWaits waits for the GIL ended by an interrupt (the thread did not get the GIL)
 * @param waitingNow      threads waiting for the GIL when the snapshot was taken
 */
public record GilStats(long takes, long switches, long dropRequests, long forcedDrops, long blockingReleases,
                       long waits, long totalWaitNanos, long maxWaitNanos, long interruptedWaits, int waitingNow) {

    /** All counters zero: what a free-threaded model reports. */
    public static final GilStats NONE = new GilStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The longest any one thread waited to take the GIL. */
    public Duration maxWait() {
        return Duration.ofNanos(maxWaitNanos);
    }

    /** The mean wait of the takes that waited, zero when none did. */
    public Duration meanWait() {
        return waits == 0 ? Duration.ZERO : Duration.ofNanos(totalWaitNanos / waits);
    }

    /** One line for a demo: {@code 812 switches, 803 forced drops, 0 blocking releases, max wait 5.3 ms}. */
    public String summary() {
        return String.format(Locale.ROOT, "%d switches, %d forced drops, %d blocking releases, max wait %.1f ms",
                switches, forcedDrops, blockingReleases, maxWaitNanos / 1e6);
    }
}
