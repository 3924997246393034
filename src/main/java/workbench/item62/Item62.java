package workbench.item62;

import java.time.Duration;

import workbench.Demo;
import workbench.demo.Narrator;
import workbench.eventloop.EventLoop;
import workbench.tail.LogHarness;
import workbench.tail.LogHarness.Merged;
import workbench.tail.Tails;
import workbench.tail.Workload;

/**
 * Item 62 (3rd ed. 77): Mix Threads and Coroutines to Ease the Transition to asyncio.
 *
 * <p><b>Book claim.</b> Threads and coroutines interoperate, so a threaded program moves to an event loop one
 * working step at a time: <em>top-down</em> ({@code run_in_executor}, {@code run_coroutine_threadsafe}) or
 * <em>bottom-up</em> (leaves first, on loops of their own). The example tails log files into one merged file and
 * checks it ({@code confirm_merge}).
 *
 * <p><b>In Java.</b> Item 61's {@link EventLoop}, coroutines as {@code CompletableFuture}-returning functions; the
 * steps are {@link Migration}'s constants, the harness {@link LogHarness} and tails {@link Tails} (shared with Item
 * 63). One change: the book closes the readers after a fixed 1 s, racing the writers; here they are signalled after
 * the writers are joined, and drain the rest.
 *
 * <p><b>You should see</b> four runs (threads, top-down, fully async, bottom-up), each merging 50 lines from 5
 * files with {@code confirm_merge} passing in about 1 s; the book prints nothing when every check passes.
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

        out.java("The book's close_all closes the readers after a fixed 1 s while writers may take 1 s: a late line"
                + " is lost. Here the writers are joined first, then the readers drain the rest.");
        out.java("asyncio.run -> EventLoop.run; run_in_executor -> the loop's thread pool; NoNewData -> an empty"
                + " Optional from readline.");
        out.java("The loop's futures complete on its thread, so code after 'await' (thenCompose) needs no lock.");

        out.seeTimeline(62);
    }

    private void mergeAndConfirm(Narrator out, Migration step) throws Exception {
        try (LogHarness harness = LogHarness.setup(workload)) {
            var merged = Narrator.time(() -> harness.run(step));
            out.fact("merged:" + step, merged.value());
            double writers = harness.writersTook().toNanos() / 1e9;
            out.javaf("%s: confirm_merge passed (%s) after %.3f s; the last writer finished at %.3f s, %.3f s"
                    + " before the book's close_all", step, merged.value(), merged.seconds(), writers,
                    BOOK_CLOSE_AFTER.toNanos() / 1e9 - writers);
        }
    }
}
