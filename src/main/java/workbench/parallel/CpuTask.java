package workbench.parallel;

import java.io.Serializable;

/**
 * A CPU-bound function written once and run by every {@link Strategy}: in this thread, on Java threads, on
 * threads under the GIL model, or in worker JVMs (hence {@link Serializable}: a method reference such as
 * {@code Item64::gcd} travels by name, as Python pickles a function). It calls
 * {@link Checkpoint#backEdge()} once per iteration of its loop, where CPython would check for a GIL switch.
 *
 * @param <A> the input (serialisable)
 * @param <R> the result (serialisable)
 */
@FunctionalInterface
public interface CpuTask<A, R> extends Serializable {

    R apply(A input, Checkpoint checkpoint);
}
