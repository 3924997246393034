package workbench.procpool;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What a task threw in a worker JVM, described in plain values: the original class name, message and stack
 * frames, with the original causes as a chain of {@code RemoteTaskException}s. It is the cause of the
 * {@link java.util.concurrent.ExecutionException} when the original exception cannot be restored in the parent
 * (its class is outside the pool's deserialisation allow-list, or it does not serialise); then the reason is
 * attached as a suppressed exception. When the original <em>is</em> restored, it is the cause itself (with its
 * remote stack trace, which Java serialises) and carries a frameless {@code RemoteTaskException} as a suppressed
 * note naming the worker: Python's {@code _RemoteTraceback}, which it attaches as {@code __cause__}.
 */
public final class RemoteTaskException extends Exception {

    private static final long serialVersionUID = 1L;
    private static final int MAX_CAUSES = 32;

    private final String remoteClassName;
    private final String remoteMessage;
    private final long workerPid;

    RemoteTaskException(String remoteClassName, String remoteMessage, long workerPid, String text) {
        super(text);
        this.remoteClassName = remoteClassName;
        this.remoteMessage = remoteMessage;
        this.workerPid = workerPid;
    }

    /** Describes {@code t} and its causes, with their stack frames, as raised in the worker {@code workerPid}. */
    static RemoteTaskException describe(Throwable t, long workerPid) {
        return describe(t, workerPid, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static RemoteTaskException describe(Throwable t, long workerPid, Set<Throwable> seen) {
        seen.add(t);
        String name = t.getClass().getName();
        String message = t.getMessage();
        RemoteTaskException description = new RemoteTaskException(name, message, workerPid,
                (message == null ? name : name + ": " + message) + " [in process pool worker pid " + workerPid + "]");
        description.setStackTrace(t.getStackTrace());
        Throwable cause = t.getCause();
        if (cause != null && !seen.contains(cause) && seen.size() < MAX_CAUSES) {
            description.initCause(describe(cause, workerPid, seen));
        }
        return description;
    }

    /** A frameless note saying that the exception it is attached to was raised in a worker. */
    RemoteTaskException asNote() {
        RemoteTaskException note = new RemoteTaskException(remoteClassName, remoteMessage, workerPid,
                "raised in process pool worker pid " + workerPid + "; the stack trace above is the worker's");
        note.setStackTrace(new StackTraceElement[0]);
        return note;
    }

    /** The binary class name of the exception the task threw, e.g. {@code java.lang.ArithmeticException}. */
    public String remoteClassName() {
        return remoteClassName;
    }

    /** The original exception's message, or null if it had none. */
    public String remoteMessage() {
        return remoteMessage;
    }

    /** The process id of the worker JVM the task ran in. */
    public long workerPid() {
        return workerPid;
    }

    /** The stack frames where the task threw, in the worker (the same as {@link #getStackTrace()}). */
    public List<StackTraceElement> remoteStackTrace() {
        return List.of(getStackTrace());
    }
}
