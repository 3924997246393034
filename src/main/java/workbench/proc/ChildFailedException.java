package workbench.proc;

import java.util.List;

/** A child exited with a non-zero status. Carries the command, the exit code and the tail of its stderr. */
public final class ChildFailedException extends ChildProcessException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;
    private final String stderrTail;

    public ChildFailedException(List<String> command, int exitCode, String stderrTail) {
        super(command, "exited with status " + exitCode
                + (stderrTail.isBlank() ? " (nothing on stderr)" : "; stderr ends with:\n" + stderrTail.strip()));
        this.exitCode = exitCode;
        this.stderrTail = stderrTail;
    }

    public int exitCode() {
        return exitCode;
    }

    public String stderrTail() {
        return stderrTail;
    }
}
