package workbench.life;

import workbench.demo.Narrator;

/**
 * Python's {@code logging.exception('Expected')} as Items 58 and 59 print it: the {@code ERROR:root:} line, then the
 * exception. Java shows the chain outermost first with {@code Caused by:} (Python shows the cause first and "The
 * above exception was the direct cause of the following exception"); stack frames are left out to keep the demo
 * short.
 */
public final class PyLogging {

    private PyLogging() {
    }

    public static void exception(Narrator out, String message, Throwable error) {
        out.println("ERROR:root:" + message);
        out.println(error);
        for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
            out.println("Caused by: " + cause);
        }
    }
}
