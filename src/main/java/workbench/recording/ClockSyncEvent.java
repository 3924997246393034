package workbench.recording;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One probe of an NTP-style clock exchange between a process pool and one of its worker JVMs, over the pool's own
 * pipe, so that a timeline can put the worker's recording on the parent's clock. In the parent
 * ({@code side = "parent"}) the event spans the probe's send to its answer; in the worker ({@code side =
 * "worker"}) it is the instant the worker stamped the probe. The worker's offset is {@code worker - (sent +
 * answered) / 2}, within half the round trip; the flight recorder's own timestamps are what is compared, since
 * they are what the timeline aligns.
 */
@Name("workbench.ClockSync")
@Label("Clock sync probe")
@Category({"Workbench", "Process pool"})
@Description("A clock probe between a process pool and a worker JVM: parent side spans the round trip")
@StackTrace(false)
public final class ClockSyncEvent extends Event {

    @Label("Side")
    @Description("parent (the round trip) or worker (its stamp)")
    public String side;

    @Label("Worker pid")
    public long workerPid;

    @Label("Probe")
    @Description("The probe's number, the same on both sides")
    public long probe;
}
