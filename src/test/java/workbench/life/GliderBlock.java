package workbench.life;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import workbench.Demo;
import workbench.demo.Narrator;
import workbench.testing.NoLeaks;

/** The block Items 56, 57, 58 (twice), 59 and 60 (twice) print, exactly as in book-items.md; and a demo runner. */
public final class GliderBlock {

    public static final String TEXT = String.join("\n",
            "    0     |     1     |     2     |     3     |     4    ",
            "---*----- | --------- | --------- | --------- | ---------",
            "----*---- | --*-*---- | ----*---- | ---*----- | ----*----",
            "--***---- | ---**---- | --*-*---- | ----**--- | -----*---",
            "--------- | ---*----- | ---**---- | ---**---- | ---***---",
            "--------- | --------- | --------- | --------- | ---------");

    private GliderBlock() {
    }

    /** How often the exact block, on lines of its own, appears in {@code output}. */
    public static int occurrences(String output) {
        String line = "\n" + TEXT + "\n";
        int count = 0;
        for (int at = output.indexOf(line); at >= 0; at = output.indexOf(line, at + 1)) {
            count++;
        }
        return count;
    }

    /** Runs a demo through {@link NoLeaks#check} with its output captured. */
    public static String runDemo(Demo demo) throws Throwable {
        return NoLeaks.check(() -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            demo.run(new Narrator(new PrintStream(bytes, true, UTF_8)));
            return bytes.toString(UTF_8);
        });
    }
}
