package workbench.recording;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * An event loop waited for I/O or its next timer with nothing ready to run (its selector's wait, which the JDK
 * records no event for).
 */
@Name("workbench.LoopIdle")
@Label("Loop idle")
@Category({"Workbench", "Event loop"})
@Description("An event loop waited for I/O or a timer with nothing to run")
@StackTrace(false)
public final class LoopIdleEvent extends Event {

    @Label("Loop")
    public String loop;
}
