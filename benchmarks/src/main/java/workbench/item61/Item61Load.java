package workbench.item61;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import workbench.bench.LoadHarness;
import workbench.bench.LoadOptions;
import workbench.bench.LoadRecorder;

/**
 * Item 61 at C10K: every server style, Java's and CPython's, with 1 to 10,000 clients held open at once.
 *
 * <p><b>Book claim.</b> The asyncio port scales better than a thread per connection.
 *
 * <p><b>In Java.</b> Each server runs in a process of its own: the Java styles in a child JVM
 * ({@link LoadServerMain}, one {@link ServerStyle}), CPython's threaded and asyncio servers as {@code python3
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
 * short rounds; {@code --styles}, {@code --clients}: some of them), or {@link #main} from an IDE (everything), from
 * the project root so that {@code benchmarks/python} is found. Writes
 * {@code benchmarks/results/<machine>/load-item61.json} and its sidecar ({@link LoadRecorder}); {@code workbench
 * report} shows them.
 *
 * <p>The parts: {@link LoadPlan} (which points, how long), {@link LoadPoint} (one style at one client count),
 * {@link LoadTarget} and {@link LoadServer} (a server process), {@link LoadSampler} (its threads, memory and CPU).
 */
public final class Item61Load implements LoadHarness {

    @Override
    public int item() {
        return 61;
    }

    @Override
    public List<String> styles() {
        return Stream.of(LoadTarget.values()).map(LoadTarget::name).toList();
    }

    /** Everything, recorded under {@code benchmarks/results}: what {@code workbench load 61} does. */
    public static void main(String[] args) throws IOException, InterruptedException {
        new Item61Load().run(LoadOptions.everything(Path.of("benchmarks", "results")), System.out);
    }

    @Override
    public Path run(LoadOptions options, PrintStream out) throws IOException, InterruptedException {
        LoadPlan plan = LoadPlan.of(options);
        LoadRecorder recorder = LoadRecorder.start(options.results(), item(), options.quick());
        List<Map<String, Object>> rows = new ArrayList<>();
        long start = System.nanoTime();
        for (LoadTarget target : plan.targets()) {
            rows.add(LoadPoint.connectAndClose(target, out));
            for (int clients : plan.clients()) {
                rows.add(LoadPoint.sessions(target, clients, plan, out));
            }
        }
        Path json = recorder.write(rows);
        out.printf("Recorded %s in %d s; `workbench report` shows it with Item 61.%n", json,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        long failed = rows.stream().filter(r -> ((Number) r.get("errors")).longValue() > 0).count();
        if (failed > 0) {
            out.println(failed + " row(s) hit errors; the JSON records each one's first errors.");
        }
        return json;
    }
}
