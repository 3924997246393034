package workbench.recording;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One unit of the work an item is about, from its start to its end: a Game of Life cell's step, a client's
 * session with a server. Committed by the thread that ends it (for a coroutine, its loop's thread), so a timeline
 * draws it in that thread's lane; units that overlap on one thread (coroutines on a loop) are drawn as rows of
 * their own.
 */
@Name("workbench.WorkUnit")
@Label("Unit of work")
@Category("Workbench")
@Description("One unit of an item's work (a cell's step, a client session), from its start to its end")
@StackTrace(false)
public final class WorkUnitEvent extends Event {

    @Label("Kind")
    @Description("What the unit is: cell, session, ...")
    public String kind;

    @Label("Unit")
    @Description("Which one: the cell's coordinates, the session's number")
    public String unit;

    /** Commits this event, begun earlier, as unit {@code unit} of kind {@code kind} if a recording wants it. */
    public void end(String kind, String unit) {
        if (shouldCommit()) {
            this.kind = kind;
            this.unit = unit;
            commit();
        }
    }
}
