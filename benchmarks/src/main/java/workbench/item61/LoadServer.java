package workbench.item61;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import workbench.proc.Child;
import workbench.proc.ChildProcessException;
import workbench.proc.ChildTimeoutException;
import workbench.proc.LineSink;

/**
 * A {@link LoadTarget}'s server process, started and listening (it printed {@code LISTENING <port>} within
 * {@link #START_TIMEOUT}); closing its stdin asks it to stop, {@link #close} makes sure.
 */
final class LoadServer implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Child child;
    private final int port;

    private LoadServer(Child child, int port) {
        this.child = child;
        this.port = port;
    }

    /** Starts {@code target}'s server and waits until it listens; on failure nothing is left running. */
    static LoadServer start(LoadTarget target) throws ChildProcessException, InterruptedException,
            ExecutionException, TimeoutException {
        CompletableFuture<Integer> listening = new CompletableFuture<>();
        Child child = Child.start(target.command(), new LineSink(line -> {
            if (line.startsWith("LISTENING ")) {
                listening.complete(Integer.parseInt(line.substring("LISTENING ".length()).strip()));
            }
        }));
        boolean started = false;
        try {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!listening.isDone() && child.isAlive() && System.nanoTime() < deadline) {
                try {
                    listening.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // not yet
                }
            }
            if (!listening.isDone()) {
                String why = child.isAlive() ? "did not listen within " + START_TIMEOUT.toSeconds() + " s"
                        : "exited: " + lastLine(child.communicate(Duration.ofSeconds(5)).stderrText());
                throw new TimeoutException(target + " " + why);
            }
            LoadServer server = new LoadServer(child, listening.get());
            started = true;
            return server;
        } finally {
            if (!started) {
                child.close();
            }
        }
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        return lines.isEmpty() ? "(nothing on stderr)" : lines.get(lines.size() - 1);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    long pid() {
        return child.pid();
    }

    @Override
    public void close() {
        try {
            child.stdin().close();
            child.waitFor(Duration.ofSeconds(10));
        } catch (IOException | ChildTimeoutException e) {
            // close() below ends it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            child.close();
        }
    }
}
