package workbench.procpool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Serializable;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import workbench.proc.JavaLauncher;
import workbench.proc.ProcessTree;
import workbench.procpool.outside.NotAllowed;
import workbench.procpool.outside.NotAllowedException;
import workbench.testing.NoLeaks;

/**
 * The process pool: results, order, errors, the allow-list, broken pools, shutdown and orphans. The tests that
 * do not break or close a pool share one pool of two workers, whose allow-list adds this class (its lambdas)
 * but not {@code workbench.procpool.outside}.
 */
class ProcessPoolTest {

    private static final Duration BOUND = Duration.ofSeconds(15);

    private static ProcessPool shared;

    @BeforeAll
    static void startSharedPool() throws InterruptedException {
        shared = testPool(2).build().prestart();
    }

    @AfterAll
    static void closeSharedPool() {
        if (shared != null) {
            shared.close();
        }
    }

    /** What the test pools' workers wrote to stderr, forwarded: captured here and asserted, never printed. */
    private static final ByteArrayOutputStream WORKER_ERR = new ByteArrayOutputStream();
    private static final PrintStream WORKER_ERR_STREAM = new PrintStream(WORKER_ERR, true, StandardCharsets.UTF_8);

    private static ProcessPoolBuilder testPool(int workers) {
        // One class, not a package: its lambdas (hidden classes named ProcessPoolTest$$Lambda/0x...) come with it.
        return ProcessPool.builder().workers(workers).allow(ProcessPoolTest.class.getName())
                .workerStderr(WORKER_ERR_STREAM);
    }

    /** The workers' forwarded stderr so far, once {@code expected} is in it (or the bound passed). */
    private static String workerErr(Pattern expected) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!expected.matcher(workerErrText()).find() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return workerErrText();
    }

    private static String workerErrText() {
        synchronized (WORKER_ERR_STREAM) {
            return WORKER_ERR.toString(StandardCharsets.UTF_8);
        }
    }

    /** CPU work whose cost grows with n: the number of primes below n, by trial division. */
    static int primesBelow(int n) {
        int count = 0;
        for (int candidate = 2; candidate < n; candidate++) {
            boolean prime = true;
            for (int d = 2; (long) d * d <= candidate; d++) {
                if (candidate % d == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                count++;
            }
        }
        return count;
    }

    static int explode(int n) {
        throw new IllegalStateException("boom " + n);
    }

    // ------------------------------------------------------------------------------------------------ results

    @Test
    @Timeout(30)
    void mapGivesResultsInInputOrderIdenticalToInProcess() throws Exception {
        // Big items first, so later (smaller) items tend to finish first in the other worker.
        List<Integer> inputs = List.of(200_000, 150_000, 5, 100_000, 10, 50_000, 2, 20_000, 1_000, 3);
        List<Integer> expected = inputs.stream().map(ProcessPoolTest::primesBelow).toList();

        assertEquals(expected, shared.map(ProcessPoolTest::primesBelow, inputs));
        assertEquals(expected, shared.map(ProcessPoolTest::primesBelow, inputs, 3));
        assertEquals(List.of(), shared.map(ProcessPoolTest::primesBelow, List.of()));
    }

    @Test
    @Timeout(30)
    void typedEntryPointsAndTheExecutorServiceInterface() throws Exception {
        assertEquals(42, shared.submit(() -> 6 * 7).get());
        assertEquals(primesBelow(1000), shared.submit(ProcessPoolTest::primesBelow, 1000).get());
        assertNull(shared.submit(() -> System.out.println("a runnable task")).get());
        // Forwarded with the worker's prefix; the line may begin with what an earlier task on the same worker printed
        // without a newline (whatATaskPrintsToSystemOutDoesNotCorruptTheProtocol's "no newline").
        Pattern forwarded = Pattern.compile("(?m)^\\[procpool worker pid \\d+\\] .*a runnable task$");
        assertTrue(forwarded.matcher(workerErr(forwarded)).find(), "forwarded: " + workerErrText());

        assertArrayEquals(new long[] {1, 2}, shared.submit(() -> new long[] {1, 2}).get());
        assertArrayEquals(new String[] {"a"}, shared.submit(() -> new String[] {"a"}).get());
        assertEquals(BigInteger.TWO.pow(100), shared.submit(() -> BigInteger.TWO.pow(100)).get());

        int captured = 5;
        Map<String, List<Integer>> value = shared.submit(() -> Map.of("k", List.of(captured, captured + 1))).get();
        assertEquals(Map.of("k", List.of(5, 6)), value);

        ExecutorService executor = shared; // the one change: any ExecutorService code runs on the pool
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            tasks.add((Callable<Integer> & Serializable) () -> n * n);
        }
        List<Integer> squares = new ArrayList<>();
        for (Future<Integer> future : executor.invokeAll(tasks)) {
            squares.add(future.get());
        }
        assertEquals(List.of(0, 1, 4, 9, 16, 25), squares);
        int any = executor.invokeAny(tasks);
        assertTrue(any >= 0 && any <= 25);
        assertEquals("done", executor.submit((Runnable & Serializable) () -> { }, "done").get());
        assertEquals(5, executor.submit(SerializableCallable.of(() -> 5)).get());
        Callable<Integer> plain = () -> 5;
        assertThrows(IllegalArgumentException.class, () -> executor.submit(plain), "not serialisable");
    }

    @Test
    @Timeout(30)
    void whatATaskPrintsToSystemOutDoesNotCorruptTheProtocol() throws Exception {
        Future<String> noisy = shared.submit(() -> {
            System.out.println("noise on System.out\n\u0000\u0000\u0000\u0007binary-looking");
            System.out.print("no newline");
            return "intact";
        });
        assertEquals("intact", noisy.get());
        // Forwarded with its control characters escaped: nothing raw reaches a terminal or a log.
        String forwarded = workerErr(Pattern.compile("binary-looking"));
        assertTrue(forwarded.contains("] \\x00\\x00\\x00\\x07binary-looking"), forwarded);
        assertTrue(forwarded.contains("] noise on System.out"), forwarded);
        assertFalse(Pattern.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]").matcher(forwarded).find(), forwarded);
        assertEquals(7, shared.submit(() -> 7).get());
    }

    @Test
    @Timeout(30)
    void theWorkersOutputIsForwardedToStderrWithAPrefix() throws Exception {
        String marker = "marker-" + System.nanoTime();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (ProcessPool pool = ProcessPool.builder().workers(1).allow(ProcessPoolTest.class.getName()).build()) {
            long pid = pool.submit(() -> {
                System.out.println(marker);
                return ProcessHandle.current().pid();
            }).get();
            // (A line may begin with what an earlier task printed without a newline.)
            Pattern expected = Pattern.compile("(?m)^\\[procpool worker pid " + pid + "\\] .*" + marker + "$");
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (!expected.matcher(captured.toString(StandardCharsets.UTF_8)).find()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(expected.matcher(captured.toString(StandardCharsets.UTF_8)).find(), captured::toString);
        } finally {
            System.setErr(original);
        }
    }

    @Test
    @Timeout(30)
    void tasksRunInOtherProcessesAndWorkersAreReused() throws Exception {
        long me = ProcessHandle.current().pid();
        List<Long> pids = shared.map(i -> ProcessHandle.current().pid(), IntStream.range(0, 20).boxed().toList());
        assertTrue(pids.stream().noneMatch(pid -> pid == me), "ran in the parent: " + pids);
        assertTrue(pids.stream().distinct().count() <= 2, "more processes than workers: " + pids);
        assertEquals(2, shared.workersStarted());
    }

    @Test
    @Timeout(30)
    void jvmWarningsInTheWorkerDoNotCorruptTheProtocol() throws Throwable {
        // Without large pages configured, this flag makes HotSpot log a warning, by default to stdout.
        List<String> flags = new ArrayList<>(JavaLauncher.FAST_START);
        flags.add("-XX:+UseLargePages");
        NoLeaks.check(() -> {
            try (ProcessPool pool = testPool(1).jvmFlags(flags).build()) {
                assertEquals(List.of(2, 3), pool.map(x -> x + 1, List.of(1, 2)));
            }
            assertTrue(workerErr(Pattern.compile("UseLargePages")).contains("UseLargePages"), "HotSpot's warning, forwarded");
        });
    }

    // ------------------------------------------------------------------------------------------------ errors

    @Test
    @Timeout(30)
    void nonSerialisableTaskFailsAtSubmit() {
        Callable<Integer> plain = () -> 1;
        IllegalArgumentException notSerializable = assertThrows(IllegalArgumentException.class,
                () -> shared.submit(plain));
        assertTrue(notSerializable.getMessage().contains("serialisable"), notSerializable.getMessage());

        Object notSerialisableCapture = new Object();
        IllegalArgumentException capture = assertThrows(IllegalArgumentException.class,
                () -> shared.submit(() -> notSerialisableCapture.hashCode()));
        assertTrue(capture.getMessage().contains("java.lang.Object"), capture.getMessage());
        assertFalse(shared.isBroken());
    }

    @Test
    @Timeout(30)
    void taskExceptionArrivesWithTypeMessageAndRemoteTrace() throws Exception {
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> shared.submit(ProcessPoolTest::explode, 3).get());
        IllegalStateException cause = assertInstanceOf(IllegalStateException.class, failure.getCause());
        assertEquals("boom 3", cause.getMessage());
        assertTrue(Arrays.stream(cause.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("explode")),
                "remote frames: " + Arrays.toString(cause.getStackTrace()));
        assertTrue(Arrays.stream(cause.getStackTrace()).anyMatch(f -> f.getClassName().equals(Worker.class.getName())));
        RemoteTaskException note = assertInstanceOf(RemoteTaskException.class, cause.getSuppressed()[0]);
        assertNotEquals(ProcessHandle.current().pid(), note.workerPid());
        assertEquals(IllegalStateException.class.getName(), note.remoteClassName());

        // map throws the first failure in input order
        ExecutionException fromMap = assertThrows(ExecutionException.class,
                () -> shared.map(n -> n == 2 ? explode(n) : n, List.of(1, 2, 3)));
        assertEquals("boom 2", fromMap.getCause().getMessage());
        assertFalse(shared.isBroken());
    }

    @Test
    @Timeout(30)
    void exceptionOutsideTheAllowListArrivesAsRemoteTaskException() {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> shared.submit(() -> {
            throw new NotAllowedException("forbidden " + 1, new ArithmeticException("root"));
        }).get());
        RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, failure.getCause());
        assertEquals(NotAllowedException.class.getName(), remote.remoteClassName());
        assertEquals("forbidden 1", remote.remoteMessage());
        assertTrue(remote.getMessage().contains(NotAllowedException.class.getName() + ": forbidden 1"));
        assertFalse(remote.remoteStackTrace().isEmpty());
        RemoteTaskException rootCause = assertInstanceOf(RemoteTaskException.class, remote.getCause());
        assertEquals(ArithmeticException.class.getName(), rootCause.remoteClassName());
        ClassNotAllowedException why = assertInstanceOf(ClassNotAllowedException.class, remote.getSuppressed()[0]);
        assertEquals(NotAllowedException.class.getName(), why.className());
    }

    @Test
    @Timeout(30)
    void resultOutsideTheAllowListIsRejectedClearly() throws Exception {
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> shared.submit(() -> new NotAllowed("payload")).get());
        ClassNotAllowedException rejected = assertInstanceOf(ClassNotAllowedException.class, failure.getCause());
        assertEquals(NotAllowed.class.getName(), rejected.className());
        assertTrue(rejected.getMessage().contains("allow"), rejected.getMessage());
        assertFalse(shared.isBroken());
        assertEquals(1, shared.submit(() -> 1).get(), "the pool works on after a rejection");
    }

    @Test
    @Timeout(30)
    void taskOutsideTheWorkersAllowListIsRejectedClearly() {
        NotAllowed forbidden = new NotAllowed("captured");
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> shared.submit(() -> forbidden.text().length()).get());
        ClassNotAllowedException rejected = assertInstanceOf(ClassNotAllowedException.class, failure.getCause());
        assertEquals(NotAllowed.class.getName(), rejected.className());
        assertFalse(shared.isBroken());
    }

    @Test
    @Timeout(5)
    void allowListPatternsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().allow("com.example.*;!*"));
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().allow("maxdepth=1"));
        assertThrows(IllegalArgumentException.class, () -> ProcessPool.builder().allow("!com.example.Foo"));
        ProcessPool.builder().allow("com.example.Foo", "com.example.*", "com.example.**", "com.example.Foo$Bar");
    }

    // ------------------------------------------------------------------------------------------------ broken

    @Test
    @Timeout(30)
    void workerKilledMidTaskBreaksThePool(@TempDir Path dir) throws Throwable {
        NoLeaks.check(() -> {
            try (ProcessPool pool = testPool(2).build()) {
                Path started = dir.resolve("started");
                String marker = started.toString();
                Future<Long> running = pool.submit(() -> {
                    Files.writeString(Path.of(marker), Long.toString(ProcessHandle.current().pid()));
                    Thread.sleep(60_000);
                    return 0L;
                });
                long victim = awaitPid(started);
                ProcessHandle worker = ProcessHandle.of(victim).orElseThrow();
                assertTrue(pool.workerProcesses().contains(worker));

                worker.destroyForcibly();

                ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> running.get(BOUND.toSeconds(), TimeUnit.SECONDS));
                BrokenProcessPoolException broken = assertInstanceOf(BrokenProcessPoolException.class,
                        failure.getCause());
                assertTrue(broken.getMessage().contains("terminated abruptly"), broken.getMessage());
                assertTrue(pool.isBroken());
                assertThrows(BrokenProcessPoolException.class, () -> pool.submit(() -> 1));
            }
        });
    }

    @Test
    @Timeout(30)
    void aWorkerThatCannotStartFailsBuildStartedWithItsOwnWordsAndLeavesNothing() throws Throwable {
        NoLeaks.check(() -> {
            BrokenProcessPoolException broken = assertThrows(BrokenProcessPoolException.class,
                    () -> testPool(1).jvmFlags(List.of("-XX:+NoSuchOptionInAnyJvm")).buildStarted());
            assertTrue(broken.getMessage().contains("NoSuchOptionInAnyJvm"), broken.getMessage());
            assertTrue(workerErr(Pattern.compile("NoSuchOptionInAnyJvm")).contains("NoSuchOptionInAnyJvm"));
        });
    }

    @Test
    @Timeout(30)
    void systemExitInATaskBreaksThePoolAndFailsQueuedTasks() throws Throwable {
        NoLeaks.check(() -> {
            try (ProcessPool pool = testPool(1).build()) {
                Future<Integer> exits = pool.submit(() -> {
                    System.err.println("disk on fire");
                    System.exit(7);
                    return 0;
                });
                Future<Integer> queued = pool.submit(() -> 1);
                ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> exits.get(BOUND.toSeconds(), TimeUnit.SECONDS));
                BrokenProcessPoolException broken = assertInstanceOf(BrokenProcessPoolException.class,
                        failure.getCause());
                assertTrue(broken.getMessage().contains("status 7"), broken.getMessage());
                assertTrue(broken.getMessage().contains("its stderr ended with: disk on fire"), broken.getMessage());
                assertTrue(workerErr(Pattern.compile("disk on fire")).contains("] disk on fire"));
                ExecutionException queuedFailure = assertThrows(ExecutionException.class,
                        () -> queued.get(BOUND.toSeconds(), TimeUnit.SECONDS));
                assertInstanceOf(BrokenProcessPoolException.class, queuedFailure.getCause());
                assertTrue(pool.isBroken());
                assertThrows(BrokenProcessPoolException.class, () -> pool.map(x -> x, List.of(1)));
            }
        });
    }

    @Test
    @Timeout(30)
    void aWorkerThatCannotStartBreaksThePool() throws Throwable {
        NoLeaks.check(() -> {
            try (ProcessPool pool = testPool(1).jvmFlags(List.of("-XX:+NoSuchFlagForTheWorkbench")).build()) {
                assertThrows(BrokenProcessPoolException.class, pool::prestart);
                assertTrue(pool.isBroken());
                assertTrue(workerErr(Pattern.compile("NoSuchFlagForTheWorkbench")).contains("NoSuchFlagForTheWorkbench"));
            }
        });
    }

    @Test
    @Timeout(30)
    void aTimedMapGivesUpAndCancelsWhatIsLeft() throws Throwable {
        NoLeaks.check(() -> {
            try (ProcessPool pool = testPool(1).closeGrace(Duration.ofMillis(500)).build()) {
                assertEquals(List.of(2, 3), pool.map(x -> x + 1, List.of(1, 2), 1, BOUND));
                assertThrows(TimeoutException.class, () -> pool.map(x -> {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return x;
                }, List.of(1, 2), 1, Duration.ofMillis(200)));
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ ending

    @Test
    @Timeout(30)
    void closeWaitsForTasksAndLeavesNoProcessOrThread() throws Throwable {
        List<ProcessHandle> workers = new ArrayList<>();
        Future<Integer> slow = NoLeaks.check(() -> {
            Future<Integer> last;
            try (ProcessPool pool = testPool(2).build()) {
                assertEquals(List.of(1, 4, 9), pool.map(x -> x * x, List.of(1, 2, 3)));
                last = pool.submit(() -> {
                    Thread.sleep(300);
                    return 99;
                });
                workers.addAll(pool.workerProcesses());
            }
            assertTrue(last.isDone(), "close() waits for running tasks");
            return last;
        });
        assertEquals(99, slow.get());
        assertFalse(workers.isEmpty());
        assertTrue(workers.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    @Timeout(30)
    void closeKillsStragglersAfterTheGraceAndShutdownNowCancels() throws Throwable {
        NoLeaks.check(() -> {
            Future<Integer> straggler;
            Future<Integer> queued;
            try (ProcessPool pool = testPool(1).closeGrace(Duration.ofMillis(500)).build()) {
                straggler = pool.submit(() -> {
                    Thread.sleep(60_000);
                    return 1;
                });
                queued = pool.submit(() -> 2);
            }
            // close() returned although the straggler sleeps a minute: it was killed after the grace, not awaited.
            assertThrows(CancellationException.class, () -> straggler.get(1, TimeUnit.SECONDS));
            assertThrows(CancellationException.class, () -> queued.get(1, TimeUnit.SECONDS));
        });
    }

    @Test
    @Timeout(30)
    void shutdownNowKillsTheWorkersAndReturnsTheTasksThatNeverStarted(@TempDir Path dir) throws Throwable {
        NoLeaks.check(() -> {
            ProcessPool pool = testPool(1).build();
            Path started = dir.resolve("started");
            String marker = started.toString();
            Future<Integer> running = pool.submit(() -> {
                Files.writeString(Path.of(marker), Long.toString(ProcessHandle.current().pid()));
                Thread.sleep(60_000);
                return 1;
            });
            Future<Integer> cancelled = pool.submit(() -> 2);
            Future<Integer> queued = pool.submit(() -> 3);
            long worker = awaitPid(started);
            assertTrue(cancelled.cancel(false));

            List<Runnable> neverStarted = pool.shutdownNow();

            assertEquals(1, neverStarted.size(), "the queued task, not the cancelled one");
            assertTrue(running.isCancelled());
            assertTrue(queued.isCancelled());
            assertTrue(pool.awaitTermination(BOUND.toSeconds(), TimeUnit.SECONDS));
            assertFalse(pool.isBroken(), "killed on purpose is not broken");
            assertFalse(ProcessHandle.of(worker).map(ProcessHandle::isAlive).orElse(false));
            pool.close();
        });
    }

    @Test
    @Timeout(30)
    void shutdownRejectsNewTasksButRunsQueuedOnes() throws Throwable {
        NoLeaks.check(() -> {
            ProcessPool pool = testPool(1).build();
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                futures.add(pool.submit(() -> n));
            }
            pool.shutdown();
            assertTrue(pool.isShutdown());
            assertThrows(java.util.concurrent.RejectedExecutionException.class, () -> pool.submit(() -> 5));
            assertTrue(pool.awaitTermination(BOUND.toSeconds(), TimeUnit.SECONDS));
            assertTrue(pool.isTerminated());
            assertFalse(pool.isBroken());
            for (int i = 0; i < 4; i++) {
                assertEquals(i, futures.get(i).get());
            }
            pool.close();
        });
    }

    @Test
    @Timeout(30)
    void workersExitWhenTheirParentIsKilled() throws Exception {
        Process parent = JavaLauncher.builder(PoolParent.class).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        List<ProcessHandle> workers = new ArrayList<>();
        try {
            BufferedReader lines = new BufferedReader(
                    new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
            String ready = CompletableFuture.supplyAsync(() -> {
                try {
                    return lines.readLine();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(20, TimeUnit.SECONDS);
            assertTrue(ready != null && ready.startsWith("READY "), "parent said: " + ready);
            for (String pid : ready.substring("READY ".length()).trim().split(" ")) {
                workers.add(ProcessHandle.of(Long.parseLong(pid)).orElseThrow());
            }
            assertEquals(2, workers.size());
            List<Long> descendants = parent.descendants().map(ProcessHandle::pid).toList();
            workers.forEach(w -> assertTrue(descendants.contains(w.pid()), "not the parent's child: " + w));

            parent.toHandle().destroyForcibly();

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline && !workers.stream().allMatch(ProcessPoolTest::gone)) {
                Thread.sleep(50);
            }
            assertTrue(workers.stream().allMatch(ProcessPoolTest::gone), "orphaned workers: " + workers);
        } finally {
            ProcessTree.kill(parent.toHandle());
            workers.forEach(ProcessHandle::destroyForcibly);
            parent.waitFor(5, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------------------------------------ starting

    @Test
    @Timeout(60)
    void aSlowWorkerStartHoldsUpNeitherTheStartedWorkerNorItsSubmitters(@TempDir Path dir) throws Throwable {
        String go = dir.resolve("go").toString();
        NoLeaks.check(() -> {
            try (GatedStart gate = new GatedStart(2); ProcessPool pool = testPool(2).starter(gate).build()) {
                Future<Long> first = pool.submit(() -> pidOnceExists(go)); // starts worker 1, keeps it busy
                Future<Future<Long>> second = gate.submitHeld(pool, () -> ProcessHandle.current().pid());

                // Worker 2's start is held: worker 1's answer still arrives, and a submit still reaches it.
                Files.createFile(Path.of(go));
                long worker1 = first.get(BOUND.toSeconds(), TimeUnit.SECONDS);
                Future<Long> third = gate.elsewhere(() -> pool.submit(() -> ProcessHandle.current().pid())
                        .get(BOUND.toSeconds(), TimeUnit.SECONDS));
                assertEquals(worker1, third.get(BOUND.toSeconds(), TimeUnit.SECONDS));
                assertFalse(second.isDone(), "the submit that needs worker 2 waits for its start");
                assertEquals(1, pool.workerProcesses().size());

                gate.release(false);
                Future<Long> onWorker2 = second.get(BOUND.toSeconds(), TimeUnit.SECONDS);
                long worker2 = onWorker2.get(BOUND.toSeconds(), TimeUnit.SECONDS);
                assertNotEquals(worker1, worker2);
                assertEquals(2, pool.workersStarted());
                assertFalse(pool.isBroken());
            }
        });
    }

    @Test
    @Timeout(60)
    void aWorkerThatCannotBeStartedBreaksThePoolAndFailsTheTasksQueuedMeanwhile() throws Throwable {
        NoLeaks.check(() -> {
            try (GatedStart gate = new GatedStart(1); ProcessPool pool = testPool(1).starter(gate).build()) {
                Future<Future<Integer>> first = gate.submitHeld(pool, () -> 1);
                Future<Integer> queued = pool.submit(() -> 2); // the one worker is taken: this one queues
                gate.release(true);

                ExecutionException submitFailed = assertThrows(ExecutionException.class,
                        () -> first.get(BOUND.toSeconds(), TimeUnit.SECONDS));
                BrokenProcessPoolException broken = assertInstanceOf(BrokenProcessPoolException.class,
                        submitFailed.getCause());
                assertInstanceOf(IOException.class, broken.getCause());
                ExecutionException queuedFailed = assertThrows(ExecutionException.class,
                        () -> queued.get(BOUND.toSeconds(), TimeUnit.SECONDS));
                assertInstanceOf(BrokenProcessPoolException.class, queuedFailed.getCause());
                assertTrue(pool.isBroken());
                assertTrue(pool.awaitTermination(BOUND.toSeconds(), TimeUnit.SECONDS));
            }
        });
    }

    @Test
    @Timeout(60)
    void shutdownNowDuringAWorkerStartKillsThatWorkerOnceItIsUp() throws Throwable {
        NoLeaks.check(() -> {
            try (GatedStart gate = new GatedStart(1); ProcessPool pool = testPool(1).starter(gate).build()) {
                Future<Future<Integer>> first = gate.submitHeld(pool, () -> 1);

                assertEquals(List.of(), pool.shutdownNow());
                gate.release(false);

                assertTrue(first.get(BOUND.toSeconds(), TimeUnit.SECONDS).isCancelled());
                assertTrue(pool.awaitTermination(BOUND.toSeconds(), TimeUnit.SECONDS));
                assertEquals(1, pool.workersStarted());
                assertFalse(pool.isBroken(), "stopped on purpose is not broken");
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ helpers
    /**
     * Holds the {@code held}th worker start until released (or for {@link #BOUND} at most), then starts that worker
     * or fails its start. Its own threads submit, since a submit that starts a worker waits for that start.
     */
    private static final class GatedStart implements WorkerConnection.Starter, AutoCloseable {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final int held;
        private final AtomicInteger starts = new AtomicInteger();
        private final ExecutorService submitters = Executors.newFixedThreadPool(2);
        private volatile boolean fail;

        GatedStart(int held) {
            this.held = held;
        }

        /** Submits {@code task} from another thread, whose submit starts the held worker; returns once it is held. */
        <T> Future<Future<T>> submitHeld(ProcessPool pool, SerializableCallable<T> task) throws InterruptedException {
            Future<Future<T>> submitted = submitters.submit(() -> pool.submit(task));
            assertTrue(entered.await(BOUND.toSeconds(), TimeUnit.SECONDS), "the held start began");
            return submitted;
        }

        /** Runs {@code body} on another thread (it may submit: a submit must not hang the test). */
        <T> Future<T> elsewhere(Callable<T> body) {
            return submitters.submit(body);
        }

        void release(boolean failIt) {
            if (released.getCount() > 0) {
                fail = failIt;
                released.countDown();
            }
        }

        @Override
        public Process start(List<String> command) throws IOException {
            if (starts.incrementAndGet() == held) {
                entered.countDown();
                try {
                    if (!released.await(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                        throw new IOException("the test never released the held start");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while held");
                }
                if (fail) {
                    throw new IOException("no process for this worker (the test's failed start)");
                }
            }
            return PROCESS_BUILDER.start(command);
        }

        @Override
        public void close() throws InterruptedException {
            release(false);
            submitters.shutdownNow();
            assertTrue(submitters.awaitTermination(BOUND.toSeconds(), TimeUnit.SECONDS), "a submitter hangs");
        }
    }

    /** In a worker: waits (bounded) until {@code file} exists, then answers the worker's pid. */
    private static long pidOnceExists(String file) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!Files.exists(Path.of(file))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("never told to go: " + file);
            }
            Thread.sleep(10);
        }
        return ProcessHandle.current().pid();
    }


    private static long awaitPid(Path file) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                String text = Files.readString(file).trim();
                if (!text.isEmpty()) {
                    return Long.parseLong(text);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the task never started");
    }

    /** Not running: exited, or a zombie that no one has reaped yet (an orphan's reaper may not be a real init). */
    private static boolean gone(ProcessHandle process) {
        if (!process.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return !process.isAlive();
        }
    }
}
