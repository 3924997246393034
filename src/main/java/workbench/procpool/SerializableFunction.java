package workbench.procpool;

import java.io.Serializable;
import java.util.function.Function;

/**
 * A {@link Function} that can cross a process boundary: what {@link ProcessPool#map} and
 * {@link ProcessPool#submit(SerializableFunction, Object)} run in a worker JVM, as Python's
 * {@code pool.map(fn, items)} pickles {@code fn} by reference.
 *
 * @param <A> the argument type (serialisable)
 * @param <R> the result type (serialisable)
 */
@FunctionalInterface
public interface SerializableFunction<A, R> extends Function<A, R>, Serializable {
}
