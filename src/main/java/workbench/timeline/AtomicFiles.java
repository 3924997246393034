package workbench.timeline;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes an output file whole or not at all: into {@code <name>.part} beside it, then renamed over it. A part still
 * being written when the JVM shuts down (SIGINT, a failure) is deleted by a shutdown hook, so an interrupted
 * {@code workbench timeline} leaves no half-written file.
 */
final class AtomicFiles {

    /** How a file's content is written, to the path given. */
    @FunctionalInterface
    interface Writer {
        void write(Path path) throws IOException;
    }

    private static final Set<Path> IN_PROGRESS = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(AtomicFiles::deleteInProgress, "workbench-timeline-parts"));
    }

    private AtomicFiles() {
    }

    /** Writes {@code target} through {@code writer} into a part file, then moves it into place. */
    static void write(Path target, Writer writer) throws IOException {
        Path part = target.resolveSibling(target.getFileName() + ".part");
        IN_PROGRESS.add(part);
        try {
            writer.write(part);
            move(part, target);
        } finally {
            Files.deleteIfExists(part);
            IN_PROGRESS.remove(part);
        }
    }

    /** Moves {@code from} over {@code to}, atomically where the file system can. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteInProgress() {
        for (Path part : IN_PROGRESS) {
            try {
                Files.deleteIfExists(part);
            } catch (IOException ignored) {
                // the JVM is going down: nothing else to do about it
            }
        }
    }
}
