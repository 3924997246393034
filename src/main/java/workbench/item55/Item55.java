package workbench.item55;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import workbench.Demo;
import workbench.demo.Narrator;
import workbench.demo.Verdict;
import workbench.queue.ClosableQueue;
import workbench.queue.JoinableQueue;
import workbench.queue.StoppableWorker;

/**
 * Item 55 (3rd ed. 70): Use Queue to Coordinate Work Between Threads.
 *
 * <p><b>Book claim.</b> A hand-made queue between pipeline threads busy-waits, cannot stop cleanly and grows without
 * bound. A real queue fixes it: {@code get} blocks, {@code Queue(n)} makes {@code put} block, {@code task_done}/
 * {@code join} track completion, and one sentinel per worker stops it.
 *
 * <p><b>In Java.</b> The "magic exit" nulls the worker's queue, so its next {@code get} throws
 * {@link NullPointerException} (Python: AttributeError). {@link JoinableQueue} adds {@code task_done}/{@code join};
 * {@link ClosableQueue}/{@link StoppableWorker} port the book's helpers (reused by Item 58).
 *
 * <p><b>You should see</b> {@code Processed 1000 items after polling N times}, N a little above 3000;
 * {@code Producer put 1} before {@code Consumer got 2}; {@code Consumer done} before {@code Producer done};
 * {@code 1000 items finished} twice; with 5 ms of I/O per stage, 3/4/5 workers about 3x faster than 1/1/1.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar run 55}, or this class's {@code main} from an IDE.
 */
public final class Item55 implements Demo {

    /** The book's item count. */
    static final int ITEMS = 1000;
    /** The bound on every wait in this demo. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Beyond the book: simulated I/O per stage and item, and how many items to push through with it. */
    static final Duration LATENCY = Duration.ofMillis(5);
    static final int LATENCY_ITEMS = 100;
    /** Beyond the book: how long three workers wait with nothing to do, to price polling against blocking. */
    static final Duration IDLE = Duration.ofMillis(300);

    /** Timed runs of each coordination for the worker-CPU comparison; the demo prints the median. */
    static final int CPU_RUNS = 3;
    /** The demo's timed comparison of worker CPU, by the name its verdict carries. */
    public static final String WORKER_CPU = "worker CPU for 1000 items: polling over blocking";

    public static void main(String[] args) throws Exception {
        new Item55().run(Narrator.stdout());
    }

    @Override
    public void run(Narrator out) throws Exception {
        out.example("1-10", "a hand-made queue, busy-waiting workers, the magic exit");
        Coordination.Outcome polling = Coordination.POLLING.run(ITEMS, Stages.IDENTITY, TIMEOUT);
        out.println("Processed " + polling.finished() + " items after polling " + polling.polls() + " times");
        out.java("The magic exit: each worker's inQueue set to null, its next get() threw NullPointerException.");
        out.javaf("%d polls found the queue empty and slept %d ms; the main thread polled every %d ms too.",
                polling.emptyPolls(), PollingWorker.POLL_SLEEP_MILLIS, Coordination.MAIN_POLL_MILLIS);

        out.example("11-12", "Queue(): the consumer blocks in get() until the producer puts");
        consumerWaits(out);

        out.example("13-14", "Queue(1): a bounded queue makes put() wait (backpressure)");
        backpressure(out);

        out.example("15-16", "task_done() and join(): the producer waits until the item is processed");
        taskDoneAndJoin(out);
        out.java("Java's BlockingQueues have no task_done()/join(); JoinableQueue adds them.");

        out.example("17-22", "ClosableQueue and StoppableWorker: one worker per stage, closed stage by stage");
        Coordination.Outcome blocking = Coordination.BLOCKING.run(ITEMS, Stages.IDENTITY, TIMEOUT);
        out.println(blocking.finished() + " items finished");
        workerCpu(out);
        long pollingIdle = Coordination.POLLING.idleWorkerCpuNanos(IDLE);
        long blockingIdle = Coordination.BLOCKING.idleWorkerCpuNanos(IDLE);
        out.javaf("Idle for %d ms, 3 workers used %.2f ms of CPU polling, %.2f ms blocked in get().",
                IDLE.toMillis(), pollingIdle / 1e6, blockingIdle / 1e6);

        out.example("23-24", "3 download, 4 resize and 5 upload workers: one sentinel per worker");
        Coordination.Outcome scaled = Coordination.pipeline(ITEMS, List.of(3, 4, 5), Stages.IDENTITY, TIMEOUT);
        out.println(scaled.finished() + " items finished");

        withLatency(out);

        out.seeTimeline(55);
    }

    /**
     * Beyond Examples 17-22: the workers' CPU for the 1000 items, polling against blocking, each warmed alike and
     * timed alternately, the median of {@link #CPU_RUNS} runs each (the first runs of a JVM measure the JIT).
     */
    private static void workerCpu(Narrator out) throws Exception {
        List<Long> pollingCpu = new ArrayList<>();
        List<Long> blockingCpu = new ArrayList<>();
        for (int run = -1; run < CPU_RUNS; run++) {                     // run -1: one warm-up of each, untimed
            long polling = Coordination.POLLING.run(ITEMS, Stages.IDENTITY, TIMEOUT).workerCpuNanos();
            long blocking = Coordination.BLOCKING.run(ITEMS, Stages.IDENTITY, TIMEOUT).workerCpuNanos();
            if (run >= 0) {
                pollingCpu.add(polling);
                blockingCpu.add(blocking);
            }
        }
        double pollingMs = median(pollingCpu) / 1e6;
        double blockingMs = median(blockingCpu) / 1e6;
        double ratio = pollingMs / blockingMs;
        String verdict = out.verdict(WORKER_CPU, ratio, Verdict.NO_IDEAL);
        String lesson = switch (Verdict.kind(ratio, Verdict.NO_IDEAL)) {
            case FASTER -> String.format(Locale.ROOT, "blocking used %.2fx less, as the item teaches", ratio);
            case ABOUT_SAME -> "about the same here; Item55Benchmark measures it over many warmed runs";
            case SLOWER -> String.format(Locale.ROOT, "blocking used %.2fx more here, the opposite of the item's"
                    + " lesson and of Item55Benchmark; `bench 55` measures it over many warmed runs", 1 / ratio);
            default -> verdict;
        };
        out.javaf("Worker CPU for the 1000 items, median of %d runs each, alternating, after a warm-up of each:"
                + " polling %.1f ms, blocking %.1f ms: %s.", CPU_RUNS, pollingMs, blockingMs, lesson);
    }

    private static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** Examples 11-12. */
    private static void consumerWaits(Narrator out) throws Exception {
        JoinableQueue<Object> myQueue = new JoinableQueue<>();
        try (Started consumer = Started.thread("consumer", () -> {
            out.println("Consumer waiting");
            myQueue.get(TIMEOUT);                 // runs after the put below
            out.println("Consumer done");
            return null;
        })) {
            out.println("Producer putting");
            myQueue.put(new Object(), TIMEOUT);   // runs before the get above
            out.println("Producer done");
            consumer.join();
        }
    }

    /** Examples 13-14. */
    private static void backpressure(Narrator out) throws Exception {
        JoinableQueue<Object> myQueue = new JoinableQueue<>(1);
        try (Started consumer = Started.thread("consumer", () -> {
            Thread.sleep(100);
            myQueue.get(TIMEOUT);                 // runs second
            out.println("Consumer got 1");
            myQueue.get(TIMEOUT);                 // runs fourth
            out.println("Consumer got 2");
            out.println("Consumer done");
            return null;
        })) {
            myQueue.put(new Object(), TIMEOUT);   // runs first
            out.println("Producer put 1");
            myQueue.put(new Object(), TIMEOUT);   // runs third: waits for the first get
            out.println("Producer put 2");
            out.println("Producer done");
            consumer.join();
        }
    }

    /** Examples 15-16. */
    private static void taskDoneAndJoin(Narrator out) throws Exception {
        JoinableQueue<Object> inQueue = new JoinableQueue<>();
        try (Started consumer = Started.thread("consumer", () -> {
            out.println("Consumer waiting");
            inQueue.get(TIMEOUT);                 // runs second
            out.println("Consumer working");
            out.println("Consumer done");
            inQueue.taskDone();                   // runs third
            return null;
        })) {
            out.println("Producer putting");
            inQueue.put(new Object(), TIMEOUT);   // runs first
            out.println("Producer waiting");
            inQueue.join(TIMEOUT);                // runs fourth
            out.println("Producer done");
            consumer.join();
        }
    }

    /** Beyond the book: I/O latency per stage makes more workers per stage pay off. */
    private static void withLatency(Narrator out) throws Exception {
        Stages slow = new Stages(LATENCY);
        out.beyond(LATENCY.toMillis() + " ms of simulated I/O per stage and item, " + LATENCY_ITEMS + " items");
        for (List<Integer> workers : List.of(List.of(1, 1, 1), List.of(3, 4, 5))) {
            Coordination.Outcome outcome = Coordination.pipeline(LATENCY_ITEMS, workers, slow, TIMEOUT);
            out.fact("latency-finished", outcome.finished());
            out.javaf("%d/%d/%d workers per stage: %d items finished in %.3f s", workers.get(0), workers.get(1),
                    workers.get(2), outcome.finished(), outcome.wallNanos() / 1e9);
        }
        var virtual = Narrator.time(() -> virtualThreadPerItem(LATENCY_ITEMS, slow));
        out.fact("latency-finished", virtual.value());
        out.javaf("one virtual thread per item: %d items finished in %.3f s", virtual.value(), virtual.seconds());
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= LATENCY_ITEMS; i++) {
            lines.add("image-" + i);
        }
        var uploaded = Narrator.time(() -> PipelineStrategy.PROCESSES.run(lines, List.of(1, 1, 1), slow, TIMEOUT));
        out.fact("process-pipeline-in-order", uploaded.value().equals(lines));
        out.javaf("one child JVM per stage, joined by pipes (Item 52): %d items in %.3f s with JVM starts;"
                + " in order: %b", uploaded.value().size(), uploaded.seconds(), uploaded.value().equals(lines));
        out.java("3/4/5 is bound by its 3 downloaders; Items 59-60 replace such pipelines with executors.");
    }

    /** Java's own answer: no queues, no stages to size, one virtual thread per item. */
    static int virtualThreadPerItem(int items, Stages stages)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<Future<Object>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < items; i++) {
                Object item = new Object();
                futures.add(executor.submit(() -> stages.upload(stages.resize(stages.download(item)))));
            }
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            int finished = 0;
            for (Future<Object> future : futures) {
                future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                finished++;
            }
            return finished;
        } finally {
            futures.forEach(f -> f.cancel(true));
        }
    }

    /**
     * A started thread whose body's exception reaches the starter (a {@link FutureTask} inside), joined with a
     * timeout and interrupted if it is still running when closed.
     */
    private record Started(Thread thread, FutureTask<Void> task) implements AutoCloseable {

        static Started thread(String name, Callable<Void> body) {
            FutureTask<Void> task = new FutureTask<>(body);
            Thread thread = new Thread(task, name);
            thread.start();
            return new Started(thread, task);
        }

        /** Python's {@code thread.join()}, bounded; rethrows what the body threw. */
        void join() throws Exception {
            try {
                task.get(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
            thread.join(TIMEOUT);
        }

        /** Interrupts a thread still running (a failed example) and waits for it; keeps an interrupt of ours. */
        @Override
        public void close() {
            if (thread.isAlive()) {
                thread.interrupt();
                try {
                    thread.join(TIMEOUT);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
