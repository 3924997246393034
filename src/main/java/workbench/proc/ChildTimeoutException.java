package workbench.proc;

import java.time.Duration;
import java.util.List;

/** A child outlived its timeout (Python's {@code subprocess.TimeoutExpired}). */
public final class ChildTimeoutException extends ChildProcessException {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    public ChildTimeoutException(List<String> command, Duration timeout) {
        super(command, "did not finish within " + timeout.toMillis() + " ms");
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
