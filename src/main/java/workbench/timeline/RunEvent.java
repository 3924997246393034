package workbench.timeline;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** The recorded run itself: its start and end bound every lane; committed by the thread that ran the example. */
@Name("workbench.TimelineRun")
@Label("Timeline run")
@Category("Workbench")
@Description("One example run recorded for a timeline")
@StackTrace(false)
final class RunEvent extends Event {

    @Label("Title")
    String title;

    @Label("Process id")
    long pid;

    @Label("Monotonic start")
    @Description("System.nanoTime() as the run began (CLOCK_MONOTONIC on Linux): puts a kernel trace on this axis")
    long monotonic;

    @Label("Process CPU time")
    @Description("CPU time the whole JVM used during the run, all threads (-1 where the OS does not say)")
    @jdk.jfr.Timespan
    long processCpu;

    @Label("Cores")
    @Description("Runtime.availableProcessors() of the recording JVM: at most so many threads on a CPU at once")
    int cores;
}
