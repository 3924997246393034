package workbench.threads;

import java.time.Duration;

/**
 * A wait that stands in for blocking I/O, beyond the book (which only marks where a {@code recv} would go): Item
 * 55's pipeline stages and the Game of Life's rules of Items 56-60 wait here.
 */
public final class SimulatedIo {

    private SimulatedIo() {
    }

    /**
     * Waits {@code latency} (zero: returns at once). An interrupt ends the wait early and stays set on the thread;
     * the caller decides what it means, from the result.
     *
     * @return {@code true} when the whole latency passed, {@code false} when an interrupt ended it
     */
    public static boolean pause(Duration latency) {
        if (latency.isZero()) {
            return true;
        }
        try {
            Thread.sleep(latency);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
