package workbench.item57;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
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
 * <p><b>Book claim.</b> A new thread per unit of work (here per cell, built on Item 56's model) does give parallel
 * I/O, but it needs locks ({@code LockingGrid}), threads cost memory and start-up time and do not scale to
 * thousands, and an exception raised in a thread never reaches the code that started or joined it: it is only
 * printed to stderr.
 *
 * <p><b>In Java.</b> The same on every count. {@link ThreadPerCell} starts 45 platform threads per generation; a
 * thread's uncaught exception goes to its {@link Thread.UncaughtExceptionHandler}, by default a print to
 * {@code System.err} ({@code Exception in thread "..."}), and {@code join} returns normally. The demo captures
 * that print the way the book redirects stderr into a {@code StringIO}: it swaps {@code System.err} for a moment.
 * Beyond the book it measures what 500 platform threads cost to start and hold against 500 virtual threads,
 * and names the OS limits where thread-per-task breaks here (Item 57's benchmark does 10,000).
 *
 * <p><b>You should see</b> the glider block of Item 56, unchanged; a captured
 * {@code Exception in thread "Thread-226 (game_logic)" java.io.UncheckedIOException: java.io.IOException: Problem
 * with I/O} with its stack trace, printed after {@code join} returned normally; platform threads costing tens to
 * hundreds of microseconds and tens of KB each, virtual threads a fraction of that; and a JVM start (measured 3
 * times with Item 52's runner, {@link ProcessCost}) costing tens to hundreds of milliseconds, so a process per
 * cell would spend seconds per generation just starting 45 of them, against milliseconds for 45 threads: the
 * process design that can work is a pool of worker JVMs, {@link workbench.life.ProcessPoolRows}.
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
        out.javaf("%d threads started and joined, 45 per generation.", simulation.threadsCreated());

        out.example("4-5", "an exception in a thread does not reach join()");
        rules.set(Rules.gameLogicFails("Problem with I/O"));
        String captured = runWithStderrCaptured(() -> {
            Thread thread = new Thread(() -> rules.gameLogic(Life.ALIVE, 3), simulation.nextThreadName("game_logic"));
            thread.start();
            if (!thread.join(TIMEOUT)) {
                throw new IllegalStateException(thread.getName() + " stuck");
            }
        });
        rules.set(Rules.BOOK);
        out.println(captured);
        out.java("join() returned normally: the caller never saw the IOException. The thread's uncaught-exception"
                + " handler (by default ThreadGroup's) printed it to System.err, captured here by swapping System.err"
                + " as the book swaps sys.stderr for a StringIO. In a generation, that cell would silently stay"
                + " EMPTY.");

        out.java("Beyond the book: the cost of a thread per unit of work, " + COST_THREADS + " threads alive at once:");
        for (ThreadCost.Kind kind : ThreadCost.Kind.values()) {
            ThreadCost.measure(kind, 20, TIMEOUT);                      // warm-up: class loading, JIT
            ThreadCost.Cost cost = ThreadCost.measure(kind, COST_THREADS, TIMEOUT);
            out.javaf("  %-8s %d started in %.3f s (%.0f us each), resident memory %s%s", kind.name().toLowerCase(),
                    cost.started(), cost.startNanos() / 1e9, cost.microsPerThread(),
                    cost.kibPerThread() < 0 ? "not measurable here" : String.format("+%.1f KiB each",
                            cost.kibPerThread()), cost.broke().map(m -> "; broke: " + m).orElse(""));
        }
        out.java("Platform threads here have " + ThreadCost.SMALL_STACK_BYTES / 1024 + " KiB stacks, reserved and"
                + " mostly untouched: the book's \"about 8 MB per thread\" is Linux's default stack reservation, not"
                + " memory in use. A grid of 10,000+ cells needs 10,000+ of them (see Item57Benchmark). Where it breaks"
                + " on this machine: every platform thread is an OS task, so creation fails with \"OutOfMemoryError:"
                + " unable to create native thread\" near the smallest of " + ParkedThreads.osLimits()
                + " (pid_max and threads-max count every process's threads). Virtual threads are bounded by heap.");

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
        long start = System.nanoTime();
        threads.step(glider);
        double threadMillis = Narrator.seconds(start) * 1e3;
        out.javaf("Beyond the book: a process per cell instead? %d starts of a JVM that does nothing (Item 52's"
                + " Child and JavaLauncher) took %s ms: %d cells x %.0f ms = ~%.1f s per generation just to start"
                + " them (extrapolated from those %d starts), against %.1f ms for %d threads (one ThreadPerCell"
                + " generation, measured).", JVM_STARTS, starts.stream().map(d -> String.valueOf(d.toMillis()))
                .collect(Collectors.joining(", ")), cells, perStart, cells * perStart / 1e3, JVM_STARTS,
                threadMillis, cells);
        out.java("A process per unit of work is this item's mistake, magnified. The process design that can work"
                + " starts its JVMs once and sends each a band of rows: ProcessPoolRows, the multi-process row of"
                + " Items 56, 58 and 59 and of Item57Benchmark.");
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
