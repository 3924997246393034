package workbench.item61;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import workbench.eventloop.AsyncServer;
import workbench.proc.Child;
import workbench.proc.ChildProcessException;
import workbench.proc.ChildStartException;
import workbench.pyrandom.PyRandom;
import workbench.testing.NoLeaks;

/**
 * Issue 20's burst defect at its cause: a server listening with Java's default backlog (50) drops or resets a burst
 * of connects. ThousandClientsTest plays such a burst, but where the kernel drops the overflow (Linux's default) its
 * clients retry and are served anyway, so it passes either way; here each style's listening socket is asked for its
 * backlog, which Linux's {@code ss} shows as the Send-Q of a socket in LISTEN: {@link AsyncServer#BACKLOG}, capped by
 * {@code net.core.somaxconn}. Skipped where {@code ss} or {@code /proc/sys/net/core/somaxconn} is missing.
 */
@Timeout(60)
class ListenBacklogTest {

    private static final Path SOMAXCONN = Path.of("/proc/sys/net/core/somaxconn");

    @ParameterizedTest
    @EnumSource(ServerStyle.class)
    void everyStyleListensWithABacklogThatHoldsABurst(ServerStyle style) throws Throwable {
        Assumptions.assumeTrue(Files.isReadable(SOMAXCONN), "no " + SOMAXCONN + " (not Linux)");
        assertTrue(AsyncServer.BACKLOG >= ThousandClientsTest.CLIENTS, "the backlog holds the thousand-client burst");
        // readAllLines, not readString: /proc files report size 0 and readString read "4" of "4096" here.
        int expected = Math.min(AsyncServer.BACKLOG, Integer.parseInt(Files.readAllLines(SOMAXCONN).get(0).strip()));
        NoLeaks.check(() -> {
            try (GuessServer server = style.create(0, new PyRandom(1234), line -> { }).start()) {
                assertEquals(expected, listenBacklog(server.address().getPort()));
            }
        });
    }

    /** The backlog of the socket listening on {@code port}, from {@code ss -ltnH 'sport = :port'}. */
    private static int listenBacklog(int port) throws InterruptedException {
        Child.Result listing;
        try {
            listing = Child.run(new ProcessBuilder("ss", "-ltnH", "sport = :" + port), null, Duration.ofSeconds(20));
        } catch (ChildStartException e) {
            return Assumptions.abort("no ss on this machine: " + e.getMessage());
        } catch (ChildProcessException e) {
            throw new AssertionError("ss failed: " + e.getMessage(), e);
        }
        List<String> lines = listing.stdoutText().lines().filter(line -> line.startsWith("LISTEN")).toList();
        assertEquals(1, lines.size(), () -> "one listening socket on port " + port + ": " + listing.stdoutText());
        String[] columns = lines.get(0).trim().split("\\s+");  // State Recv-Q Send-Q Local Peer
        return Integer.parseInt(columns[2]);
    }
}
