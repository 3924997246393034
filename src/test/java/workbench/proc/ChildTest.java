package workbench.proc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.item52.JavaTool;
import workbench.testing.NoLeaks;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChildTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);

    private static boolean hasShell() {
        return !JavaLauncher.isWindows() && new File("/bin/sh").canExecute();
    }

    @Test
    void failingChildRaisesTypedErrorWithExitCodeAndStderr() throws Throwable {
        NoLeaks.check(() -> {
            ChildFailedException failure = assertThrows(ChildFailedException.class,
                    () -> Child.run(JavaLauncher.builder(JavaTool.class, "fail", "3", "disk on fire"), null, LIMIT));
            assertEquals(3, failure.exitCode());
            assertTrue(failure.stderrTail().contains("disk on fire"), failure.stderrTail());
            assertTrue(failure.getMessage().contains("exited with status 3"), failure.getMessage());
            assertTrue(failure.getMessage().contains("disk on fire"), failure.getMessage());
        });
    }

    @Test
    void missingProgramRaisesStartError() {
        ChildStartException failure = assertThrows(ChildStartException.class,
                () -> Child.run(new ProcessBuilder("no-such-program-workbench"), null, LIMIT));
        assertTrue(failure.getMessage().contains("no-such-program-workbench"), failure.getMessage());
    }

    @Test
    void bothPipesAreDrainedSoABigChattyChildCannotDeadlock() throws Throwable {
        assumeTrue(hasShell());
        // 2 MB on each stream: far beyond a pipe's 64 KiB buffer. Reading one stream after the other deadlocks.
        Child.Result result = NoLeaks.check(() -> Child.run(new ProcessBuilder("/bin/sh", "-c",
                "head -c 2000000 /dev/zero; head -c 2000000 /dev/zero >&2; echo end >&2"), null, LIMIT));
        assertEquals(2_000_000, result.stdout().length);
        assertEquals(Child.STDERR_TAIL_BYTES, result.stderr().length, "stderr keeps its tail only");
        assertTrue(result.stderrText().endsWith("end\n"));
    }

    @Test
    void largeInputIsFedWhileOutputIsRead() throws Throwable {
        assumeTrue(hasShell());
        byte[] input = new byte[3_000_000];
        new Random(52).nextBytes(input);
        Child.Result result = NoLeaks.check(() -> Child.run(new ProcessBuilder("cat"), input, LIMIT));
        assertArrayEquals(input, result.stdout());
    }

    @Test
    void childOutlivingItsTimeoutIsEndedWithItsDescendants() throws Throwable {
        assumeTrue(hasShell());
        NoLeaks.check(() -> {
            // The shell starts a grandchild: both must be gone when run() gives up.
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", "sleep 30 & sleep 30; wait");
            ChildTimeoutException timeout = assertThrows(ChildTimeoutException.class,
                    () -> Child.run(builder, null, Duration.ofMillis(300)));
            assertEquals(Duration.ofMillis(300), timeout.timeout());
            // Both sleeps last 30 s: none alive now means they were ended, not waited for.
            assertTrue(ProcessHandle.current().descendants().noneMatch(ProcessHandle::isAlive),
                    "no child or grandchild survives the timeout");
        });
    }

    @Test
    void stdoutCanGoToASinkAsItComesInsteadOfBeingKept() throws Throwable {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        Child.Result result = NoLeaks.check(() -> {
            try (Child child = Child.start(JavaLauncher.builder(JavaTool.class, "echo", "to the sink"), sink)) {
                return child.communicate(LIMIT).checkExitCode();
            }
        });
        assertEquals("to the sink", sink.toString(StandardCharsets.UTF_8).strip());
        assertEquals(0, result.stdout().length, "streamed, not kept");
    }

    @Test
    void childClassPathIsAbsoluteSoItMayRunInAnotherFolder() throws Throwable {
        Path elsewhere = Files.createTempDirectory("child-cwd");
        try {
            Child.Result result = NoLeaks.check(() -> Child.run(
                    JavaLauncher.builder(JavaTool.class, "echo", "found").directory(elsewhere.toFile()), null, LIMIT));
            assertEquals("found", result.stdoutText().strip());
        } finally {
            Files.deleteIfExists(elsewhere);
        }
    }

    @Test
    void communicateTimeoutLeavesTheChildToTheCallerAndCloseEndsIt() throws Throwable {
        NoLeaks.check(() -> {
            ProcessHandle handle;
            try (Child child = Child.start(JavaLauncher.builder(JavaTool.class, "sleep", "30"))) {
                handle = child.handle();
                assertThrows(ChildTimeoutException.class, () -> child.communicate(Duration.ofMillis(100)));
                assertTrue(child.isAlive(), "like Python's communicate, a timeout does not kill");
                assertTrue(child.poll().isEmpty());
            }
            assertFalse(handle.isAlive(), "close() ended it");
        });
    }

    @Test
    void interruptWhileWaitingEndsTheChildAndPropagates() throws Throwable {
        NoLeaks.check(() -> {
            try (Child child = Child.start(JavaLauncher.builder(JavaTool.class, "sleep", "30"))) {
                CompletableFuture<Throwable> outcome = new CompletableFuture<>();
                Thread waiter = Thread.ofPlatform().start(() -> {
                    try {
                        child.communicate(LIMIT);
                        outcome.complete(null);
                    } catch (Throwable t) {
                        outcome.complete(t);
                        assertTrue(Thread.currentThread().isInterrupted() || t instanceof InterruptedException);
                    }
                });
                Thread.sleep(300);
                waiter.interrupt();
                assertInstanceOf(InterruptedException.class, outcome.get(10, TimeUnit.SECONDS));
                waiter.join(Duration.ofSeconds(5));
                assertTrue(child.handle().onExit().get(10, TimeUnit.SECONDS) != null);
                assertFalse(child.isAlive(), "an interrupted wait ends the child");
            }
        });
    }

    @Test
    void pipelineConnectsChildrenWithoutTheParent() throws Throwable {
        assumeTrue(hasShell());
        List<Child.Result> results = NoLeaks.check(() -> {
            List<Child> pipeline = Child.startPipeline(List.of(new ProcessBuilder("tr", "a-z", "A-Z"),
                    new ProcessBuilder("rev")));
            try {
                pipeline.get(0).stdin().write("hello pipes\n".getBytes());
                return List.of(pipeline.get(0).communicate(LIMIT), pipeline.get(1).communicate(LIMIT));
            } finally {
                pipeline.forEach(Child::close);
            }
        });
        assertEquals(0, results.get(0).stdout().length, "the parent never sees the middle stream");
        assertEquals("SEPIP OLLEH\n", results.get(1).stdoutText());
    }

    @Test
    void destroyEscalatesToKillWhenSigtermIsIgnored() throws Throwable {
        assumeTrue(hasShell());
        NoLeaks.check(() -> {
            try (Child child = Child.start(new ProcessBuilder("/bin/sh", "-c",
                    "trap '' TERM; echo ready; while true; do sleep 0.05; done"))) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (child.handle().descendants().findAny().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(child.destroy(Duration.ofMillis(300)), "SIGKILL after the grace period");
                assertFalse(child.isAlive());
            }
        });
    }
}
