package workbench.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One debug-mode line in asyncio's shape, {@code Executing <Task finished name='Task-1' coro=<slow_coroutine()
 * done, defined at FRAME> result=None created at FRAME> took 0.501 seconds}, taken apart into its fields, so a test checks what the line carries and not how we word it.
 */
public record SlowCallbackLine(String state, String taskName, String coro, Frame definedAt, String result,
                               Frame createdAt, double seconds) {

    private static final Pattern LINE = Pattern.compile("Executing <Task (pending|finished|cancelled)"
            + " name='([^']+)' coro=<(\\w+)\\(\\) (running at|done, defined at) (\\S+)>"
            + "(?: result=(.*?)| exception=(.*?))?(?: created at (\\S+))?> took (\\d+\\.\\d{3}) seconds");

    public static boolean isTask(String line) {
        return line.startsWith("Executing <Task ");
    }

    public static SlowCallbackLine parse(String line) {
        Matcher m = LINE.matcher(line);
        assertTrue(m.matches(), "not in asyncio's shape: " + line);
        String where = m.group(4);
        assertEquals(m.group(1).equals("pending") ? "running at" : "done, defined at", where, line);
        return new SlowCallbackLine(m.group(1), m.group(2), m.group(3), Frame.parse(m.group(5)),
                m.group(6) != null ? m.group(6) : m.group(7), m.group(8) == null ? null : Frame.parse(m.group(8)),
                Double.parseDouble(m.group(9)));
    }

    /** A stack frame as Java prints it: {@code pkg.Class.method(File.java:12)}. */
    public record Frame(String method, String file, int line) {

        private static final Pattern FRAME = Pattern.compile("(.+)\\(([\\w$]+\\.java):(\\d+)\\)");

        public static Frame parse(String text) {
            Matcher m = FRAME.matcher(text);
            assertTrue(m.matches(), "not a stack frame: " + text);
            return new Frame(m.group(1), m.group(2), Integer.parseInt(m.group(3)));
        }
    }
}
