package workbench.eventloop;

import java.io.IOException;

/** A peer sent more than a line's byte limit without a newline: the line is rejected, the stream is unusable. */
public final class LineTooLongException extends IOException {

    private final int limit;

    public LineTooLongException(int limit) {
        super("line longer than " + limit + " bytes");
        this.limit = limit;
    }

    /** The most bytes a line may have before its newline. */
    public int limit() {
        return limit;
    }
}
