package workbench.recording;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** A waiting thread asked the holder to drop the GIL model (a switch interval passed with no switch). */
@Name("workbench.GilDropRequest")
@Label("GIL drop request")
@Category({"Workbench", "GIL"})
@Description("A waiter set CPython's gil_drop_request: one switch interval passed with no switch")
@StackTrace(false)
public final class GilDropRequestEvent extends Event {

    @Label("GIL")
    public int gil;

    @Label("Holder")
    @Description("The thread asked to drop")
    public String holder;
}
