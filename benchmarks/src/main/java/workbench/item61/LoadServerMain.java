package workbench.item61;

import java.io.IOException;

import workbench.pyrandom.PyRandom;

/**
 * A Java server style in a child JVM of {@link Item61Load}, until its stdin ends: {@code args[0]} names the
 * {@link ServerStyle}; it prints {@code LISTENING <port>} once it listens on an ephemeral loopback port.
 */
public final class LoadServerMain {

    private LoadServerMain() {
    }

    public static void main(String[] args) throws IOException {
        ServerStyle style = ServerStyle.valueOf(args[0]);
        try (GuessServer server = style.create(0, new PyRandom(1234), line -> { }).start()) {
            System.out.println("LISTENING " + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the generator closes our stdin
            }
        }
    }
}
