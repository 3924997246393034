package workbench.recording;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One round of {@link SchedSampler}: it spans the period its {@link ThreadSchedSampleEvent}s (same {@code round})
 * account for, from the end of the previous round's reads to the end of this one's. A thread read in the round
 * with no sample event of its own had neither CPU nor run-queue time in it. Where no round covers an instant, the
 * OS's accounting was not sampled there.
 */
@Name("workbench.SchedRound")
@Label("Scheduler sample round")
@Category({"Workbench", "OS scheduler"})
@Description("One period of the schedstat sampler: every thread of the JVM read once")
@StackTrace(false)
public final class SchedRoundEvent extends Event {

    @Label("Round")
    public long round;

    @Label("Period")
    @Description("The sampler's nominal period: the resolution of the on-CPU / runnable split")
    @Timespan
    public long period;

    @Label("Threads")
    @Description("How many of the JVM's threads were read")
    public int threads;

    @Label("Sampler CPU")
    @Description("CPU time the sampler's own round took (its cost)")
    @Timespan
    public long samplerCpu;
}
