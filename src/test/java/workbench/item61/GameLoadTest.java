package workbench.item61;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import workbench.pyrandom.PyRandom;
import workbench.testing.NoLeaks;

/** The one-selector load generator: games played and counted, and every kind of failure counted as an error. */
@Timeout(30)
class GameLoadTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @ParameterizedTest
    @EnumSource(value = ServerStyle.class, names = {"VIRTUAL_THREADS", "EVENT_LOOP"})
    void everyClientPlaysOneCorrectGameARound(ServerStyle style) throws Throwable {
        NoLeaks.check(() -> {
            List<String> serverLines = Collections.synchronizedList(new ArrayList<>());
            try (GuessServer server = style.create(0, new PyRandom(1234), serverLines::add).start()) {
                try (GameLoad load = GameLoad.connect(server.address(), 8, WAIT)) {
                    assertEquals(8, load.connected());
                    assertEquals(8, load.playRound(WAIT).sessionNanos().length);
                    GameLoad.Round second = load.playRound(WAIT);
                    assertEquals(8, second.sessionNanos().length);
                    assertEquals(0, second.errors());
                    assertTrue(second.wallNanos() >= second.sessionNanos()[0]);
                }
                assertTrue(server.awaitIdle(WAIT));
            }
            assertEquals(16, serverLines.stream().filter(line -> line.equals("Server: 3 is Correct")).count());
        });
    }

    @Test
    void aRefusedConnectAndAServerThatHangsUpAreErrors() throws Throwable {
        InetSocketAddress nobody;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = new InetSocketAddress(InetAddress.getLoopbackAddress(), closed.getLocalPort());
        }
        try (GameLoad load = GameLoad.connect(nobody, 3, WAIT)) {
            assertEquals(0, load.connected());
            assertEquals(3, load.errorCount());
            assertTrue(load.errors().keySet().stream().allMatch(e -> e.startsWith("connect: ")),
                    load.errors()::toString);
        }
        try (ServerSocket hangsUp = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
             GameLoad load = GameLoad.connect((InetSocketAddress) hangsUp.getLocalSocketAddress(), 2, WAIT)) {
            hangsUp.setSoTimeout((int) WAIT.toMillis());
            for (int i = 0; i < 2; i++) {
                try (Socket accepted = hangsUp.accept()) {
                    accepted.getOutputStream().write("not a number\n".getBytes(UTF_8));
                }
            }
            GameLoad.Round round = load.playRound(WAIT);
            assertEquals(0, round.sessionNanos().length);
            assertEquals(2, round.errors());
            assertEquals(0, load.connected());
        }
    }
}
