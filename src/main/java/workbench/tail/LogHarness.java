package workbench.tail;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import workbench.annotations.ThreadSafe;

/**
 * The book's test harness for Items 62 and 63 (3rd ed. 77 and 78): input files grown by writer threads at random
 * intervals, a reader handle on each, a merged output path, and {@code confirm_merge}.
 *
 * <p>{@link #setup} is the book's {@code setup()}: a temporary directory, files {@code 0..n-1} created empty
 * before any reader polls, one writer thread per file appending {@code <path>-<NN>-<10 random letters>\n} after
 * a random delay, and a reader handle per file. The book's {@code close_all} thread closes the handles after a
 * fixed 1 s, which races with a writer that is still writing (ten delays of up to 0.1 s take up to 1 s) and with
 * a reader between its {@code closed} check and its read. This harness's closer thread <em>joins the writers,
 * then</em> signals the readers ({@link LogReader#signalWritersDone()}), and the tails drain what is left before
 * they stop, so {@code confirm_merge} cannot fail for timing reasons.
 *
 * <p>{@link #close} joins every thread it started, closes the handles and deletes the directory.
 */
@ThreadSafe
public final class LogHarness implements AutoCloseable {

    private final Workload workload;
    private final Path directory;
    private final List<Path> inputPaths;
    private final List<LogReader> handles;
    private final Path outputPath;
    private final List<Thread> writers = new ArrayList<>();
    private final Thread closer;
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    private final long startNanos = System.nanoTime();
    private volatile long writersDoneNanos;

    private LogHarness(Workload workload) throws IOException {
        this.workload = workload;
        this.directory = Files.createTempDirectory("workbench-tail-");
        List<Path> paths = new ArrayList<>();
        List<LogReader> readers = new ArrayList<>();
        try {
            for (int i = 0; i < workload.files(); i++) {
                paths.add(Files.createFile(directory.resolve(Integer.toString(i))));
            }
            for (Path path : paths) {
                writers.add(Thread.ofPlatform().name("writer-" + path.getFileName())
                        .start(() -> writeRandomData(path)));
            }
            for (Path path : paths) {
                readers.add(new LogReader(path));
            }
        } catch (IOException | RuntimeException e) {
            for (LogReader reader : readers) {
                reader.close();
            }
            writers.forEach(Thread::interrupt);
            try {
                joinWriters(System.nanoTime() + workload.timeout().toNanos());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            deleteTree(directory);
            throw e;
        }
        this.inputPaths = List.copyOf(paths);
        this.handles = List.copyOf(readers);
        this.outputPath = directory.resolve("merged");
        this.closer = Thread.ofPlatform().name("close-when-written").start(this::closeWhenWritten);
    }

    /** The book's {@code setup()}: writers already running, readers open, nothing merged yet. */
    public static LogHarness setup(Workload workload) throws IOException {
        return new LogHarness(workload);
    }

    public Workload workload() {
        return workload;
    }

    public List<LogReader> handles() {
        return handles;
    }

    public List<Path> inputPaths() {
        return inputPaths;
    }

    public Path outputPath() {
        return outputPath;
    }

    /** Runs {@code merger} over this harness's handles, then {@code confirm_merge}. */
    public Merged run(Merger merger) throws Exception {
        merger.merge(handles, workload.pollInterval(), outputPath, workload.timeout());
        if (!failures.isEmpty()) {
            IllegalStateException failed = new IllegalStateException("a writer thread failed");
            failures.forEach(failed::addSuppressed);
            throw failed;
        }
        return confirmMerge(inputPaths, outputPath);
    }

    /** How long after setup the last writer finished; the book's {@code close_all} assumes under 1 s. */
    public Duration writersTook() {
        long done = writersDoneNanos;
        if (done == 0) {
            throw new IllegalStateException("the writers are still writing");
        }
        return Duration.ofNanos(done - startNanos);
    }

    /** The book's {@code write_random_data(path, write_count, interval)} for one writer thread. */
    private void writeRandomData(Path path) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (OutputStream out = Files.newOutputStream(path)) {
            for (int i = 0; i < workload.linesPerFile(); i++) {
                Thread.sleep(Duration.ofNanos((long) (random.nextDouble() * workload.maxWriteDelay().toNanos())));
                StringBuilder letters = new StringBuilder();
                for (int j = 0; j < 10; j++) {
                    letters.append((char) ('a' + random.nextInt(26)));
                }
                String line = path + "-" + String.format(Locale.ROOT, "%02d", i) + "-" + letters + "\n";
                out.write(line.getBytes(UTF_8)); // one write call per line, and no buffer: the flush is implied
            }
        } catch (IOException e) {
            failures.add(e);
        } catch (InterruptedException e) {
            failures.add(e);
            Thread.currentThread().interrupt();
        }
    }

    /** The book's {@code close_all}, without its race: wait for the writers, then tell the readers. */
    private void closeWhenWritten() {
        try {
            if (!joinWriters(System.nanoTime() + workload.timeout().toNanos())) {
                failures.add(new IllegalStateException("writers still running after " + workload.timeout()));
            }
        } catch (InterruptedException e) {
            failures.add(e);
            Thread.currentThread().interrupt();
        } finally {
            writersDoneNanos = System.nanoTime();
            handles.forEach(LogReader::signalWritersDone);
        }
    }

    private boolean joinWriters(long deadline) throws InterruptedException {
        for (Thread writer : writers) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !writer.join(Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }

    /** The book's {@code confirm_merge}: each input's lines appear in the output complete and in order. */
    public static Merged confirmMerge(List<Path> inputPaths, Path outputPath) throws IOException {
        Map<Path, List<String>> found = new LinkedHashMap<>();
        inputPaths.forEach(path -> found.put(path, new ArrayList<>()));
        List<Path> longestFirst = inputPaths.stream()
                .sorted(Comparator.comparingInt((Path p) -> p.toString().length()).reversed())
                .toList();
        List<String> merged = lines(outputPath);
        for (String line : merged) {
            Path source = longestFirst.stream().filter(p -> line.startsWith(p + "-")).findFirst()
                    .orElseThrow(() -> new MergeMismatchException("a merged line from no input: " + line.strip()));
            found.get(source).add(line);
        }
        for (Path path : inputPaths) {
            List<String> expected = lines(path);
            if (!expected.equals(found.get(path))) {
                throw new MergeMismatchException(path + ": expected " + expected.size() + " lines " + expected
                        + " but the merge has " + found.get(path).size() + " " + found.get(path));
            }
        }
        return new Merged(inputPaths.size(), merged.size());
    }

    /** A file's lines, each with its newline; a last line without one is reported as it is. */
    private static List<String> lines(Path path) throws IOException {
        String text = Files.readString(path, UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("(?<=\n)"));
    }

    /** What {@code confirm_merge} checked. */
    public record Merged(int files, int lines) {
        @Override
        public String toString() {
            return lines + " lines from " + files + " files, each file's lines complete and in order";
        }
    }

    /**
     * Joins the writer and closer threads (interrupting them after the workload's timeout), closes every reader
     * handle and deletes the temporary directory, doing all three even when one fails.
     */
    @Override
    public void close() throws IOException {
        Exception failure = null;
        long deadline = System.nanoTime() + workload.timeout().toNanos();
        try {
            if (!joinWriters(deadline) || !closer.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                writers.forEach(Thread::interrupt);
                closer.interrupt();
                failure = new IllegalStateException("harness threads still running after " + workload.timeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writers.forEach(Thread::interrupt);
            closer.interrupt();
            failure = new InterruptedIOException("interrupted while joining the harness threads");
        }
        for (LogReader handle : handles) {
            try {
                handle.close();
            } catch (IOException e) {
                failure = addTo(failure, e);
            }
        }
        try {
            deleteTree(directory);
        } catch (IOException e) {
            failure = addTo(failure, e);
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure != null) {
            throw (RuntimeException) failure;
        }
    }

    private static Exception addTo(Exception first, Exception next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.deleteIfExists(path);
        }
    }
}
