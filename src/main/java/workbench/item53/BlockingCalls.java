package workbench.item53;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import workbench.examples.Way;
import workbench.gil.Gil;
import workbench.gil.Site;

/**
 * The ways Item 53 makes its slow system calls (Examples 6-9): one after another, on threads, or on threads under
 * the GIL model with the GIL released around each call, as CPython releases it around {@code select}. The main
 * thread computes meanwhile (the book's helicopter locations). The demo, the tests and {@code Item53Benchmark} run
 * these same constants.
 */
public enum BlockingCalls implements Way {

    /** Examples 6-7: each call waits for the one before. */
    SEQUENTIAL {
        @Override
        public void run(int calls, int threads, Duration block) throws Exception {
            for (int i = 0; i < calls; i++) {
                Item53.slowSystemcall(block);
            }
            computeWhileWaiting(calls, null);
        }
    },

    /** Examples 8-9: the calls spread over {@code threads} Java threads; the main thread computes meanwhile. */
    THREADS {
        @Override
        public void run(int calls, int threads, Duration block) throws Exception {
            runOnThreads(calls, threads, block, null);
        }
    },

    /** The same threads as Python's: under one {@link Gil}, released around every call. */
    GIL_THREADS {
        @Override
        public void run(int calls, int threads, Duration block) throws Exception {
            runOnThreads(calls, threads, block, Gil.create());
        }
    };

    /** Makes {@code calls} slow calls of {@code block} each, on {@code threads} threads (ignored when sequential). */
    public abstract void run(int calls, int threads, Duration block) throws Exception;

    private static void runOnThreads(int calls, int threads, Duration block, Gil gil) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Thread> started = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            Gil.ThrowingRunnable<Exception> body = () -> {
                while (next.getAndIncrement() < calls) {
                    if (gil == null) {
                        Item53.slowSystemcall(block);
                    } else {
                        gil.releaseAround(() -> Item53.slowSystemcall(block));
                    }
                }
            };
            Thread thread = gil == null
                    ? Thread.ofPlatform().name("systemcall-" + t).unstarted(() -> {
                        try {
                            body.run();
                        } catch (Exception e) {
                            failures.add(e);
                        }
                    })
                    : gil.newThread("systemcall-" + t, body);
            thread.setUncaughtExceptionHandler((th, e) -> failures.add(e));
            thread.start();
            started.add(thread);
        }
        computeWhileWaiting(calls, gil);
        for (Thread thread : started) {
            if (!thread.join(Duration.ofSeconds(60))) {
                throw new IllegalStateException(thread.getName() + " is stuck");
            }
        }
        if (!failures.isEmpty()) {
            IOException failure = new IOException("a slow system call failed", failures.get(0));
            throw failure;
        }
    }

    /** The main thread's own work: the book's helicopter locations, one per call (under the GIL if given). */
    private static void computeWhileWaiting(int calls, Gil gil) throws InterruptedException {
        if (gil == null) {
            for (int i = 0; i < calls; i++) {
                Item53.computeHelicopterLocation(i);
            }
            return;
        }
        gil.runAsPythonThread(() -> {
            for (int i = 0; i < calls; i++) {
                Item53.computeHelicopterLocation(i);
                gil.check(Site.CALL);
            }
        });
    }
}
