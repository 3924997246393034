package workbench.recording;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * One thread's time on a CPU and on a run queue during one {@link SchedRoundEvent} (same {@code round}), as the
 * kernel counted it ({@code /proc/self/task/<tid>/schedstat}); committed by {@link SchedSampler}'s thread, so the
 * event's own thread is the sampler: {@code osThreadId} names the thread measured. Only threads with a non-zero
 * delta are committed.
 */
@Name("workbench.ThreadSchedSample")
@Label("Thread scheduler sample")
@Category({"Workbench", "OS scheduler"})
@Description("A thread's on-CPU and run-queue nanoseconds over one sampler round")
@StackTrace(false)
public final class ThreadSchedSampleEvent extends Event {

    @Label("Round")
    public long round;

    @Label("OS thread id")
    @Description("The measured thread's tid, as RecordedThread.getOSThreadId() gives it")
    public long osThreadId;

    @Label("Thread name")
    @Description("The OS's name of the thread (/proc/self/task/<tid>/comm, at most 15 characters)")
    public String threadName;

    @Label("On CPU")
    @Timespan
    public long onCpu;

    @Label("Run queue")
    @Description("Time runnable, waiting on a CPU's run queue")
    @Timespan
    public long runQueue;
}
