package workbench.demo;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Where a demo prints. Lines the book prints go through {@link #println} and {@link #printf} (always in
 * {@link Locale#ROOT}, so {@code 0.123} never becomes {@code 0,123}); the workbench's own commentary is
 * set apart: {@link #example} heads each of the book's examples and {@link #java} marks what Java shows
 * differently from Python.
 */
public final class Narrator {

    private final PrintStream out;

    public Narrator(PrintStream out) {
        this.out = out;
    }

    public static Narrator stdout() {
        return new Narrator(System.out);
    }

    /** Heads one of the book's examples, e.g. {@code example("3-4", "fan-out: ten children at once")}. */
    public void example(String number, String title) {
        out.println();
        out.println("--- Example " + number + ": " + title);
    }

    /** Heads a part the book does not have: a variant or measurement that shows what Java does. */
    public void beyond(String title) {
        out.println();
        out.println("--- Beyond the book: " + title);
    }

    /** A line the book's example prints (Python's {@code print(...)}). */
    public void println(Object line) {
        out.println(line);
    }

    public void println() {
        out.println();
    }

    public void printf(String format, Object... args) {
        out.print(String.format(Locale.ROOT, format, args));
    }

    /** The book's timing line {@code Took {delta:.3f} seconds}, for a span measured with {@link System#nanoTime}. */
    public void took(long startNanos) {
        printf("Took %.3f seconds%n", seconds(startNanos));
    }

    /** Where Java differs from Python: printed after the book's lines, marked so nobody mistakes it for them. */
    public void java(String note) {
        out.println("  [Java] " + note);
    }

    public void javaf(String format, Object... args) {
        java(String.format(Locale.ROOT, format, args));
    }

    /**
     * The demo's last line: how to see its examples as a timeline of who ran when ({@code workbench timeline}
     * writes the lanes as PNG, a Trace Event JSON for the Perfetto UI, and the flight recording).
     */
    public void seeTimeline(int item) {
        out.println();
        out.println("See it: `java -jar target/workbench.jar timeline " + item + "` records these examples and draws"
                + " who ran when (PNG, Perfetto JSON, .jfr).");
    }

    public PrintStream stream() {
        return out;
    }

    /** Seconds since {@code startNanos} (a {@link System#nanoTime} reading). */
    public static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
