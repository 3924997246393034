package workbench.item57;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import workbench.Demo;
import workbench.demo.Narrator;
import workbench.life.Grid;
import workbench.life.Life;
import workbench.life.LockingGrid;
import workbench.life.Rules;
import workbench.life.SwitchableRules;
import workbench.threads.ParkedThreads;

/**
 * Item 57 (3rd ed. 72): Avoid Creating New Thread Instances for On-demand Fan-out.
 *
 * <p><b>Book claim.</b> A new thread per cell (Item 56's model) gives parallel I/O, but needs locks, costs memory
 * and start-up, does not scale to thousands, and a thread's exception never reaches the code that joined it.
 *
 * <p><b>In Java.</b> The same on every count. {@link ThreadPerCell} starts 45 platform threads per generation; an
 * uncaught exception goes to the {@link Thread.UncaughtExceptionHandler} (a print to {@code System.err}, captured
 * here as the book captures {@code sys.stderr}) and {@code join} returns normally.
 *
 * <p><b>You should see</b> Item 56's glider block; the captured {@code Exception in thread "Thread-226
 * (game_logic)" java.io.UncheckedIOException: ...} after {@code join} returned; beyond the book, platform threads
 * at tens to hundreds of µs and KiB each, virtual threads a fraction, and JVM starts at tens to hundreds of ms.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar run 57}, or this class's {@code main} from an IDE.
 */
public final class Item57 implements Demo {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Beyond the book: how many threads the cost measurement starts (the benchmark starts 10,000). */
    static final int COST_THREADS = 500;
    /** Beyond the book: how many JVM starts the process-per-cell estimate is extrapolated from. */
    static final int JVM_STARTS = 3;

    public static void main(String[] args) throws Exception {
        new Item57().run(Narrator.stdout());
    }

    @Override
    public void run(Narrator out) throws Exception {
        out.example("1-3", "a LockingGrid and a new thread per cell (fan-out), joined (fan-in)");
        SwitchableRules rules = new SwitchableRules(Rules.BOOK);
        ThreadPerCell simulation = new ThreadPerCell(rules, TIMEOUT);
        out.println(Life.run(simulation, Life.glider(new LockingGrid(5, 9)), Life.GENERATIONS));
        out.fact("threads-created", simulation.threadsCreated());
        out.javaf("%d threads started and joined, 45 per generation.", simulation.threadsCreated());

        out.example("4-5", "an exception in a thread does not reach join()");
        rules.set(Rules.gameLogicFails("Problem with I/O"));
        String captured = runWithStderrCaptured(() -> {
            Thread thread = new Thread(() -> rules.gameLogic(Life.ALIVE, 3), simulation.nextThreadName("game_logic"));
            thread.start();
            if (!thread.join(TIMEOUT)) {
                throw new IllegalStateException(thread.getName() + " stuck");
            }
            out.fact("join-returned-normally", true);
        });
        rules.set(Rules.BOOK);
        out.println(captured);
        out.java("join() returned normally: only System.err saw the IOException; that cell would stay EMPTY.");

        out.beyond("the cost of a thread per unit of work, " + COST_THREADS + " threads alive at once");
        for (ThreadCost.Kind kind : ThreadCost.Kind.values()) {
            ThreadCost.measure(kind, 20, TIMEOUT);                      // warm-up: class loading, JIT
            ThreadCost.Cost cost = ThreadCost.measure(kind, COST_THREADS, TIMEOUT);
            out.javaf("%-8s %d started in %.3f s (%.0f us each), resident memory %s%s", kind.name().toLowerCase(),
                    cost.started(), cost.startNanos() / 1e9, cost.microsPerThread(),
                    cost.kibPerThread() < 0 ? "not measurable here" : String.format(Locale.ROOT, "+%.1f KiB each",
                            cost.kibPerThread()), cost.broke().map(m -> "; broke: " + m).orElse(""));
        }
        out.java("Stacks: the cost test's platform threads ask for " + ThreadCost.SMALL_STACK_BYTES / 1024 + " KiB;"
                + " Examples 1-3's threads (new Thread) get the JVM's default, " + ThreadCost.defaultStack()
                + "; either is a reservation, as the book's 8 MB is. Platform threads run out near the smallest of "
                + ParkedThreads.osLimits() + ".");

        processPerCell(out);

        out.seeTimeline(57);
    }

    /** Beyond the book: a process per cell, extrapolated from a few measured JVM starts, against 45 threads. */
    private static void processPerCell(Narrator out) throws Exception {
        List<Duration> starts = ProcessCost.jvmStarts(JVM_STARTS, TIMEOUT);
        double perStart = ProcessCost.meanMillis(starts);
        Grid glider = Life.glider(new LockingGrid(5, 9));
        int cells = glider.height() * glider.width();
        ThreadPerCell threads = new ThreadPerCell(Rules.BOOK, TIMEOUT);
        threads.step(glider);                                                        // warm-up
        double threadMillis = Narrator.time(() -> threads.step(glider)).seconds() * 1e3;
        out.beyond("a process per cell instead?");
        out.fact("jvm-starts", starts.size());
        out.javaf("%d starts of a JVM that does nothing (Item 52's Child) took %s ms.", starts.size(),
                starts.stream().map(d -> String.valueOf(d.toMillis())).collect(Collectors.joining(", ")));
        out.javaf("Extrapolated: %d cells x %.0f ms = ~%.1f s per generation to start them; %d threads took %.1f ms.",
                cells, perStart, cells * perStart / 1e3, cells, threadMillis);
        out.java("The process design that works starts its JVMs once: ProcessPoolRows (Items 56, 58 and 59).");
    }

    /** The book's {@code redirect_stderr(StringIO())}: runs {@code body} with System.err captured, then restores it. */
    static String runWithStderrCaptured(ThrowingRunnable body) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream fakeStderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(fakeStderr, true, UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(original);
        }
        return fakeStderr.toString(UTF_8);
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
