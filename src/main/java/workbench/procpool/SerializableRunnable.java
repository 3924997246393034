package workbench.procpool;

import java.io.Serializable;

/** A {@link Runnable} that can cross a process boundary; its future's result is {@code null}. */
@FunctionalInterface
public interface SerializableRunnable extends Runnable, Serializable {
}
