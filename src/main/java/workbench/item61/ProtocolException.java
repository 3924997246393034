package workbench.item61;

import java.io.IOException;

/** The server answered something a client cannot use: an {@code ERROR} line, or a line that is no number. */
public final class ProtocolException extends IOException {

    public ProtocolException(String message) {
        super(message);
    }
}
