package workbench.timeline;

import java.awt.Color;

/**
 * What a thread was doing during a stretch of its lane. Where recorded waits overlap (a GIL wait parks the thread
 * on a condition), the state listed first wins, so every instant of a lane has exactly one state.
 *
 * <p>What no JFR event covers is split by the OS's own accounting ({@code /proc/self/task/<tid>/schedstat},
 * sampled by {@code workbench.recording.SchedSampler}): {@link #ON_CPU}, {@link #RUNNABLE} (on a run queue) or
 * {@link #OFF_CPU} (neither, and no event says why); where no sample covers it, {@link #NOT_MEASURED}. The last
 * four never compete with the recorded states: they only fill what those leave.
 *
 * <p>Colours come in families a reader can tell apart at a glance: the GIL's states purple (holding) and red
 * (waiting); a CPU's green (on one) and yellow (waiting for one); blocked states blue, violet, pink, brown and
 * orange; the loop's cyan (running a callback) and grey (idle). What no source measured is drawn as absence:
 * white, hatched ({@link #absent()}), never as a colour of a state.
 */
public enum State {

    GIL_WAIT("waiting for the GIL", "gil", new Color(0xD6, 0x27, 0x28)),
    LOOP_IDLE("idle on the loop", "loop", new Color(0xC7, 0xC7, 0xC7)),
    /**
     * A blocking call the workbench's own code recorded where the JDK has no event (pipe read, accept, select,
     * waitFor child): {@link Lane.Segment#call()} names it. It wins over the JDK's events inside the call (the
     * monitor wait inside {@code Process.waitFor}): the code that made the call said what it waited for.
     */
    BLOCKED_CALL("blocked", "blocked", new Color(0x39, 0x3B, 0x79)),
    SLEEP("sleeping", "blocked", new Color(0x9E, 0xC9, 0xE2)),
    IO("blocked in I/O", "blocked", new Color(0x1F, 0x77, 0xB4)),
    MONITOR("blocked on a monitor", "blocked", new Color(0xC5, 0x1B, 0x7D)),
    JOIN("joining a thread", "blocked", new Color(0x8C, 0x56, 0x4B)),
    WAIT("waiting on a monitor", "blocked", new Color(0xF7, 0xB6, 0xD2)),
    PARK("parked (lock, queue, future)", "blocked", new Color(0xFF, 0x7F, 0x0E)),
    GIL_HOLD("holding the GIL (running)", "gil", new Color(0x54, 0x27, 0x88)),
    LOOP_CALLBACK("running a loop callback", "loop", new Color(0x17, 0xBE, 0xCF)),
    /** From the parent's launch of a worker JVM ({@code jdk.ProcessStart}) to the worker's first recorded event. */
    STARTING_JVM("starting JVM", "process", new Color(0x96, 0x96, 0x96)),
    /** On a CPU, as the OS counted it in the sample period (no GIL model, no loop callback recorded). */
    ON_CPU("running on a CPU", "run", new Color(0x2C, 0xA0, 0x2C)),
    /** Ready to run but on a CPU's run queue, waiting for one, as the OS counted it in the sample period. */
    RUNNABLE("runnable, waiting for a CPU", "run", new Color(0xFF, 0xD9, 0x2F)),
    /** Neither on a CPU nor on a run queue, with no event saying why (a call nothing records, a page fault). */
    OFF_CPU("off CPU, no event says why", "blocked", new Color(0xDA, 0xDA, 0xEB)),
    /**
     * No event, and no OS measurement either (sampler off, no {@code /proc}, a thread that lived between two
     * samples): running or runnable, unknown which. Drawn as a gap, never as a state's colour.
     */
    NOT_MEASURED("not measured", "unknown", Color.WHITE);

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
     * Whether the thread was on a CPU or ready for one: {@link #ON_CPU}, {@link #RUNNABLE}, {@link #NOT_MEASURED},
     * and the models' running states ({@link #GIL_HOLD}, {@link #LOOP_CALLBACK}), which the OS samples do not split.
     */
    public boolean running() {
        return this == ON_CPU || this == RUNNABLE || this == NOT_MEASURED || this == GIL_HOLD
                || this == LOOP_CALLBACK;
    }

    /** Whether this state fills what no event covers, from the OS's samples (or their absence). */
    public boolean filler() {
        return this == ON_CPU || this == RUNNABLE || this == OFF_CPU || this == NOT_MEASURED;
    }

    /** Whether the thread was blocked, not counting waits for the GIL. */
    public boolean blocked() {
        return category.equals("blocked");
    }
}
