package workbench.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How the report prints a figure: a score to some significant digits, a ratio, a percentage; blank for none. */
final class Figures {

    private Figures() {
    }

    /** {@code value} rounded to {@code significant} digits, without trailing zeros; blank for NaN. */
    static String fmt(double value, int significant) {
        if (Double.isNaN(value)) {
            return "";
        }
        return new BigDecimal(value).round(new MathContext(significant)).stripTrailingZeros()
                .toPlainString();
    }

    /** A ratio such as {@code 3.25x}; blank for NaN or infinity. */
    static String times(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "" : String.format(Locale.ROOT, "%.2fx", value);
    }

    /** A fraction as a whole percentage such as {@code 81%}; blank for NaN or infinity. */
    static String percent(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "" : String.format(Locale.ROOT, "%.0f%%", 100 * value);
    }
}
