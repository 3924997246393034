package workbench.recording;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One phase of a process pool task: {@code submit} (in the parent, sending it), {@code run} (in the worker JVM,
 * running it) or {@code result} (in the parent, receiving its outcome). The pool's id and the task's number tie
 * the three together across JVMs.
 */
@Name("workbench.PoolTask")
@Label("Process pool task")
@Category({"Workbench", "Process pool"})
@Description("A process pool task's submit, run in a worker JVM, or result")
@StackTrace(false)
public final class PoolTaskEvent extends Event {

    @Label("Phase")
    @Description("submit, run or result")
    public String phase;

    @Label("Pool")
    @Description("The parent's pool id (parent pid and a counter)")
    public String pool;

    @Label("Task")
    public long task;

    @Label("Worker")
    @Description("The worker's index in its pool")
    public int worker;

    @Label("Process CPU time")
    @Description("On a run: the worker JVM's CPU time since it started, all its threads, when the task ended (-1"
            + " where the OS does not say); 0 on the parent's phases")
    @jdk.jfr.Timespan
    public long processCpu;
}
