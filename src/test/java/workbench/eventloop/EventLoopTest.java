package workbench.eventloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

import workbench.testing.NoLeaks;
import workbench.testing.SlowCallbackLine;

@Timeout(20)
class EventLoopTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration LONG = Duration.ofSeconds(10);
    private static final InetSocketAddress ANY_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Test
    void runsCallbacksOnItsOwnThreadAndEndsItOnClose() throws Throwable {
        NoLeaks.check(() -> {
            EventLoop loop = EventLoop.start("test-loop");
            try (loop) {
                String thread = result(loop, () -> Async.done(Thread.currentThread().getName()), WAIT);
                assertEquals("test-loop", thread);
                assertThrows(IllegalStateException.class, () -> loop.sleep(Duration.ofMillis(1)),
                        "loop-confined methods check the caller");
            }
            assertTrue(loop.isTerminated());
            assertThrows(EventLoopClosedException.class, () -> loop.callSoon(() -> { }));
        });
    }

    @Test
    void sleepsAndTimersFireInDeadlineOrder() throws Exception {
        try (EventLoop loop = EventLoop.start("test-loop")) {
            List<String> order = result(loop, () -> {
                List<String> fired = new ArrayList<>();
                loop.callLater(Duration.ofMillis(30), () -> fired.add("30 ms"));
                loop.callLater(Duration.ofMillis(10), () -> fired.add("10 ms"));
                loop.callLater(Duration.ofMillis(20), () -> fired.add("20 ms")).cancel();
                return loop.sleep(Duration.ofMillis(50)).thenApply(slept -> fired);
            }, WAIT);
            assertEquals(List.of("10 ms", "30 ms"), order);
        }
    }

    @Test
    void runTimesOutInsteadOfHanging() throws Exception {
        try (EventLoop loop = EventLoop.start("test-loop")) {
            assertThrows(TimeoutException.class,
                    () -> result(loop, () -> new CompletableFuture<Void>(), Duration.ofMillis(50)));
        }
    }

    @Test
    void whileTrueRunsManySynchronousIterationsWithoutDeepStacks() {
        int[] count = {0};
        Async.whileTrue(() -> Async.done(++count[0] < 1_000_000)).join();
        assertEquals(1_000_000, count[0]);
    }

    @Test
    void tryFinallyRunsCleanupAndKeepsTheBodyFailure() {
        List<String> ran = new ArrayList<>();
        CompletableFuture<String> failed = Async.tryFinally(
                () -> CompletableFuture.failedFuture(new IllegalStateException("body")),
                () -> {
                    ran.add("cleanup");
                    return CompletableFuture.failedFuture(new IOException("cleanup"));
                });
        ExecutionException error = assertThrows(ExecutionException.class, failed::get);
        assertEquals("body", error.getCause().getMessage());
        assertEquals("cleanup", error.getCause().getSuppressed()[0].getMessage());
        assertEquals(List.of("cleanup"), ran);
        assertEquals("ok", Async.tryFinally(() -> Async.done("ok"), () -> Async.done(null)).join());
    }

    @Test
    void echoesLinesBetweenAServerAndAClientOnOneLoop() throws Throwable {
        NoLeaks.check(() -> {
            try (EventLoop loop = EventLoop.start("test-loop")) {
                List<String> replies = result(loop, () -> loop.startServer(ANY_PORT, 64, stream ->
                        Async.whileTrue(() -> stream.readLine().thenCompose(line -> line == null
                                ? Async.done(false)
                                : stream.writeLine("echo " + line).thenApply(written -> true)))
                                .whenComplete((done, error) -> stream.close()))
                        .thenCompose(server -> loop.openConnection(server.address(), WAIT, 64))
                        .thenCompose(client -> {
                            List<String> got = new ArrayList<>();
                            AsyncIterator<String> echoes = new AsyncIterator<>() {
                                private int sent;

                                @Override
                                public CompletableFuture<String> next() {
                                    if (sent == 3) {
                                        return Async.done(null);
                                    }
                                    return client.writeLine("line " + sent++).thenCompose(w -> client.readLine());
                                }
                            };
                            return echoes.forEach(line -> {
                                got.add(line);
                                return Async.done(null);
                            }).thenApply(done -> {
                                client.close();
                                return got;
                            });
                        }), WAIT);
                assertEquals(List.of("echo line 0", "echo line 1", "echo line 2"), replies);
            }
        });
    }

    @Test
    void aReadTimesOutAndClosingTheLoopFailsWaitingFutures() throws Exception {
        CompletableFuture<String> orphan;
        try (EventLoop loop = EventLoop.start("test-loop")) {
            AsyncServer server = result(loop, () -> loop.startServer(ANY_PORT, 64, stream -> { }), WAIT);
            AsyncStream client = result(loop, () -> loop.openConnection(server.address(), WAIT, 64), WAIT);
            ExecutionException timedOut = assertThrows(ExecutionException.class, () -> result(loop, () -> {
                client.setReadTimeout(Duration.ofMillis(50));
                return client.readLine();
            }, WAIT));
            assertInstanceOf(SocketTimeoutException.class, timedOut.getCause());
            orphan = result(loop, () -> {
                client.setReadTimeout(Duration.ZERO);
                return Async.done(client.readLine());
            }, WAIT);
        }
        ExecutionException closed = assertThrows(ExecutionException.class, () -> orphan.get());
        assertInstanceOf(ClosedChannelException.class, closed.getCause());
    }

    @Test
    void readLineReturnsNullAtEndOfStream() throws Exception {
        try (EventLoop loop = EventLoop.start("test-loop")) {
            AsyncServer server = result(loop, () -> loop.startServer(ANY_PORT, 64,
                    stream -> stream.writeLine("bye").thenCompose(w -> stream.closeGracefully(WAIT))), WAIT);
            List<String> lines = result(loop, () -> loop.openConnection(server.address(), WAIT, 64)
                    .thenCompose(client -> client.readLine().thenCompose(first -> client.readLine()
                            .thenApply(second -> {
                                client.close();
                                List<String> both = new ArrayList<>();
                                both.add(first);
                                both.add(second);
                                return both;
                            }))), WAIT);
            assertEquals("bye", lines.get(0));
            assertNull(lines.get(1));
        }
    }

    // ---- asyncio-style scheduling, tasks, executor and debug mode (Items 62 and 63)

    @Test
    void callSoonRunsCallbacksInTheOrderTheyWereQueued() throws Exception {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        List<Integer> result = EventLoop.run("test", "main", loop -> {
            for (int i = 0; i < 100; i++) {
                int n = i;
                loop.callSoon(() -> order.add(n));
            }
            return loop.createTask("read", () -> Async.done(List.copyOf(order)));
        }, LONG);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add(i);
        }
        assertEquals(expected, result);
    }

    @Test
    void callbacksFromOneOtherThreadKeepTheirOrderAndAllRunOnTheLoopThread() throws Exception {
        List<Integer> order = new ArrayList<>(); // touched only on the loop thread
        List<String> threads = new CopyOnWriteArrayList<>();
        try (EventLoop loop = EventLoop.start("test-loop")) {
            for (int i = 0; i < 200; i++) {
                int n = i;
                loop.callSoon(() -> {
                    order.add(n);
                    threads.add(Thread.currentThread().getName());
                });
            }
            List<Integer> seen = loop.runCoroutineThreadsafe("read", () -> Async.done(List.copyOf(order)))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(200, seen.size());
            for (int i = 0; i < 200; i++) {
                assertEquals(i, seen.get(i));
            }
        }
        assertEquals(List.of("test-loop"), threads.stream().distinct().toList());
    }

    @Test
    void timersFireInDeadlineOrderAndNeverEarly() throws Exception {
        List<String> fired = new ArrayList<>();
        List<Long> lateness = new ArrayList<>();
        EventLoop.run("test", "main", loop -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            long start = loop.time();
            for (int ms : new int[] {60, 20, 40}) {
                loop.callLater(Duration.ofMillis(ms), () -> {
                    fired.add(ms + " ms");
                    lateness.add(loop.time() - start - Duration.ofMillis(ms).toNanos());
                    if (fired.size() == 3) {
                        done.complete(null);
                    }
                });
            }
            return done;
        }, LONG);
        assertEquals(List.of("20 ms", "40 ms", "60 ms"), fired);
        lateness.forEach(late -> assertTrue(late >= 0, "a timer fired " + -late + " ns early"));
    }

    @Test
    void aCancelledTimerNeverRuns() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        EventLoop.run("test", "main", loop -> {
            EventLoop.Timer timer = loop.callLater(Duration.ofMillis(20), runs::incrementAndGet);
            assertTrue(timer.cancel());
            assertFalse(timer.cancel());
            return loop.sleep(Duration.ofMillis(60));
        }, LONG);
        assertEquals(0, runs.get());
    }

    @Test
    void sleepAndRunInExecutorCompleteOnTheLoopThread() throws Exception {
        List<String> where = EventLoop.run("test", "main", loop -> {
            Thread loopThread = Thread.currentThread();
            List<String> seen = new ArrayList<>();
            return loop.sleep(Duration.ofMillis(5))
                    .thenRun(() -> seen.add("after sleep on loop: " + (Thread.currentThread() == loopThread)))
                    .thenCompose(v -> loop.runInExecutor(() -> Thread.currentThread() == loopThread))
                    .thenApply(onLoop -> {
                        seen.add("work on loop: " + onLoop);
                        seen.add("after executor on loop: " + (Thread.currentThread() == loopThread));
                        return seen;
                    });
        }, LONG);
        assertEquals(List.of("after sleep on loop: true", "work on loop: false", "after executor on loop: true"),
                where);
    }

    @Test
    void runCoroutineThreadsafeFromManyThreadsRunsEachOnTheLoop() throws Exception {
        try (EventLoop loop = EventLoop.start("test-loop")) {
            List<Thread> callers = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicInteger counter = new AtomicInteger();
            for (int t = 0; t < 4; t++) {
                callers.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 0; i < 50; i++) {
                            String thread = loop.runCoroutineThreadsafe("probe", () -> {
                                counter.incrementAndGet();
                                return loop.sleep(Duration.ZERO).thenApply(v -> Thread.currentThread().getName());
                            }).get(10, TimeUnit.SECONDS);
                            assertEquals("test-loop", thread);
                        }
                    } catch (Throwable e) {
                        failure.set(e);
                    }
                }));
            }
            for (Thread caller : callers) {
                assertTrue(caller.join(Duration.ofSeconds(15)));
            }
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
            assertEquals(200, counter.get());
        }
    }

    @Test
    void exceptionsReachTheFuture() throws Exception {
        IOException boom = new IOException("boom");
        try (EventLoop loop = EventLoop.start("test-loop")) {
            ExecutionException submitted = assertThrows(ExecutionException.class,
                    () -> loop.runCoroutineThreadsafe("fails", () -> Async.call(() -> {
                        throw boom;
                    })).get(10, TimeUnit.SECONDS));
            assertSame(boom, submitted.getCause());

            ExecutionException fromExecutor = assertThrows(ExecutionException.class,
                    () -> loop.runCoroutineThreadsafe("main", () -> loop.runInExecutor(() -> {
                        throw boom;
                    })).get(10, TimeUnit.SECONDS));
            assertSame(boom, fromExecutor.getCause());

            ExecutionException fromTask = assertThrows(ExecutionException.class,
                    () -> loop.runCoroutineThreadsafe("main", () -> loop.sleep(Duration.ofMillis(1))
                            .thenApply(v -> {
                                throw new IllegalStateException("after await");
                            })).get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, fromTask.getCause());
        }
        ExecutionException fromRun = assertThrows(ExecutionException.class,
                () -> EventLoop.run("test", "main", loop -> CompletableFuture.failedFuture(boom), LONG));
        assertSame(boom, fromRun.getCause());
    }

    @Test
    void runGivesUpAfterItsTimeout() {
        assertThrows(TimeoutException.class,
                () -> EventLoop.run("test", "never", loop -> new CompletableFuture<Void>(), Duration.ofMillis(50)));
    }

    @Test
    void whileTrueRepeatsUntilFalse() throws Exception {
        int steps = EventLoop.run("test", "main", loop -> {
            AtomicInteger count = new AtomicInteger();
            return Async.whileTrue(() -> loop.sleep(Duration.ZERO).thenApply(v -> count.incrementAndGet() < 1000))
                    .thenApply(v -> count.get());
        }, LONG);
        assertEquals(1000, steps);
    }

    @Test
    void wrapDeliversAnotherThreadsResultOnThisLoop() throws Exception {
        boolean onLoop = EventLoop.run("test", "main", loop -> {
            Thread loopThread = Thread.currentThread();
            CompletableFuture<String> foreign = CompletableFuture.supplyAsync(() -> "elsewhere");
            return loop.wrapFuture(foreign).thenApply(value -> Thread.currentThread() == loopThread);
        }, LONG);
        assertTrue(onLoop);
    }

    @Test
    void closeEndsTheLoopThreadAndItsExecutorAndCancelsWhatIsPending() throws Throwable {
        NoLeaks.check(() -> {
            EventLoop loop = EventLoop.start("closing-loop");
            CountDownLatch executorRan = new CountDownLatch(1);
            loop.runCoroutineThreadsafe("main", () -> loop.runInExecutor(() -> {
                executorRan.countDown();
                return null;
            })).get(10, TimeUnit.SECONDS);
            assertTrue(executorRan.await(10, TimeUnit.SECONDS));
            CompletableFuture<Void> sleeper =
                    loop.runCoroutineThreadsafe("sleeper", () -> loop.sleep(Duration.ofHours(1)));
            Thread loopThread = loop.runCoroutineThreadsafe("thread", () -> Async.done(Thread.currentThread()))
                    .get(10, TimeUnit.SECONDS);
            loop.close();
            assertFalse(loopThread.isAlive());
            assertTrue(sleeper.isDone());
            assertThrows(CancellationException.class, () -> sleeper.get(1, TimeUnit.SECONDS));
            assertThrows(EventLoopClosedException.class, () -> loop.callSoon(() -> { }));
            assertThrows(EventLoopClosedException.class,
                    () -> loop.runCoroutineThreadsafe("late", () -> Async.done(1)));
            loop.close(); // idempotent
        });
    }

    @Test
    void aRunningLoopCannotBeClosedFromInside() throws Exception {
        Throwable error = EventLoop.run("test", "main", loop -> {
            try {
                loop.close();
                return CompletableFuture.completedFuture(null);
            } catch (IllegalStateException expected) {
                return CompletableFuture.completedFuture(expected);
            }
        }, LONG);
        assertInstanceOf(IllegalStateException.class, error);
    }

    @Test
    void createTaskNeedsTheLoopThread() {
        try (EventLoop loop = EventLoop.newEventLoop("test")) {
            assertThrows(IllegalStateException.class,
                    () -> loop.createTask("outside", () -> CompletableFuture.completedFuture(1)));
        }
    }

    @Test
    void debugModeWarnsAboutA150MsTaskButNotA5MsOne() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        EventLoop.Options debug = EventLoop.Options.debug(Duration.ofMillis(100), warnings::add);
        EventLoop.run("test", "slow_coroutine", loop -> blockFor(150), LONG, debug);
        assertEquals(1, warnings.size(), warnings.toString());
        SlowCallbackLine warning = SlowCallbackLine.parse(warnings.get(0));
        assertEquals("finished", warning.state());
        assertEquals("Task-1", warning.taskName(), "a fresh loop numbers its tasks from 1");
        assertEquals("slow_coroutine", warning.coro());
        assertEquals(EventLoopTest.class.getName() + ".debugModeWarnsAboutA150MsTaskButNotA5MsOne",
                warning.definedAt().method(), "defined where the coroutine's lambda was written");
        assertEquals(EventLoop.class.getName() + ".run", warning.createdAt().method(),
                "created by asyncio.run, as CPython's line names runners.py");
        assertEquals("null", warning.result());
        assertTrue(warning.seconds() >= 0.150, warnings.get(0));

        warnings.clear();
        EventLoop.run("test", "fast_coroutine", loop -> blockFor(5), LONG, debug);
        assertEquals(List.of(), warnings);
    }

    @Test
    void aSlowContinuationIsBlamedOnItsTask() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        EventLoop.Options debug = EventLoop.Options.debug(Duration.ofMillis(100), warnings::add);
        EventLoop.run("test", "main", loop -> loop.createTask("sleepy_tail",
                () -> loop.sleep(Duration.ofMillis(1)).thenCompose(v -> blockFor(150))), LONG, debug);
        // a cold JVM may make another callback slow too (class loading): only ask that the slow one is blamed right
        assertTrue(slowTasks(warnings).anyMatch(w -> w.coro().equals("sleepy_tail")
                && w.taskName().equals("Task-2") && w.state().equals("finished") && w.seconds() >= 0.150),
                warnings.toString());
    }

    // ---- one loop for both: the selector under asyncio.run, the ready queue's turns, timers, closing

    @Test
    void serversAndStreamsAlsoWorkOnALoopRunOnTheCallingThread() throws Throwable {
        NoLeaks.check(() -> {
            String reply = EventLoop.run("test", "main", loop -> loop.startServer(ANY_PORT, 64,
                    stream -> stream.readLine().thenCompose(line -> stream.writeLine("echo " + line))
                            .whenComplete((written, error) -> stream.close()))
                    .thenCompose(server -> loop.openConnection(server.address(), WAIT, 64))
                    .thenCompose(client -> client.writeLine("hello").thenCompose(written -> client.readLine())
                            .whenComplete((line, error) -> client.close())), LONG);
            assertEquals("echo hello", reply);
        });
    }

    @Test
    void aTurnRunsOnlyWhatWasReadySoADueTimerIsNotStarvedByCallbacksThatRequeueThemselves() throws Exception {
        int chainRunsBeforeTimer = EventLoop.run("test", "main", loop -> {
            AtomicInteger chainRuns = new AtomicInteger();
            CompletableFuture<Integer> timerSaw = new CompletableFuture<>();
            loop.callLater(Duration.ZERO, () -> timerSaw.complete(chainRuns.get()));
            Runnable[] chain = new Runnable[1];
            chain[0] = () -> {
                if (chainRuns.incrementAndGet() < 1000 && !timerSaw.isDone()) {
                    loop.callSoon(chain[0]);
                }
            };
            loop.callSoon(chain[0]);
            return timerSaw;
        }, LONG);
        assertEquals(1, chainRunsBeforeTimer, "the timer was due when the chain's first turn began");
    }

    @Test
    void manyCancelledTimersLeaveTheLiveOnesFiringInOrder() throws Exception {
        List<Integer> fired = EventLoop.run("test", "main", loop -> {
            List<Integer> order = new ArrayList<>();
            long base = loop.time();
            for (int i = 0; i < 1000; i++) {
                int n = i;
                EventLoop.Timer timer = loop.callAt(base + Duration.ofMillis(1 + i % 20).toNanos(), () -> order.add(n));
                if (i % 10 != 0) {
                    assertTrue(timer.cancel());
                    assertFalse(timer.cancel());
                }
            }
            return loop.sleep(Duration.ofMillis(60)).thenApply(slept -> order);
        }, LONG);
        List<Integer> expected = new ArrayList<>();
        for (int remainder : new int[] {0, 10}) {
            for (int i = remainder; i < 1000; i += 20) {
                expected.add(i); // by deadline, and in the order scheduled among equal deadlines
            }
        }
        assertEquals(expected, fired);
    }

    @Test
    void aStartedLoopInDebugModeNamesTheSlowTask() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        try (EventLoop loop = EventLoop.start("test-loop", EventLoop.Options.debug(Duration.ofMillis(50),
                warnings::add))) {
            loop.runCoroutineThreadsafe("slow_coroutine", () -> blockFor(100)).get(10, TimeUnit.SECONDS);
        }
        assertTrue(slowTasks(warnings).anyMatch(w -> w.coro().equals("slow_coroutine")
                && w.taskName().equals("Task-1") && w.definedAt().method().equals(EventLoopTest.class.getName()
                + ".aStartedLoopInDebugModeNamesTheSlowTask") && w.seconds() >= 0.100), warnings.toString());
    }

    @Test
    void closeFromItsOwnThreadStopsTheLoopAndFailsWhatWasPending() throws Throwable {
        NoLeaks.check(() -> {
            EventLoop loop = EventLoop.start("test-loop");
            CompletableFuture<Void> sleeper =
                    loop.runCoroutineThreadsafe("sleeper", () -> loop.sleep(Duration.ofHours(1)));
            CompletableFuture<Thread> failedOn = new CompletableFuture<>();
            sleeper.whenComplete((v, error) -> failedOn.complete(Thread.currentThread()));
            loop.callSoon(loop::close);
            Thread loopThread = failedOn.get(10, TimeUnit.SECONDS);
            assertEquals("test-loop", loopThread.getName(), "pending futures fail on the loop thread");
            assertThrows(CancellationException.class, () -> sleeper.get(1, TimeUnit.SECONDS));
            loop.close(); // joins the thread
            assertTrue(loop.isTerminated());
            assertThrows(EventLoopClosedException.class, () -> loop.callSoon(() -> { }));
        });
    }

    @Test
    void anErrorInACallbackEndsTheLoopIsKeptAsItsCrashAndFailsWhatWasPending() throws Throwable {
        NoLeaks.check(() -> {
            EventLoop loop = EventLoop.start("test-loop");
            CompletableFuture<Void> sleeper =
                    loop.runCoroutineThreadsafe("sleeper", () -> loop.sleep(Duration.ofHours(1)));
            loop.runCoroutineThreadsafe("ready", () -> Async.done(null)).get(10, TimeUnit.SECONDS);
            StackOverflowError deliberate = new StackOverflowError("deliberate, from a test callback");
            // The Error ends the loop's thread as uncaught: caught here and asserted, instead of printed.
            List<Throwable> uncaught = new CopyOnWriteArrayList<>();
            Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
            Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
                if (thread.getName().equals("test-loop")) {
                    uncaught.add(e);
                } else if (before != null) {
                    before.uncaughtException(thread, e);
                } else {
                    thread.getThreadGroup().uncaughtException(thread, e);
                }
            });
            try {
                loop.callSoon(() -> {
                    throw deliberate;
                });
                assertThrows(CancellationException.class, () -> sleeper.get(10, TimeUnit.SECONDS));
                loop.close(); // joins the thread: its uncaught handler has run
            } finally {
                Thread.setDefaultUncaughtExceptionHandler(before);
            }
            assertTrue(loop.isTerminated());
            assertSame(deliberate, loop.crash());
            assertEquals(List.of(deliberate), uncaught, "the Error reaches the thread's end, uncaught, once");
        });
    }

    /** The debug lines about tasks (a cold JVM may also flag a bare handle), taken apart. */
    private static Stream<SlowCallbackLine> slowTasks(List<String> warnings) {
        return warnings.stream().filter(SlowCallbackLine::isTask).map(SlowCallbackLine::parse);
    }

    /** {@code run_coroutine_threadsafe(coro, loop).result(timeout)}, from a thread other than the loop's. */
    private static <T> T result(EventLoop loop, Supplier<? extends CompletionStage<T>> coro, Duration timeout)
            throws Exception {
        return loop.runCoroutineThreadsafe("main", coro).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Test
    void everyVerbOfAClosedLoopFailsTheSameWay() throws Exception {
        EventLoop never = EventLoop.newEventLoop("never-run");
        never.close();
        EventLoop started = EventLoop.start("started-loop");
        started.close();
        for (EventLoop loop : List.of(never, started)) {
            Map<String, Executable> verbs = new LinkedHashMap<>();
            verbs.put("callSoon", () -> loop.callSoon(() -> { }));
            verbs.put("callLater", () -> loop.callLater(Duration.ofMillis(1), () -> { }));
            verbs.put("callAt", () -> loop.callAt(loop.time(), () -> { }));
            verbs.put("createTask", () -> loop.createTask("late", () -> Async.done(1)));
            verbs.put("runCoroutineThreadsafe", () -> loop.runCoroutineThreadsafe("late", () -> Async.done(1)));
            verbs.put("runInExecutor", () -> loop.runInExecutor(() -> 1));
            verbs.put("wrapFuture", () -> loop.wrapFuture(Async.done(1)));
            verbs.put("runUntilComplete", () -> loop.runUntilComplete("late", () -> Async.done(1), WAIT));
            verbs.put("runForever", loop::runForever);
            verbs.put("stop", loop::stop);
            verbs.put("sleep", () -> loop.sleep(Duration.ZERO));
            verbs.put("startServer", () -> loop.startServer(ANY_PORT, 64, stream -> { }));
            verbs.put("openConnection", () -> loop.openConnection(ANY_PORT, WAIT, 64));
            verbs.forEach((verb, call) -> assertThrows(EventLoopClosedException.class, call,
                    loop.name() + "." + verb + " after close"));
            loop.close(); // as asyncio's: closing again does nothing
            loop.time(); // the clock still reads: no verb, so no failure
            assertTrue(loop.isTerminated());
        }
    }

    @Test
    void eachFreshLoopNumbersItsTasksFromOneAndAPendingTaskSaysWhereItRuns() throws Exception {
        for (int run = 0; run < 2; run++) {
            List<String> warnings = new CopyOnWriteArrayList<>();
            EventLoop.run("test", "sleeper", loop -> loop.sleep(Duration.ofMillis(1)), LONG,
                    EventLoop.Options.debug(Duration.ZERO, warnings::add)); // every callback is "slow"
            SlowCallbackLine first = slowTasks(warnings).findFirst()
                    .orElseThrow(() -> new AssertionError(warnings.toString()));
            assertEquals("Task-1", first.taskName(), warnings.toString());
            assertEquals("pending", first.state(), "its first step returned a sleep's future");
            assertEquals("sleeper", first.coro());
            assertEquals(EventLoopTest.class.getName()
                    + ".eachFreshLoopNumbersItsTasksFromOneAndAPendingTaskSaysWhereItRuns", first.definedAt().method());
            assertEquals("EventLoopTest.java", first.definedAt().file());
            assertNull(first.result());
        }
    }

    @Test
    void aFailedTaskShowsItsExceptionInTheDebugLine() throws Exception {
        List<String> warnings = new CopyOnWriteArrayList<>();
        assertThrows(ExecutionException.class, () -> EventLoop.run("test", "failing", loop -> {
            blockFor(30);
            return CompletableFuture.failedFuture(new IllegalStateException("boom"));
        }, LONG, EventLoop.Options.debug(Duration.ofMillis(20), warnings::add)));
        SlowCallbackLine line = slowTasks(warnings).findFirst()
                .orElseThrow(() -> new AssertionError(warnings.toString()));
        assertEquals("finished", line.state());
        assertEquals("IllegalStateException('boom')", line.result());
    }

    /** Deliberately blocks the calling (loop) thread: what Item 63 says never to do. */
    private static CompletableFuture<Void> blockFor(long millis) {
        try {
            Thread.sleep(millis);
            return CompletableFuture.completedFuture(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(e);
        }
    }
}
