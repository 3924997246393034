package workbench.item62;

import java.time.Duration;

import workbench.Demo;
import workbench.demo.Narrator;
import workbench.eventloop.EventLoop;
import workbench.tail.LogHarness;
import workbench.tail.LogHarness.Merged;
import workbench.tail.Workload;

/**
 * Item 62 (3rd ed. 77): Mix Threads and Coroutines to Ease the Transition to asyncio.
 *
 * <p><b>Book claim.</b> Threads and coroutines interoperate, so a threaded program can move to an event loop one
 * step at a time and keep working after every step: <em>top-down</em> (an async {@code main} first, the blocking
 * functions below it run through {@code run_in_executor}, calls back into the loop through
 * {@code run_coroutine_threadsafe}) or <em>bottom-up</em> (the leaves become coroutines first, and threaded code
 * drives them with an event loop of its own). The running example tails five growing log files into one merged
 * file and checks each file's lines arrived complete and in order ({@code confirm_merge}).
 *
 * <p><b>In Java.</b> The event loop is Item 61's {@link EventLoop} (shared with Item 63): one thread, callbacks
 * and timers, coroutines written as {@code CompletableFuture}-returning functions whose continuations run on that
 * thread. The four steps are the constants of {@link Migration}; the harness ({@link LogHarness}) and the two
 * tails ({@link workbench.tail.Tails}) are shared with Item 63. One deliberate change: the book stops the
 * readers by closing their handles after a fixed 1 s, while the writers may take up to 10 x 0.1 s = 1 s, so a
 * late line can be lost (and a handle closed mid-read raises {@code ValueError}). Here the harness joins the
 * writers, <em>then</em> signals the readers, which drain what is left: the check cannot race.
 *
 * <p><b>You should see</b> four runs (threads, top-down, fully async, bottom-up), each merging 50 lines from 5
 * files with {@code confirm_merge} passing, each in under about 1 s (the slowest writer's ten random delays,
 * not the merging, set the pace). The book prints nothing: silence means every check passed; this demo says so
 * in its Java lines.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar run 62}, or this class's {@code main} from an IDE.
 */
public final class Item62 implements Demo {

    /** When the book's {@code close_all} closes the reader handles. */
    static final Duration BOOK_CLOSE_AFTER = Duration.ofSeconds(1);

    private final Workload workload;

    public Item62() {
        this(Workload.BOOK);
    }

    /** The demo on another workload (the tests use {@link Workload#SMALL}). */
    public Item62(Workload workload) {
        this.workload = workload;
    }

    public static void main(String[] args) throws Exception {
        new Item62().run(Narrator.stdout());
    }

    @Override
    public void run(Narrator out) throws Exception {
        out.example("1-5", "run_threads: a thread per tail_file, writes to the merged file under a lock");
        mergeAndConfirm(out, Migration.THREADS);

        out.example("6-7", "top-down: an async main runs the blocking tails on the executor;"
                + " each write hops to the loop (run_coroutine_threadsafe(...).result())");
        mergeAndConfirm(out, Migration.TOP_DOWN);

        out.example("8-10", "fully async: tail_async reads via run_in_executor, waits with asyncio.sleep,"
                + " writes on the loop");
        mergeAndConfirm(out, Migration.FULLY_ASYNC);

        out.example("11-12", "bottom-up: run_threads again, each thread's tail_file running tail_async"
                + " on an event loop of its own");
        mergeAndConfirm(out, Migration.BOTTOM_UP);

        out.java("The book's close_all closes the readers after a fixed 1 s although the writers may take up to"
                + " 10 x 0.1 s = 1 s: a line written late can be missed, and a handle closed between the"
                + " 'while not handle.closed' check and the read raises ValueError. This port joins the writers,"
                + " then signals the readers, which drain the rest before stopping, so confirm_merge cannot race.");
        out.java("asyncio.run -> EventLoop.run (the loop runs on the calling thread); run_in_executor -> the"
                + " loop's own cached pool of platform threads (Python's default pool is capped at"
                + " min(32, cpu + 4) threads, and top-down parks one of them per tail for the whole run);"
                + " NoNewData -> an empty Optional from readline.");
        out.java("Every future the loop hands out completes on the loop thread, so a continuation after it"
                + " (thenCompose) runs where the code after 'await' would: that is what keeps the fully async"
                + " writes on one thread with no lock.");

        out.seeTimeline(62);
    }

    private void mergeAndConfirm(Narrator out, Migration step) throws Exception {
        long start = System.nanoTime();
        try (LogHarness harness = LogHarness.setup(workload)) {
            Merged merged = harness.run(step);
            double took = Narrator.seconds(start);
            double writers = harness.writersTook().toNanos() / 1e9;
            out.javaf("%s: confirm_merge passed (%s) after %.3f s; the last writer finished at %.3f s, %.3f s"
                    + " before the book's close_all would have closed the readers", step, merged, took, writers,
                    BOOK_CLOSE_AFTER.toNanos() / 1e9 - writers);
        }
    }
}
