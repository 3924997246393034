package workbench.item58;

import workbench.life.CellGetter;

/**
 * What Item 58's queues carry, the book's tuples as records. A stage that fails does not throw: it puts its
 * exception in the record (the book puts it where the value would be), and the next stage passes it on, so the
 * main thread's fan-in can raise it as a {@link workbench.life.SimulationError}.
 */
final class Cells {

    private Cells() {
    }

    /** Phased pipeline, stage 1 input: {@code (y, x, state, get)}; {@code get} crosses threads. */
    record CountTask(int y, int x, char state, CellGetter get) {
    }

    /** Stage 2 input: {@code (y, x, state, neighbors_or_exception)}. */
    record LogicTask(int y, int x, char state, int neighbors, RuntimeException error) {

        LogicTask(int y, int x, char state, int neighbors) {
            this(y, x, state, neighbors, null);
        }
    }

    /** Output: {@code (y, x, next_state_or_exception)}. */
    record CellResult(int y, int x, char nextState, RuntimeException error) {
    }
}
