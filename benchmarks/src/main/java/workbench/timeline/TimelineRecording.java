package workbench.timeline;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import jdk.jfr.Recording;
import workbench.recording.SchedSampler;

/**
 * What recording a timeline costs, as a JMH state an item's benchmark extends: one op runs the item's timeline
 * example ({@link TimelineExamples}, exactly what {@code workbench timeline} records) with {@code recording} off
 * or on, the flight recorder running with the timeline's settings ({@link TimelineRecorder#newRecording()}: waits
 * kept whatever their length, no stack traces) and the scheduler sampler ({@link SchedSampler}, at the timeline's
 * period) for the whole trial. The ratio of the two rows is the cost. (A process-pool example's worker JVMs get
 * the timeline's flags only inside {@link TimelineRecorder#record}, so here they run unrecorded.)
 */
@State(Scope.Benchmark)
public abstract class TimelineRecording {

    /** Whether the timeline's recording runs while the example does. */
    @Param({"off", "on"})
    public String recording;

    private final int item;
    private Recording jfr;
    /** The scheduler sampler a recorded timeline runs ({@link TimelineRecorder#record}), so its cost is measured. */
    private SchedSampler sampler;
    private TimelineExamples.Example example;

    /** The state of {@code item}'s timeline examples. */
    protected TimelineRecording(int item) {
        this.item = item;
    }

    /** The example's strategy name, a {@code @Param} of the subclass. */
    protected abstract String strategy();

    @Setup(Level.Trial)
    public void start() {
        example = TimelineExamples.find(item, strategy())
                .orElseThrow(() -> new IllegalArgumentException("Item " + item + " has no timeline " + strategy()));
        if (recording.equals("on")) {
            jfr = TimelineRecorder.newRecording();
            jfr.setMaxSize(64L << 20); // bounded on disk however long the trial runs
            jfr.start();
            sampler = SchedSampler.start(SchedSampler.DEFAULT_PERIOD).orElse(null);
        }
    }

    /** Runs the example once. */
    public void runExample() throws Exception {
        example.body().run();
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (sampler != null) {
            sampler.close();
            sampler = null;
        }
        if (jfr != null) {
            jfr.close();
            jfr = null;
        }
    }
}
