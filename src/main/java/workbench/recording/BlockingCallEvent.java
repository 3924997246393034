package workbench.recording;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A thread blocked in a system call the JDK records no event for ({@code Selector.select}: an epoll wait). Without
 * it a timeline would draw that wait as running.
 */
@Name("workbench.BlockingCall")
@Label("Blocked in a system call")
@Category({"Workbench", "I/O"})
@Description("A blocking system call the JDK has no event for, such as Selector.select")
@StackTrace(false)
public final class BlockingCallEvent extends Event {

    @Label("Call")
    public String call;
}
