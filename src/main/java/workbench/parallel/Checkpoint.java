package workbench.parallel;

/**
 * Where CPU-bound work written for every strategy marks the end of one loop iteration: CPython's backward
 * jump, where its eval loop checks whether another thread has asked for the GIL. Outside the GIL model it does
 * nothing ({@link #NONE}), and the JIT compiles it away.
 */
@FunctionalInterface
public interface Checkpoint {

    /** No check: Java threads, a worker JVM, or plain sequential code. */
    Checkpoint NONE = () -> {
    };

    void backEdge();
}
