package workbench.demo;

import java.util.Locale;

/**
 * What a demo's timed comparison showed, worded from the figure: {@code ratio} is how many times faster the variant
 * ran than its baseline (the baseline's time over the variant's, or the baseline's CPU over the variant's), and
 * {@code ideal} the most it can be (the ideal bound of a speedup, 1 for one thread at a time; NaN where there is
 * none). Demos print {@link #words()} through {@link Narrator#verdict}, which also records the verdict, so a check can
 * compare it with the benchmark's ratio for the same {@code comparison} without reading prose.
 *
 * <p>The wording rules, on the figure only: within {@link #SAME} of 1, "about the same"; above the ideal by more than
 * {@link #SAME}, "above the ideal: noise of a short run"; within {@link #NEAR} below the ideal, "near the ideal";
 * otherwise "faster" or "slower" (never "1.00x slower").
 */
public record Verdict(String comparison, double ratio, double ideal) {

    /** How far from 1 (or above the ideal) a figure may be and still read as equal: 10 %. */
    public static final double SAME = 0.10;
    /** How far below the ideal a speedup may be and read as near it: 20 %. */
    public static final double NEAR = 0.20;

    /** No ideal bound: a plain comparison of two ways. */
    public static final double NO_IDEAL = Double.NaN;

    /** What a figure shows, by the rules above; its words follow from it. */
    public enum Kind {
        NOT_MEASURED, ABOVE_IDEAL, ABOUT_SAME, NEAR_IDEAL, FASTER, SLOWER
    }

    /** The kind of this figure. */
    public Kind kind() {
        return kind(ratio, ideal);
    }

    /** The words for this figure. */
    public String words() {
        return words(ratio, ideal);
    }

    /** The kind of {@code ratio} against {@code ideal} (NaN: none). */
    public static Kind kind(double ratio, double ideal) {
        if (!Double.isFinite(ratio) || ratio <= 0) {
            return Kind.NOT_MEASURED;
        }
        boolean hasIdeal = Double.isFinite(ideal) && ideal > 0;
        if (hasIdeal && ratio > ideal * (1 + SAME)) {
            return Kind.ABOVE_IDEAL;
        }
        if (Math.abs(ratio - 1) <= SAME) {
            return Kind.ABOUT_SAME;
        }
        if (hasIdeal && ideal > 1 + SAME && ratio >= ideal * (1 - NEAR)) {
            return Kind.NEAR_IDEAL;
        }
        return ratio > 1 ? Kind.FASTER : Kind.SLOWER;
    }

    /** The words for {@code ratio} against {@code ideal} (NaN: none). */
    public static String words(double ratio, double ideal) {
        boolean speedup = Double.isFinite(ideal) && ideal > 1 + SAME;
        return switch (kind(ratio, ideal)) {
            case NOT_MEASURED -> "not measured";
            case ABOVE_IDEAL -> String.format(Locale.ROOT, "above the ideal %.2fx: noise of a short run", ideal);
            case ABOUT_SAME -> speedup ? String.format(Locale.ROOT, "about the same (the ideal is %.2fx)", ideal)
                    : "about the same";
            case NEAR_IDEAL -> String.format(Locale.ROOT, "near the ideal %.2fx", ideal);
            case FASTER -> speedup ? String.format(Locale.ROOT, "faster, short of the ideal %.2fx", ideal) : "faster";
            case SLOWER -> "slower";
        };
    }

    /** Which side of 1 the figure is on: -1 slower, 0 about the same, 1 faster. */
    public static int side(double ratio) {
        if (Math.abs(ratio - 1) <= SAME) {
            return 0;
        }
        return ratio > 1 ? 1 : -1;
    }
}
