package workbench.item61;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import com.google.gson.GsonBuilder;

import workbench.bench.LoadResults;
import workbench.bench.Machine;
import workbench.proc.Child;
import workbench.proc.ChildProcessException;
import workbench.proc.ChildTimeoutException;
import workbench.proc.JavaLauncher;
import workbench.proc.LineSink;
import workbench.pyrandom.PyRandom;

/**
 * Item 61 at C10K: every server style, Java's and CPython's, with 1 to 10,000 clients held open at once.
 *
 * <p><b>Book claim.</b> The asyncio port scales better than a thread per connection.
 *
 * <p><b>In Java.</b> Each server runs in a process of its own: the Java styles in a child JVM
 * ({@code Item61Load$Serve}, one {@link ServerStyle}), CPython's threaded and asyncio servers as {@code python3
 * benchmarks/python/item61.py serve ...}. <b>One load generator drives them all: this JVM, every client on one
 * {@link GameLoad} selector thread</b> (no thread per client, nothing shared with a server's threads). Each
 * point connects C clients in a burst, plays warm-up rounds, then measured rounds for a few seconds: every round,
 * each client plays the book's first game once. A row gives sessions per second, median and p99 session time, the
 * server's peak RSS (the sum of {@code VmHWM} over its process tree) and peak thread count (sampled from
 * {@code /proc}), its CPU per session, and errors; where a style cannot reach a count, the error it hit. Beside
 * them, the generator's own CPU per session and how busy its one thread was: below 100%, it was not the
 * bottleneck. A second row kind, {@code connectAndClose}, times 1,000 connects-and-closes in a row (accept rate).
 *
 * <p><b>You should see</b> the one-process servers within a small factor of each other at 1 and 64 clients, the
 * pre-forked one behind (two more hops a line); at 1,000 and 10,000 the thread count and RSS of the
 * thread-per-connection servers (Java's platform threads, CPython's threads) grow with the clients while the event
 * loops and virtual threads stay nearly flat; errors zero wherever the machine's limits allow. Record on a quiet
 * machine: on a busy one, a server with more runnable threads also gets a larger share of the cores.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar load 61} (everything; {@code --quick}: 1 and 64 clients,
 * short rounds), from the project root so that {@code benchmarks/python} is found. Writes
 * {@code benchmarks/results/<machine>/load-item61.json} and its sidecar; {@code workbench report} shows them.
 */
public final class Item61Load {

    public static final List<Integer> CLIENTS = List.of(1, 64, 1_000, 10_000);
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration ROUND_TIMEOUT = Duration.ofSeconds(60);
    static final int CONNECTS_IN_A_ROW = 1_000;
    static final int MAX_ROUNDS = 100_000;

    /** A server to drive: a Java style in a child JVM, or one of CPython's. */
    enum Target {
        PLATFORM_THREADS("Java"), VIRTUAL_THREADS("Java"), EVENT_LOOP("Java"), PRE_FORKED_PROCESSES("Java"),
        CPYTHON_THREADS("CPython"), CPYTHON_ASYNCIO("CPython");

        final String runtime;

        Target(String runtime) {
            this.runtime = runtime;
        }

        ProcessBuilder command() {
            if (runtime.equals("CPython")) {
                return new ProcessBuilder("python3", "item61.py", "serve",
                        name().substring("CPYTHON_".length()).toLowerCase(Locale.ROOT))
                        .directory(Path.of("benchmarks", "python").toFile());
            }
            return new ProcessBuilder(JavaLauncher.command(List.of(), Serve.class, name()));
        }
    }

    /** How long each point measures, and which points. */
    record Plan(List<Target> targets, List<Integer> clients, Duration warmUp, Duration measure) {
        static Plan full() {
            return new Plan(List.of(Target.values()), CLIENTS, Duration.ofSeconds(1), Duration.ofSeconds(3));
        }

        static Plan quick() {
            return new Plan(List.of(Target.values()), List.of(1, 64), Duration.ofMillis(200), Duration.ofMillis(500));
        }
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /**
     * {@code load [--quick] [--results <dir>] [--styles A,B] [--clients 1,64]}: measures and records; returns the
     * exit code (2 for bad usage).
     */
    public static int run(List<String> args, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        Plan plan = Plan.full();
        Path results = Path.of("benchmarks", "results");
        boolean quick = false;
        try {
            for (int i = 0; i < args.size(); i++) {
                switch (args.get(i)) {
                    case "--quick" -> {
                        quick = true;
                        plan = new Plan(plan.targets(), Plan.quick().clients(), Plan.quick().warmUp(),
                                Plan.quick().measure());
                    }
                    case "--results" -> results = Path.of(args.get(++i));
                    case "--styles" -> plan = new Plan(Stream.of(args.get(++i).split(",")).map(Item61Load::target)
                            .toList(), plan.clients(), plan.warmUp(), plan.measure());
                    case "--clients" -> plan = new Plan(plan.targets(), Stream.of(args.get(++i).split(","))
                            .map(Item61Load::clients).toList(), plan.warmUp(), plan.measure());
                    default -> throw new IllegalArgumentException("unknown option " + args.get(i));
                }
            }
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            err.println("workbench load 61: " + (e instanceof IndexOutOfBoundsException ? "an option lacks its value"
                    : e.getMessage()) + "; options: --quick, --results <dir>, --styles "
                    + Arrays.toString(Target.values()) + ", --clients 1,64,1000,10000");
            return 2;
        }
        Machine machine = Machine.current();
        Path dir = results.resolve(machine.id());
        Files.createDirectories(dir);
        double loadAtStart = Machine.loadAverage();
        List<Map<String, Object>> rows = new ArrayList<>();
        long start = System.nanoTime();
        for (Target target : plan.targets()) {
            rows.add(connectAndClose(target, out));
            for (int clients : plan.clients()) {
                rows.add(point(target, clients, plan, out));
            }
        }
        Path json = LoadResults.file(dir, 61, quick);
        Files.writeString(json, new GsonBuilder().setPrettyPrinting().create().toJson(rows) + "\n");
        Files.writeString(LoadResults.sidecar(json), machine.toJson(Map.of(
                "profile", quick ? "quick" : "full", "loadAverageAtStart", loadAtStart)));
        out.printf("Recorded %s in %d s; `workbench report` shows it with Item 61.%n", json,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        long failed = rows.stream().filter(r -> ((Number) r.get("errors")).longValue() > 0).count();
        if (failed > 0) {
            out.println(failed + " row(s) hit errors; the JSON records each one's first errors.");
        }
        return 0;
    }

    private static Target target(String name) {
        try {
            return Target.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown style '" + name + "'");
        }
    }

    private static int clients(String count) {
        try {
            int clients = Integer.parseInt(count.strip().replace("_", ""));
            if (clients >= 1) {
                return clients;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("not a client count: '" + count + "'");
    }

    /** One point: {@code clients} held open at once, playing rounds; its row, with the error if it failed. */
    static Map<String, Object> point(Target target, int clients, Plan plan, PrintStream out)
            throws InterruptedException {
        Map<String, Object> row = row(target, "sessions", clients);
        out.printf("%-20s %6d clients ... ", target, clients);
        try (Server server = Server.start(target)) {
            try (Sampler sampler = new Sampler(server.pid());
                 GameLoad load = GameLoad.connect(server.address(), clients, START_TIMEOUT)) {
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
    static Map<String, Object> connectAndClose(Target target, PrintStream out) throws InterruptedException {
        Map<String, Object> row = row(target, "connectAndClose", CONNECTS_IN_A_ROW);
        out.printf("%-20s %6d connect-and-close in a row ... ", target, CONNECTS_IN_A_ROW);
        try (Server server = Server.start(target)) {
            long start = System.nanoTime();
            for (int i = 0; i < CONNECTS_IN_A_ROW; i++) {
                try (Socket socket = new Socket()) {
                    socket.connect(server.address(), (int) START_TIMEOUT.toMillis());
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

    private static Map<String, Object> row(Target target, String benchmark, int clients) {
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

    /** A server process, started and listening; closing its stdin asks it to stop, close() makes sure. */
    static final class Server implements AutoCloseable {
        private final Child child;
        private final int port;

        private Server(Child child, int port) {
            this.child = child;
            this.port = port;
        }

        static Server start(Target target) throws ChildProcessException, InterruptedException, ExecutionException,
                TimeoutException {
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
                Server server = new Server(child, listening.get());
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

    /**
     * Samples a server's process tree every 50 ms on a daemon thread: the peak thread count; the peak RSS and
     * the CPU time are read from {@code /proc} when asked ({@code VmHWM} is already a peak).
     */
    static final class Sampler implements AutoCloseable {
        private final long pid;
        private final Thread thread;
        private volatile int peakThreads;

        Sampler(long pid) {
            this.pid = pid;
            this.thread = Thread.ofPlatform().daemon().name("load-sampler").start(this::sample);
        }

        private void sample() {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    peakThreads = Math.max(peakThreads, (int) sum("Threads:"));
                    Thread.sleep(50);
                }
            } catch (InterruptedException e) {
                // closed
            }
        }

        int peakThreads() {
            return Math.max(peakThreads, (int) sum("Threads:"));
        }

        long peakRssKiB() {
            return sum("VmHWM:");
        }

        /** utime + stime of the tree, in nanoseconds (clock ticks of 10 ms). */
        long cpuNanos() {
            return tree().map(p -> {
                try {
                    String stat = Files.readString(Path.of("/proc", Long.toString(p), "stat"), UTF_8);
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000_000L;
                } catch (IOException | RuntimeException e) {
                    return 0;
                }
            }).sum();
        }

        /** The server and its descendants (the pre-forked workers). */
        private java.util.stream.LongStream tree() {
            return ProcessHandle.of(pid).stream().flatMap(p -> Stream.concat(Stream.of(p), p.descendants()))
                    .mapToLong(ProcessHandle::pid);
        }

        private long sum(String field) {
            return tree().map(p -> {
                try {
                    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p), "status"), UTF_8)) {
                        if (line.startsWith(field)) {
                            return Long.parseLong(line.substring(field.length()).strip().split("\\s+")[0]);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // the process is gone, or this is not Linux
                }
                return 0;
            }).sum();
        }

        @Override
        public void close() throws InterruptedException {
            thread.interrupt();
            thread.join(Duration.ofSeconds(5));
        }
    }

    /** A Java server style in this child JVM until its stdin ends: prints {@code LISTENING <port>}. */
    public static final class Serve {
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
}
