package workbench.timeline;

import java.awt.Color;

/**
 * What a thread was doing during a stretch of its lane. Where recorded waits overlap (a GIL wait parks the thread
 * on a condition), the state listed first wins, so every instant of a lane has exactly one state.
 *
 * <p>Colours come in families a reader can tell apart at a glance: the GIL's states purple (holding) and red
 * (waiting); a CPU's green (on one) and yellow (waiting for one); blocked states blue, violet, pink, brown and
 * orange; the loop's cyan (running a callback) and grey (idle). What no source measured is drawn as absence:
 * white, hatched ({@link #absent()}), never as a colour of a state.
 */
public enum State {

    GIL_WAIT("waiting for the GIL", "gil", new Color(0xD6, 0x27, 0x28)),
    LOOP_IDLE("idle on the loop", "loop", new Color(0xC7, 0xC7, 0xC7)),
    SLEEP("sleeping", "blocked", new Color(0x9E, 0xC9, 0xE2)),
    IO("blocked in I/O", "blocked", new Color(0x1F, 0x77, 0xB4)),
    MONITOR("blocked on a monitor", "blocked", new Color(0xC5, 0x1B, 0x7D)),
    JOIN("joining a thread", "blocked", new Color(0x8C, 0x56, 0x4B)),
    WAIT("waiting on a monitor", "blocked", new Color(0xF7, 0xB6, 0xD2)),
    PARK("parked (lock, queue, future)", "blocked", new Color(0xFF, 0x7F, 0x0E)),
    GIL_HOLD("holding the GIL (running)", "gil", new Color(0x54, 0x27, 0x88)),
    LOOP_CALLBACK("running a loop callback", "loop", new Color(0x17, 0xBE, 0xCF)),
    STARTING_JVM("starting JVM", "process", new Color(0x96, 0x96, 0x96)),
    RUNNABLE("runnable, waiting for a CPU", "run", new Color(0xFF, 0xD9, 0x2F)),
    RUNNING_ON_CPU("running on a CPU", "run", new Color(0x2C, 0xA0, 0x2C)),
    NOT_MEASURED("not measured", "unknown", Color.WHITE),
    RUNNING("running or runnable", "run", new Color(0xA6, 0xDB, 0xA0));

    private final String label;
    private final String category;
    private final Color colour;

    State(String label, String category, Color colour) {
        this.label = label;
        this.category = category;
        this.colour = colour;
    }

    /** What the legend, the summary and the trace call it. */
    public String label() {
        return label;
    }

    /** The trace's {@code cat}: gil, blocked, loop, process, run or unknown. */
    public String category() {
        return category;
    }

    public Color colour() {
        return colour;
    }

    /** Whether this is no state at all but the absence of a measurement: drawn hatched on white, as a gap. */
    public boolean absent() {
        return this == NOT_MEASURED;
    }

    /**
     * Whether the thread was on a CPU or ready for one: the states JFR's events leave (it does not record the OS
     * scheduler) and their split by the OS's own accounting.
     */
    public boolean running() {
        return this == RUNNING || this == GIL_HOLD || this == LOOP_CALLBACK || this == RUNNING_ON_CPU
                || this == RUNNABLE;
    }

    /** Whether the thread was blocked, not counting waits for the GIL. */
    public boolean blocked() {
        return category.equals("blocked");
    }
}
