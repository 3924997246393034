package workbench.tail;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import workbench.testing.NoLeaks;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LogHarnessTest {

    @TempDir
    Path dir;

    @Test
    void confirmMergeAcceptsAnyInterleavingThatKeepsEachFilesOrder() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Files.writeString(a, a + "-00-x\n" + a + "-01-y\n");
        Files.writeString(b, b + "-00-z\n");
        Path merged = dir.resolve("merged");
        Files.writeString(merged, a + "-00-x\n" + b + "-00-z\n" + a + "-01-y\n");
        assertEquals(new LogHarness.Merged(2, 3), LogHarness.confirmMerge(List.of(a, b), merged));
    }

    @Test
    void confirmMergeRejectsAMissingLineAReorderAndAStrayLine() throws Exception {
        Path a = dir.resolve("a");
        Files.writeString(a, a + "-00-x\n" + a + "-01-y\n");
        Path merged = dir.resolve("merged");

        Files.writeString(merged, a + "-00-x\n");
        assertThrows(MergeMismatchException.class, () -> LogHarness.confirmMerge(List.of(a), merged));

        Files.writeString(merged, a + "-01-y\n" + a + "-00-x\n");
        assertThrows(MergeMismatchException.class, () -> LogHarness.confirmMerge(List.of(a), merged));

        Files.writeString(merged, a + "-00-x\n" + a + "-01-y\n" + "elsewhere-00-q\n");
        assertThrows(MergeMismatchException.class, () -> LogHarness.confirmMerge(List.of(a), merged));

        Files.writeString(merged, a + "-00-x\n" + a + "-01-y"); // the last newline lost
        assertThrows(MergeMismatchException.class, () -> LogHarness.confirmMerge(List.of(a), merged));
    }

    @Test
    void readlineReturnsOnlyCompleteLinesAndRemembersItsPlace() throws Exception {
        Path file = write("log", "");
        try (LogReader reader = new LogReader(file)) {
            assertEquals(Optional.empty(), reader.readline().map(String::new));
            Files.writeString(file, "first\nsec", StandardOpenOption.APPEND);
            assertEquals("first\n", new String(reader.readline().orElseThrow(), UTF_8));
            assertEquals(Optional.empty(), reader.readline().map(String::new)); // "sec" is half a line
            Files.writeString(file, "ond\n", StandardOpenOption.APPEND);
            assertEquals("second\n", new String(reader.readline().orElseThrow(), UTF_8));
            assertEquals(Optional.empty(), reader.readline().map(String::new));
        }
    }

    @Test
    void setupWritesEveryLineThenSignalsAndCloseDeletesEverything() throws Throwable {
        Path[] directory = new Path[1];
        NoLeaks.check(() -> {
            try (LogHarness harness = LogHarness.setup(Workload.SMALL)) {
                directory[0] = harness.inputPaths().get(0).getParent();
                // a merger that does nothing but wait for the signal, then copies every file in order
                LogHarness.Merged merged = harness.run((handles, interval, output, timeout) -> {
                    for (LogReader handle : handles) {
                        long deadline = System.nanoTime() + timeout.toNanos();
                        while (!handle.writersDone() && System.nanoTime() < deadline) {
                            Thread.sleep(interval);
                        }
                        assertTrue(handle.writersDone());
                    }
                    for (LogReader handle : handles) {
                        for (Optional<byte[]> line = handle.readline(); line.isPresent(); line = handle.readline()) {
                            Files.write(output, line.get(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                        }
                    }
                });
                assertEquals(new LogHarness.Merged(3, 15), merged);
                assertTrue(harness.writersTook().compareTo(Duration.ZERO) > 0);
                for (Path input : harness.inputPaths()) {
                    List<String> lines = Files.readAllLines(input);
                    assertEquals(5, lines.size());
                    for (int i = 0; i < 5; i++) {
                        assertTrue(lines.get(i).matches("\\Q" + input + "\\E-0" + i + "-[a-z]{10}"), lines.get(i));
                    }
                }
            }
        });
        assertFalse(Files.exists(directory[0]), "the temporary directory is deleted");
    }

    private Path write(String name, String... lines) throws Exception {
        Path path = dir.resolve(name);
        Files.writeString(path, String.join("", lines));
        return path;
    }
}
