package workbench.recording;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A thread held the GIL model: from taking it to dropping it (at a check point, around a blocking call, or at its
 * end); committed by the holder when it drops.
 */
@Name("workbench.GilHold")
@Label("Holding the GIL")
@Category({"Workbench", "GIL"})
@Description("A thread held the GIL model, from taking it to dropping it")
@StackTrace(false)
public final class GilHoldEvent extends Event {

    @Label("GIL")
    @Description("Which GIL model instance (identity hash), when several run in one recording")
    public int gil;

    @Label("Switch number")
    @Description("CPython's switch_number when this hold began: holds of one GIL in order")
    public long switchNumber;

    @Label("Dropped for")
    @Description("Why the holder dropped it: check point (asked to), blocking call, or end")
    public String droppedFor;
}
