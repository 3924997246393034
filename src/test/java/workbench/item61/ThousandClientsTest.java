package workbench.item61;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import workbench.pyrandom.PyRandom;
import workbench.testing.NoLeaks;

/**
 * A thousand clients connecting in one burst and playing at once, on every style (issue 20's burst): every one is
 * served (no reset, no refused connect), every game ends correct on the server's side too, and closing leaves no
 * thread, child process or file descriptor behind.
 */
@Tag("slow")
@Timeout(180)
class ThousandClientsTest {

    static final int CLIENTS = 1_000;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @ParameterizedTest
    @EnumSource(ServerStyle.class)
    void aBurstOfAThousandClientsIsServedAndEveryGameEndsCorrect(ServerStyle style) throws Throwable {
        // A first small game opens what the JVM opens once and keeps (virtual threads' pollers, the entropy
        // source): the baseline is taken after it, so only what this server and its clients opened counts.
        try (GuessServer warmUp = style.create(0, new PyRandom(1234), line -> { }).start()) {
            BlockingClient.runClient(warmUp.address(), line -> { });
        }
        long fdsBefore = openFileDescriptors();
        NoLeaks.check(() -> {
            List<String> serverLines = Collections.synchronizedList(new ArrayList<>());
            try (GuessServer server = style.create(0, new PyRandom(1234), serverLines::add).start()) {
                // Each client plays the moment it is connected, so the server accepts the burst while it serves.
                try (GameLoad load = GameLoad.connectPlaying(server.address(), CLIENTS, WAIT)) {
                    GameLoad.Round burst = load.finishRound(WAIT);
                    assertEquals(0, load.errorCount(), () -> load.errors().toString());
                    assertEquals(CLIENTS, load.connected());
                    assertEquals(CLIENTS, burst.sessionNanos().length);
                    GameLoad.Round again = load.playRound(WAIT);
                    assertEquals(0, load.errorCount(), () -> load.errors().toString());
                    assertEquals(CLIENTS, again.sessionNanos().length);
                }
                assertTrue(server.awaitIdle(WAIT), "every connection ended on the server's side");
            }
            assertEquals(2 * CLIENTS, serverLines.stream().filter(line -> line.equals("Server: 3 is Correct")).count());
            assertEquals(List.of(), serverLines.stream().filter(line -> !line.startsWith("Server: ")).toList());
        });
        long deadline = System.nanoTime() + NoLeaks.GRACE.toNanos();
        while (openFileDescriptors() > fdsBefore && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(openFileDescriptors() <= fdsBefore, "file descriptors left open: " + (openFileDescriptors()
                - fdsBefore) + " " + describe());
    }

    static String describe() throws IOException {
        try (var list = Files.list(Path.of("/proc/self/fd"))) {
            return list.map(p -> {
                try {
                    return p.getFileName() + "->" + Files.readSymbolicLink(p);
                } catch (IOException e) {
                    return p.getFileName() + "?";
                }
            }).toList().toString();
        }
    }

    /** This JVM's open file descriptors (Linux's /proc; elsewhere 0, and the check holds trivially). */
    static long openFileDescriptors() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return 0;
        }
        try (var list = Files.list(fds)) {
            return list.count();
        }
    }
}
