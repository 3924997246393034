package workbench.timeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Leaves nothing behind a recording: its temp folder (the workers' {@code .jfc} and {@code .jfr} files) is deleted
 * when the recording ends, and, if the JVM shuts down meanwhile (SIGINT, a failure), a shutdown hook first kills
 * this JVM's child processes (the pool's worker JVMs, which would otherwise dump their recordings into the folder
 * as they exit) and waits for them, then deletes the folder.
 */
final class RecordingCleanup implements AutoCloseable {

    /** How long the hook waits for killed children to be gone before it deletes the folder anyway. */
    static final long CHILDREN_GRACE_SECONDS = 5;

    private final Path folder;
    private final Thread hook;

    private RecordingCleanup(Path folder) {
        this.folder = folder;
        this.hook = new Thread(this::interrupted, "workbench-timeline-cleanup");
    }

    /** Guards {@code folder} from now until {@link #close()}. */
    static RecordingCleanup guard(Path folder) {
        RecordingCleanup cleanup = new RecordingCleanup(folder);
        Runtime.getRuntime().addShutdownHook(cleanup.hook);
        return cleanup;
    }

    /** The recording ended: the hook goes, the folder goes. */
    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook is running and deletes the folder
        }
        delete(folder);
    }

    private void interrupted() {
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle child : children) {
            try {
                child.onExit().get(CHILDREN_GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (Exception e) {
                break; // going down anyway: delete what can be deleted
            }
        }
        try {
            delete(folder);
        } catch (IOException ignored) {
            // the JVM is going down: nothing else to do about it
        }
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
