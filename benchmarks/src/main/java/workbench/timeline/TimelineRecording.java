package workbench.timeline;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import jdk.jfr.Recording;
import workbench.Catalog;
import workbench.examples.Example;
import workbench.examples.RunContext;
import workbench.recording.SchedSampler;

/**
 * What recording a timeline costs, as a JMH state an item's benchmark extends: one op runs one way of one of the
 * item's declared examples ({@code workbench.itemNN.ItemNNExamples}, exactly what {@code workbench timeline}
 * records) with {@code recording} off or on, the flight recorder running with the timeline's settings
 * ({@link TimelineRecorder#newRecording()}: waits kept whatever their length, no stack traces) and the scheduler
 * sampler ({@link SchedSampler}, at the timeline's period) for the whole trial. The ratio of the two rows is the
 * cost. (A process-pool example's worker JVMs get the timeline's flags only inside {@link TimelineRecorder#record},
 * so here they run unrecorded.)
 */
@State(Scope.Benchmark)
public abstract class TimelineRecording {

    /** Whether the timeline's recording runs while the example does. */
    @Param({"off", "on"})
    public String recording;

    private final int item;
    private final String example;
    private Recording jfr;
    /** The scheduler sampler a recorded timeline runs ({@link TimelineRecorder#record}), so its cost is measured. */
    private SchedSampler sampler;
    private Example.Run run;

    /** The state of {@code item}'s example named {@code example}. */
    protected TimelineRecording(int item, String example) {
        this.item = item;
        this.example = example;
    }

    /** The slug of the way this row runs ({@code gil-threads}), from the subclass's {@code @Param}. */
    protected abstract String way();

    @Setup(Level.Trial)
    public void start() {
        run = Catalog.require(item).examples().runs().stream()
                .filter(r -> r.example().name().equals(example) && r.way().slug().equals(way())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Item " + item + "'s example " + example
                        + " has no way " + way()));
        if (recording.equals("on")) {
            jfr = TimelineRecorder.newRecording();
            jfr.setMaxSize(64L << 20); // bounded on disk however long the trial runs
            jfr.start();
            sampler = SchedSampler.start(SchedSampler.DEFAULT_PERIOD).orElse(null);
        }
    }

    /** Runs the example once, one way (its worker JVMs, if any, record nothing of their own). */
    public void runExample() throws Exception {
        run.task().run(RunContext.PLAIN);
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
