package workbench.proc;

import java.nio.file.Path;
import java.util.List;

/** Something went wrong with a child process; the message names its command. */
public abstract sealed class ChildProcessException extends Exception
        permits ChildFailedException, ChildTimeoutException, ChildStartException {

    private static final long serialVersionUID = 1L;

    private final List<String> command;

    protected ChildProcessException(List<String> command, String what) {
        this(command, what, null);
    }

    protected ChildProcessException(List<String> command, String what, Throwable cause) {
        super("child " + describe(command) + " " + what, cause);
        this.command = List.copyOf(command);
    }

    public List<String> command() {
        return command;
    }

    /** The command as a reader would recognise it: the program's file name and its arguments, shortened. */
    static String describe(List<String> command) {
        if (command.isEmpty()) {
            return "[]";
        }
        String program = Path.of(command.get(0)).getFileName().toString();
        String joined = String.join(" ", command.subList(1, command.size()));
        if (joined.length() > 120) {
            joined = joined.substring(0, 57) + " ... " + joined.substring(joined.length() - 58);
        }
        return "'" + (joined.isEmpty() ? program : program + " " + joined) + "'";
    }
}
