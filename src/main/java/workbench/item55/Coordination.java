package workbench.item55;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import workbench.examples.Way;
import workbench.queue.ClosableQueue;
import workbench.queue.StoppableWorker;

/**
 * Item 55's two ways to coordinate a three-stage download / resize / upload pipeline, named for their verdict:
 * {@link #POLLING} (Examples 2-10: {@link MyQueue}, busy-waiting {@link PollingWorker}s, a main thread that polls
 * for completion, the magic exit) and {@link #BLOCKING} (Examples 17-22: {@link ClosableQueue}s,
 * {@link StoppableWorker}s, sentinels, {@code join}). Both run one worker per stage; {@link #pipeline} runs the
 * blocking one with any number of workers per stage (Examples 23-24). The demo, the benchmark and the tests run
 * these same methods.
 */
public enum Coordination implements Way {

    POLLING {
        @Override
        public Outcome run(int items, Stages stages, Duration timeout) throws InterruptedException, TimeoutException {
            return pollingPipeline(items, stages, timeout);
        }

        @Override
        public long idleWorkerCpuNanos(Duration idle) throws InterruptedException, TimeoutException {
            MyQueue<Object> empty = new MyQueue<>();
            List<PollingWorker<Object, Object>> threads = new ArrayList<>();
            try {
                for (String stage : List.of("download", "resize", "upload")) {
                    PollingWorker<Object, Object> worker = new PollingWorker<>(stage, item -> item, empty, empty);
                    threads.add(worker);
                    worker.start();
                }
                Thread.sleep(idle);
                threads.forEach(PollingWorker::magicExit);
                StoppableWorker.joinAll(threads, System.nanoTime() + IDLE_STOP_TIMEOUT.toNanos());
            } finally {
                stopLeftovers(threads);
            }
            return threads.stream().mapToLong(PollingWorker::cpuNanos).sum();
        }
    },
    BLOCKING {
        @Override
        public Outcome run(int items, Stages stages, Duration timeout) throws InterruptedException, TimeoutException {
            return pipeline(items, List.of(1, 1, 1), stages, timeout);
        }

        @Override
        public long idleWorkerCpuNanos(Duration idle) throws InterruptedException, TimeoutException {
            ClosableQueue<Object> empty = new ClosableQueue<>();
            List<StoppableWorker<Object, Object>> threads = new ArrayList<>();
            try {
                threads.addAll(StoppableWorker.startAll(3, "idle", item -> item, empty, empty));
                Thread.sleep(idle);
                StoppableWorker.stopAll(empty, threads, IDLE_STOP_TIMEOUT);
            } finally {
                stopLeftovers(threads);
            }
            return threads.stream().mapToLong(w -> Math.max(0, w.cpuNanos())).sum();
        }
    };

    private static final Duration IDLE_STOP_TIMEOUT = Duration.ofSeconds(10);

    /** The book's main thread sleeps this long between checks of the done queue (Example 9). */
    static final long MAIN_POLL_MILLIS = 100;

    /**
     * What a run did: items that reached the done queue, how many times the workers polled (every pass of a
     * polling worker's loop; 0 for the blocking pipeline), the CPU time the stage workers used, the wall time.
     */
    public record Outcome(int finished, long polls, long emptyPolls, long workerCpuNanos, long wallNanos) {
    }

    /**
     * Beyond the book: starts three workers (one per stage) with nothing to do, leaves them idle for {@code idle},
     * stops them, and returns the CPU time they used: the price of waiting by polling versus by blocking.
     */
    public abstract long idleWorkerCpuNanos(Duration idle) throws InterruptedException, TimeoutException;

    /** Pushes {@code items} objects through the three stages and stops every worker before returning. */
    public abstract Outcome run(int items, Stages stages, Duration timeout)
            throws InterruptedException, TimeoutException;

    /** Examples 7-10: the hand-made pipeline, stopped with the magic exit. */
    static Outcome pollingPipeline(int items, Stages stages, Duration timeout)
            throws InterruptedException, TimeoutException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        MyQueue<Object> downloadQueue = new MyQueue<>();
        MyQueue<Object> resizeQueue = new MyQueue<>();
        MyQueue<Object> uploadQueue = new MyQueue<>();
        MyQueue<Object> doneQueue = new MyQueue<>();
        List<PollingWorker<Object, Object>> threads = List.of(
                new PollingWorker<>("download", stages::download, downloadQueue, resizeQueue),
                new PollingWorker<>("resize", stages::resize, resizeQueue, uploadQueue),
                new PollingWorker<>("upload", stages::upload, uploadQueue, doneQueue));
        try {
            threads.forEach(Thread::start);
            for (int i = 0; i < items; i++) {
                downloadQueue.put(new Object());
            }
            while (doneQueue.size() < items) {       // the book's completion check: another busy wait
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("only " + doneQueue.size() + " of " + items + " items done");
                }
                Thread.sleep(MAIN_POLL_MILLIS);
            }
            for (PollingWorker<Object, Object> thread : threads) {
                thread.magicExit();
            }
            StoppableWorker.joinAll(threads, deadline);
        } finally {
            stopLeftovers(threads);
        }
        long polls = 0;
        long empty = 0;
        long cpu = 0;
        for (PollingWorker<Object, Object> thread : threads) {
            polls += thread.polledCount();
            empty += thread.emptyPolls();
            cpu += thread.cpuNanos();
        }
        return new Outcome(doneQueue.size(), polls, empty, cpu, System.nanoTime() - start);
    }

    /**
     * Examples 20-24: the blocking pipeline with {@code workersPerStage.get(i)} workers on stage {@code i}
     * (download, resize, upload), stopped stage by stage with one sentinel per worker.
     */
    public static Outcome pipeline(int items, List<Integer> workersPerStage, Stages stages, Duration timeout)
            throws InterruptedException, TimeoutException {
        List<Object> inputs = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            inputs.add(new Object());
        }
        return pipeline(inputs, workersPerStage, stages, timeout, new ArrayList<>());
    }

    /**
     * The same pipeline fed {@code inputs}: what leaves the upload stage is added to {@code done} in the order it
     * arrived (the order of {@code inputs} with one worker per stage; any order with more).
     */
    public static Outcome pipeline(List<?> inputs, List<Integer> workersPerStage, Stages stages, Duration timeout,
            List<Object> done) throws InterruptedException, TimeoutException {
        if (workersPerStage.size() != 3) {
            throw new IllegalArgumentException("three stages, got " + workersPerStage);
        }
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        ClosableQueue<Object> downloadQueue = new ClosableQueue<>();
        ClosableQueue<Object> resizeQueue = new ClosableQueue<>();
        ClosableQueue<Object> uploadQueue = new ClosableQueue<>();
        ClosableQueue<Object> doneQueue = new ClosableQueue<>();
        List<StoppableWorker<Object, Object>> all = new ArrayList<>();
        try {
            var downloadThreads = StoppableWorker.startAll(workersPerStage.get(0), "download", stages::download,
                    downloadQueue, resizeQueue);
            all.addAll(downloadThreads);
            var resizeThreads = StoppableWorker.startAll(workersPerStage.get(1), "resize", stages::resize,
                    resizeQueue, uploadQueue);
            all.addAll(resizeThreads);
            var uploadThreads = StoppableWorker.startAll(workersPerStage.get(2), "upload", stages::upload,
                    uploadQueue, doneQueue);
            all.addAll(uploadThreads);
            for (Object item : inputs) {
                downloadQueue.put(item, remaining(deadline));
            }
            StoppableWorker.stopAll(downloadQueue, downloadThreads, remaining(deadline));
            StoppableWorker.stopAll(resizeQueue, resizeThreads, remaining(deadline));
            StoppableWorker.stopAll(uploadQueue, uploadThreads, remaining(deadline));
        } finally {
            stopLeftovers(all);
        }
        int finished = doneQueue.qsize();
        doneQueue.close(remaining(deadline));
        doneQueue.forEachUntilClosed(done::add, remaining(deadline));   // every worker has stopped: no waiting
        long cpu = 0;
        for (StoppableWorker<Object, Object> worker : all) {
            cpu += Math.max(0, worker.cpuNanos());
        }
        return new Outcome(finished, 0, 0, cpu, System.nanoTime() - start);
    }

    /** After a failure: interrupts whatever still runs and waits briefly, so nothing outlives the run. */
    static void stopLeftovers(List<? extends Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(Duration.ofSeconds(5));
            }
        }
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }
}
