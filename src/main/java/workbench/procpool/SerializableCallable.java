package workbench.procpool;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A {@link Callable} that can cross a process boundary. A lambda or method reference whose target type is this
 * interface is compiled as a serialisable lambda, so {@code pool.submit(() -> work(42))} just works, provided
 * everything it captures is serialisable too.
 *
 * @param <T> the result type; it must be serialisable and allowed by the pool's deserialisation filter
 */
@FunctionalInterface
public interface SerializableCallable<T> extends Callable<T>, Serializable {
}
