package workbench.timeline;

import java.awt.Color;

/**
 * What a thread was doing during a stretch of its lane. Where recorded waits overlap (a GIL wait parks the thread
 * on a condition), the state listed first wins, so every instant of a lane has exactly one state.
 */
public enum State {

    GIL_WAIT("waiting for the GIL", "gil", new Color(0xD6, 0x27, 0x28)),
    LOOP_IDLE("idle on the loop", "loop", new Color(0xC7, 0xC7, 0xC7)),
    SLEEP("sleeping", "blocked", new Color(0x9E, 0xC9, 0xE2)),
    IO("blocked in I/O", "blocked", new Color(0x1F, 0x77, 0xB4)),
    MONITOR("blocked on a monitor", "blocked", new Color(0x94, 0x67, 0xBD)),
    JOIN("joining a thread", "blocked", new Color(0xBC, 0xBD, 0x22)),
    WAIT("waiting on a monitor", "blocked", new Color(0xC5, 0xB0, 0xD5)),
    PARK("parked (lock, queue, future)", "blocked", new Color(0xFF, 0x7F, 0x0E)),
    GIL_HOLD("holding the GIL (running)", "gil", new Color(0x2C, 0xA0, 0x2C)),
    LOOP_CALLBACK("running a loop callback", "loop", new Color(0x17, 0xBE, 0xCF)),
    RUNNING("running or runnable", "run", new Color(0x98, 0xDF, 0x8A));

    private final String label;
    private final String category;
    private final Color colour;

    State(String label, String category, Color colour) {
        this.label = label;
        this.category = category;
        this.colour = colour;
    }

    /** What the legend and the trace call it. */
    public String label() {
        return label;
    }

    /** The trace's {@code cat}: gil, blocked, loop or run. */
    public String category() {
        return category;
    }

    public Color colour() {
        return colour;
    }

    /** Whether the thread was on a CPU, or ready for one (JFR does not record the OS scheduler). */
    public boolean running() {
        return this == RUNNING || this == GIL_HOLD || this == LOOP_CALLBACK;
    }

    /** Whether the thread was blocked, not counting waits for the GIL. */
    public boolean blocked() {
        return category.equals("blocked");
    }
}
