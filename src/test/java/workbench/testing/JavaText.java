package workbench.testing;

/**
 * A Java source split into what the compiler reads and what a reader reads: {@link #code} without comments and
 * literals (text blocks included), {@link #comments} only the comments. Good enough for the house's own sources,
 * which the scans of {@code PackageRulesTest} and {@code NoHandTypedFigureTest} read; not a Java lexer for any input
 * (unicode escapes are not decoded).
 */
public final class JavaText {

    private JavaText() {
    }

    /** The text without its comments, string and character literals (text blocks included). */
    public static String code(String text) {
        return split(text, false);
    }

    /** The text of the comments only, each followed by a line break. */
    public static String comments(String text) {
        return split(text, true);
    }

    private static String split(String text, boolean wantComments) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("//", i) || text.startsWith("/*", i)) {
                boolean line = text.startsWith("//", i);
                int end = line ? indexOrEnd(text, "\n", i) : indexOrEnd(text, "*/", i + 2) + 2;
                if (wantComments) {
                    out.append(text, i, Math.min(end, text.length())).append('\n');
                }
                i = end;
            } else if (text.startsWith("\"\"\"", i)) {
                i = indexOrEnd(text, "\"\"\"", i + 3) + 3;
            } else if (text.charAt(i) == '"' || text.charAt(i) == '\'') {
                char quote = text.charAt(i++);
                while (i < text.length() && text.charAt(i) != quote) {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else {
                if (!wantComments) {
                    out.append(text.charAt(i));
                }
                i++;
            }
        }
        return out.toString();
    }

    private static int indexOrEnd(String text, String what, int from) {
        int at = text.indexOf(what, from);
        return at < 0 ? text.length() : at;
    }
}
