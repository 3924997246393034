package workbench.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.Workbench;
import workbench.proc.JavaLauncher;

/**
 * A SIGINT in the middle of a process-pool recording ({@code workbench timeline 64 --strategy processes}, run as a
 * child JVM) leaves no temp folder, no worker JVM and no half-written file.
 */
class InterruptCleanupTest {

    @TempDir
    Path dir;

    @Test
    void aSigintMidRecordingLeavesNoTempFolderNoWorkerAndNoPartFile() throws Exception {
        assumeTrue(!JavaLauncher.isWindows(), "SIGINT is a POSIX signal");
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path out = dir.resolve("out");
        List<String> command = JavaLauncher.command(List.of("-Djava.io.tmpdir=" + tmp), Workbench.class,
                "timeline", "64", "--strategy", "processes", "--out", out.toString());
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        List<ProcessHandle> workers = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            // Mid-recording: the recording's temp folder exists and a worker JVM has started its own recording.
            while (workerRecordings(tmp) == 0) {
                assertTrue(child.isAlive(), "the recording ended before it could be interrupted: "
                        + Files.readString(dir.resolve("child.log")));
                assertTrue(System.nanoTime() < deadline, "no worker recording started within 120 s");
                Thread.sleep(5);
            }
            workers.addAll(child.descendants().toList());
            assertTrue(!workers.isEmpty(), "the pool's worker JVMs are running");
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start();
            assertEquals(0, kill.waitFor());
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the interrupted JVM exited");
            for (ProcessHandle worker : workers) {
                assertTrue(worker.onExit().toCompletableFuture().completeOnTimeout(null, 10, TimeUnit.SECONDS)
                        .thenApply(h -> !worker.isAlive()).join(), "worker " + worker.pid() + " is gone");
            }
        } finally {
            child.descendants().forEach(ProcessHandle::destroyForcibly);
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> left = Files.list(tmp)) {
            List<String> names = left.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("workbench-timeline-")).toList();
            assertEquals(List.of(), names, "no recording temp folder is left");
        }
        if (Files.exists(out)) {
            try (Stream<Path> files = Files.list(out)) {
                assertEquals(List.of(), files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part"))
                        .toList(), "no half-written output");
            }
        }
    }

    private static long workerRecordings(Path tmp) throws Exception {
        try (Stream<Path> all = Files.walk(tmp, 2)) {
            return all.filter(p -> p.getParent() != null
                    && p.getParent().getFileName().toString().startsWith("workbench-timeline-")
                    && p.getFileName().toString().startsWith("worker-")).count();
        }
    }
}
