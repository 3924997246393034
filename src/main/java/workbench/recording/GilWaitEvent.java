package workbench.recording;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A thread waited to take the GIL model (CPython's {@code take_gil} blocking); committed by the waiter. */
@Name("workbench.GilWait")
@Label("Waiting for the GIL")
@Category({"Workbench", "GIL"})
@Description("A thread waited for the GIL model until it took it")
@StackTrace(false)
public final class GilWaitEvent extends Event {

    @Label("GIL")
    @Description("Which GIL model instance (identity hash), when several run in one recording")
    public int gil;
}
