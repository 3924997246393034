package workbench.item61;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.pyrandom.PyRandom;
import workbench.testing.NoLeaks;

/** The pre-forked style beyond what GuessServerTest checks for every style: its worker JVMs, and a dead worker. */
@Timeout(60)
class PreForkedServerTest {

    private static Set<Long> children() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static List<ProcessHandle> newWorkers(Set<Long> before) {
        return ProcessHandle.current().children().filter(p -> !before.contains(p.pid())).toList();
    }

    @Test
    void itRunsItsFewWorkerJvmsAndEveryOneEndsOnClose() throws Throwable {
        NoLeaks.check(() -> {
            Set<Long> before = children();
            List<ProcessHandle> workers;
            PyRandom random = new PyRandom(1234);
            try (GuessServer server = ServerStyle.PRE_FORKED_PROCESSES.create(0, random, line -> { }).start()) {
                workers = newWorkers(before);
                assertEquals(PreForkedServer.WORKERS, workers.size(), workers::toString);
                assertEquals(workers.stream().map(ProcessHandle::pid).collect(Collectors.toSet()),
                        Set.copyOf(((PreForkedServer) server).workerPids()));
                assertEquals(GuessServerTest.THREADED_LINES,
                        GuessServerTest.clientLines(BlockingClient.runClient(server.address(), line -> { })));
                assertEquals(new PyRandom(1234).randint(1, 5), random.randint(1, 5),
                        "the parent's generator was copied, never drawn from");
            }
            for (ProcessHandle worker : workers) {
                worker.onExit().get(5, TimeUnit.SECONDS);
                assertFalse(worker.isAlive(), "worker " + worker.pid() + " outlived close()");
            }
        });
    }

    @Test
    void aKilledWorkerHangsUpItsClientsAndCloseStillEndsEverything() throws Throwable {
        NoLeaks.check(() -> {
            Set<Long> before = children();
            try (GuessServer server = ServerStyle.PRE_FORKED_PROCESSES.create(0, new PyRandom(1234), line -> { })
                    .start();
                 Socket client = new Socket()) {
                client.connect(server.address(), 5_000);
                client.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), UTF_8));
                client.getOutputStream().write("PARAMS 1 5\nNUMBER\n".getBytes(UTF_8));
                assertEquals("4", in.readLine());
                assertEquals(PreForkedServer.WORKERS, newWorkers(before).size());
                // One client at a time is worker 0's: kill that one (not the first child listed, whose pid may be
                // worker 1's after the pids wrapped around).
                ProcessHandle.of(((PreForkedServer) server).workerPids().get(0)).orElseThrow().destroyForcibly();
                try {
                    assertNull(in.readLine(), "the server hung up");
                } catch (SocketException reset) {
                    // also a hang-up
                }
                assertTrue(server.awaitIdle(Duration.ofSeconds(10)), "no connection is left open");
            }
        });
    }

    @Test
    void anUnstartedServerClosesQuietlyAndATakenPortFailsBeforeAnyWorkerStarts() throws Throwable {
        NoLeaks.check(() -> {
            Set<Long> before = children();
            try (ServerSocket squatter = new ServerSocket(0, 1,
                    InetAddress.getLoopbackAddress())) {
                GuessServer server = ServerStyle.PRE_FORKED_PROCESSES.create(squatter.getLocalPort(),
                        new PyRandom(1), line -> { });
                try {
                    server.start();
                    throw new AssertionError("bound a taken port");
                } catch (IOException expected) {
                    assertEquals(List.of(), newWorkers(before), "no worker JVM for a server that cannot bind");
                } finally {
                    server.close();
                }
            }
        });
    }
}
