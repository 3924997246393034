/**
 * The engines' own flight-recorder events: what the JDK cannot know about the workbench's models (who waits for
 * the GIL model, who holds it, who asked it to drop; a process pool task's submit, run in a worker and result; the
 * units of work an item is about, such as a Life cell's step or a client's session).
 *
 * <p>This package is on the bottom floor: every engine ({@code workbench.gil}, {@code workbench.procpool}, ...)
 * may import it, and it imports nothing of the workbench. Engines only <em>emit</em> these events; reading a
 * recording, drawing lanes and exporting traces live above the items, in {@code workbench.timeline}.
 *
 * <p>Cost: JFR keeps a disabled event's {@code commit()} to a test of one flag, and the engines create an event
 * only on their slow paths (a GIL hand-over happens at most once per switch interval). High-rate events carry no
 * stack trace ({@code @StackTrace(false)}). With no recording running they cost nothing measurable.
 */
package workbench.recording;
