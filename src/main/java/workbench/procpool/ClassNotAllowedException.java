package workbench.procpool;

import java.io.InvalidClassException;

/**
 * Deserialisation met a class outside the pool's allow-list ({@link java.io.ObjectInputFilter}), in the parent
 * (a result or exception from a worker) or in a worker (a task from the parent). Nothing of the class was
 * constructed. Allow a package with {@link ProcessPoolBuilder#allow(String...)}.
 */
public final class ClassNotAllowedException extends InvalidClassException {

    private static final long serialVersionUID = 1L;

    public ClassNotAllowedException(String className, String reason) {
        super(className, reason);
    }

    /** The binary name of the rejected class. */
    public String className() {
        return classname;
    }
}
