package workbench.demo;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Locale;

/** Python's formatting where the book's output depends on it and Java's differs. */
public final class PyFormat {

    private PyFormat() {
    }

    /**
     * Python's {@code format(value, '.N')}: a float with no presentation type, i.e. {@code 'g'} with {@code N}
     * significant digits, except that a fixed-point result keeps at least one digit after the point.
     * So {@code general(1.0123, 3)} is {@code "1.01"}, {@code general(1.0, 3)} is {@code "1.0"} and
     * {@code general(123.4, 3)} is {@code "1.23e+02"}. The book prints {@code Finished in {delta:.3} seconds}.
     */
    public static String general(double value, int precision) {
        if (precision < 1) {
            throw new IllegalArgumentException("precision must be at least 1, got " + precision);
        }
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return (1 / value < 0) ? "-0.0" : "0.0";
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        // CPython switches to exponent notation one digit early here, so that the ".0" it adds to a
        // fixed-point result still fits in the precision: format(123.4, '.3') is '1.23e+02'.
        if (exponent < -4 || exponent >= precision - 1) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String digits = mantissa.scale() <= 0 ? mantissa.toBigInteger().toString() : mantissa.toPlainString();
            return digits + String.format(Locale.ROOT, "e%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
        }
        String plain = rounded.stripTrailingZeros().toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /** Python's {@code repr(bytes)}: {@code b'...'} with printable ASCII as is and other bytes as escapes. */
    public static String bytesRepr(byte[] bytes) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte b : bytes) {
            hasSingle |= b == '\'';
            hasDouble |= b == '"';
        }
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder repr = new StringBuilder("b").append(quote);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == quote || c == '\\') {
                repr.append('\\').append((char) c);
            } else if (c == '\t') {
                repr.append("\\t");
            } else if (c == '\n') {
                repr.append("\\n");
            } else if (c == '\r') {
                repr.append("\\r");
            } else if (c < 0x20 || c >= 0x7f) {
                repr.append(String.format(Locale.ROOT, "\\x%02x", c));
            } else {
                repr.append((char) c);
            }
        }
        return repr.append(quote).toString();
    }

    /** The last {@code n} bytes, like Python's {@code data[-n:]}. */
    public static byte[] tail(byte[] data, int n) {
        int from = Math.max(0, data.length - n);
        return Arrays.copyOfRange(data, from, data.length);
    }
}
