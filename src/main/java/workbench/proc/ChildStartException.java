package workbench.proc;

import java.io.IOException;
import java.util.List;

/** A child could not be started at all (no such program, no permission). */
public final class ChildStartException extends ChildProcessException {

    private static final long serialVersionUID = 1L;

    public ChildStartException(List<String> command, IOException cause) {
        super(command, "could not start: " + cause.getMessage(), cause);
    }
}
