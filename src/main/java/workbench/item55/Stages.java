package workbench.item55;

import java.time.Duration;

import workbench.threads.SimulatedIo;

/**
 * Item 55, Example 1: the three pipeline stages. In the book they are identity stubs; here each may also wait a
 * simulated I/O latency (beyond the book), the case in which more workers per stage really help. An interrupt
 * ends that wait early and stays set for the worker to see.
 */
public record Stages(Duration latency) {

    /** The book's stubs: no latency. */
    public static final Stages IDENTITY = new Stages(Duration.ZERO);

    public Object download(Object item) {
        SimulatedIo.pause(latency);
        return item;
    }

    public Object resize(Object item) {
        SimulatedIo.pause(latency);
        return item;
    }

    public Object upload(Object item) {
        SimulatedIo.pause(latency);
        return item;
    }
}
