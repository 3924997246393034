package workbench.recording;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** An event loop ran one callback (asyncio's {@code Handle._run}): for as long as it runs, the loop is held. */
@Name("workbench.LoopCallback")
@Label("Loop callback")
@Category({"Workbench", "Event loop"})
@Description("An event loop ran one callback; nothing else runs on that loop meanwhile")
@StackTrace(false)
public final class LoopCallbackEvent extends Event {

    @Label("Loop")
    public String loop;

    @Label("Callback")
    @Description("The task or handle it ran for")
    public String callback;
}
