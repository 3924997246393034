package workbench.item55;

import java.time.Duration;

/**
 * Item 55, Example 1: the three pipeline stages. In the book they are identity stubs; here each may also wait a
 * simulated I/O latency (beyond the book), the case in which more workers per stage really help.
 */
public record Stages(Duration latency) {

    /** The book's stubs: no latency. */
    public static final Stages IDENTITY = new Stages(Duration.ZERO);

    public Object download(Object item) {
        pause();
        return item;
    }

    public Object resize(Object item) {
        pause();
        return item;
    }

    public Object upload(Object item) {
        pause();
        return item;
    }

    /** Waits the simulated latency; an interrupt ends the wait early and stays set for the caller to see. */
    private void pause() {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
