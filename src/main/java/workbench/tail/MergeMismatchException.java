package workbench.tail;

/** {@code confirm_merge} failed: some input's lines are missing from the merged output, or out of order. */
public final class MergeMismatchException extends RuntimeException {

    public MergeMismatchException(String message) {
        super(message);
    }
}
