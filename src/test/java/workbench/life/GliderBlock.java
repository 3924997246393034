package workbench.life;

import static org.junit.jupiter.api.Assertions.assertEquals;

import workbench.Demo;
import workbench.testing.DemoRun;

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

    /**
     * Runs {@code demo} with {@link DemoRun#run} and asserts that it printed the exact block, on lines of its own,
     * {@code times} times.
     */
    public static DemoRun.Captured runDemo(Demo demo, int times) throws Throwable {
        DemoRun.Captured run = DemoRun.run(demo);
        assertEquals(times, run.count("\n" + TEXT + "\n"), run.text());
        return run;
    }
}
