package workbench.procpool.outside;

/** An exception class outside the test pool's allow-list. */
public final class NotAllowedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotAllowedException(String message, Throwable cause) {
        super(message, cause);
    }
}
