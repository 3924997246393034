package workbench.procpool;

import java.util.concurrent.RejectedExecutionException;

/**
 * A worker JVM died while the pool was running (a crash, {@code System.exit} in a task, SIGKILL): Python's
 * {@code concurrent.futures.process.BrokenProcessPool}. Every future that was running or pending fails with this
 * exception as its {@link java.util.concurrent.ExecutionException#getCause() cause}, the pool kills its other
 * workers, and every later submit throws it at once. It is a {@link RejectedExecutionException} because that is
 * what an {@link java.util.concurrent.ExecutorService} throws when it cannot accept a task.
 */
public final class BrokenProcessPoolException extends RejectedExecutionException {

    private static final long serialVersionUID = 1L;

    public BrokenProcessPoolException(String message) {
        super(message);
    }
}
