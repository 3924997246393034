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
 * <p><b>Book claim.</b> Threads and coroutines interoperate, so a threaded program moves to an event loop one step
 * at a time: top-down ({@code run_in_executor}, {@code run_coroutine_threadsafe}) or bottom-up (leaves first, on
 * loops of their own). The example merges tailed log files and checks the result ({@code confirm_merge}).
 *
 * <p><b>In Java.</b> Item 61's {@link EventLoop}, coroutines as {@code CompletableFuture}-returning functions;
 * steps in {@link Migration}, harness in {@link LogHarness}, tails in {@link Tails} (shared with Item 63). The book
 * closes the readers after a fixed 1 s, racing the writers; here they close after the writers are joined.
 *
 * <p><b>You should see</b> four runs (threads, top-down, fully async, bottom-up), each merging 50 lines from 5
 * files with {@code confirm_merge} passing in about 1 s.
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

        out.example("6-7", "top-down: blocking tails on the executor, each write hopping to the loop");
        mergeAndConfirm(out, Migration.TOP_DOWN);

        out.example("8-10", "fully async: tail_async reads via run_in_executor and writes on the loop");
        mergeAndConfirm(out, Migration.FULLY_ASYNC);

        out.example("11-12", "bottom-up: run_threads again, each tail_file running tail_async on a loop of its own");
        mergeAndConfirm(out, Migration.BOTTOM_UP);

        out.java("The book's close_all at a fixed 1 s can lose a late line; here the writers are joined first.");
        out.java("asyncio.run -> EventLoop.run; run_in_executor -> the loop's pool; NoNewData -> an empty Optional.");
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
