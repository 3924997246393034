package workbench.item61;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import workbench.proc.ChildProcessException;

/**
 * One row of {@link Item61Load}: one server style measured at one client count, in a server process of its own
 * ({@link LoadServer}) that the row starts and stops. {@link #sessions} holds the clients open at once on one
 * {@link GameLoad} selector thread (this one) and plays rounds; {@link #connectAndClose} times connects in a row.
 * A row that fails records its error instead of figures, and prints one line either way.
 */
final class LoadPoint {

    static final Duration ROUND_TIMEOUT = Duration.ofSeconds(60);
    static final int CONNECTS_IN_A_ROW = 1_000;
    static final int MAX_ROUNDS = 100_000;

    private LoadPoint() {
    }

    /**
     * {@code clients} held open at once: warm-up rounds for {@code plan.warmUp()}, then measured rounds (at least
     * three) for {@code plan.measure()}; every round, each client plays the book's first game once. The row gives
     * sessions per second, median and p99 session time, the server's CPU per session, peak RSS and threads
     * ({@link LoadSampler}), the generator's CPU per session and how busy its one thread was, and errors.
     */
    static Map<String, Object> sessions(LoadTarget target, int clients, LoadPlan plan, PrintStream out)
            throws InterruptedException {
        Map<String, Object> row = row(target, "sessions", clients);
        out.printf("%-20s %6d clients ... ", target, clients);
        try (LoadServer server = LoadServer.start(target)) {
            try (LoadSampler sampler = new LoadSampler(server.pid());
                 GameLoad load = GameLoad.connect(server.address(), clients, LoadServer.START_TIMEOUT)) {
                if (load.connected() < clients) {
                    throw new IOException("only " + load.connected() + " of " + clients + " clients connected");
                }
                long warmUpEnd = System.nanoTime() + plan.warmUp().toNanos();
                do {
                    load.playRound(ROUND_TIMEOUT);
                } while (System.nanoTime() < warmUpEnd && load.errorCount() == 0);
                long serverCpu = sampler.cpuNanos();
                long generatorCpu = threadCpuNanos();
                long measureEnd = System.nanoTime() + plan.measure().toNanos();
                List<long[]> times = new ArrayList<>();
                long wall = 0;
                int rounds = 0;
                while (rounds < 3 || System.nanoTime() < measureEnd) {
                    GameLoad.Round round = load.playRound(ROUND_TIMEOUT);
                    times.add(round.sessionNanos());
                    wall += round.wallNanos();
                    if (++rounds >= MAX_ROUNDS || load.errorCount() > 0) {
                        break;
                    }
                }
                generatorCpu = threadCpuNanos() - generatorCpu;
                serverCpu = sampler.cpuNanos() - serverCpu;
                long[] all = times.stream().flatMapToLong(Arrays::stream).sorted().toArray();
                row.put("sessions", all.length);
                row.put("rounds", rounds);
                row.put("sessionsPerSecond", all.length / (wall / 1e9));
                row.put("medianMs", all.length == 0 ? Double.NaN : all[all.length / 2] / 1e6);
                row.put("p99Ms", all.length == 0 ? Double.NaN : all[Math.min(all.length - 1,
                        (int) Math.ceil(0.99 * all.length) - 1)] / 1e6);
                row.put("serverCpuMicrosPerSession", serverCpu / 1e3 / Math.max(1, all.length));
                row.put("generatorCpuMicrosPerSession", generatorCpu / 1e3 / Math.max(1, all.length));
                row.put("generatorBusy", generatorCpu / (double) wall);
                row.put("errors", load.errorCount());
                if (load.errorCount() > 0) {
                    row.put("error", load.errors().toString());
                }
                row.put("peakThreads", sampler.peakThreads());
                row.put("peakRssMiB", sampler.peakRssKiB() / 1024.0);
            }
        } catch (IOException | ChildProcessException | RuntimeException | TimeoutException | ExecutionException e) {
            row.put("errors", ((Number) row.getOrDefault("errors", 0L)).longValue() + 1);
            row.put("error", String.valueOf(e.getMessage() == null ? e : e.getMessage()));
        }
        out.println(summary(row));
        return row;
    }

    /** {@value #CONNECTS_IN_A_ROW} connects, each closed at once, one after another: the accept rate. */
    static Map<String, Object> connectAndClose(LoadTarget target, PrintStream out) throws InterruptedException {
        Map<String, Object> row = row(target, "connectAndClose", CONNECTS_IN_A_ROW);
        out.printf("%-20s %6d connect-and-close in a row ... ", target, CONNECTS_IN_A_ROW);
        try (LoadServer server = LoadServer.start(target)) {
            long start = System.nanoTime();
            for (int i = 0; i < CONNECTS_IN_A_ROW; i++) {
                try (Socket socket = new Socket()) {
                    socket.connect(server.address(), (int) LoadServer.START_TIMEOUT.toMillis());
                }
            }
            double micros = (System.nanoTime() - start) / 1e3 / CONNECTS_IN_A_ROW;
            row.put("connectMicros", micros);
            row.put("errors", 0L);
        } catch (IOException | ChildProcessException | RuntimeException | TimeoutException | ExecutionException e) {
            row.put("errors", 1L);
            row.put("error", String.valueOf(e.getMessage() == null ? e : e.getMessage()));
        }
        out.println(summary(row));
        return row;
    }

    private static Map<String, Object> row(LoadTarget target, String benchmark, int clients) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("item", 61);
        row.put("benchmark", benchmark);
        row.put("style", target.name());
        row.put("runtime", target.runtime);
        row.put("clients", clients);
        return row;
    }

    private static String summary(Map<String, Object> row) {
        if (row.containsKey("error")) {
            return "error: " + row.get("error");
        }
        if (row.containsKey("connectMicros")) {
            return String.format(Locale.ROOT, "%.1f µs each", (Double) row.get("connectMicros"));
        }
        return String.format(Locale.ROOT, "%.0f sessions/s, median %.2f ms, p99 %.2f ms, %.0f MiB, %d threads,"
                + " generator %.0f%% busy", row.get("sessionsPerSecond"), row.get("medianMs"), row.get("p99Ms"),
                row.get("peakRssMiB"), row.get("peakThreads"), 100 * (Double) row.get("generatorBusy"));
    }

    private static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }
}
