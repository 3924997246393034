package workbench.tail;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One way to tail every input handle into one merged output file: Item 62's threads, top-down, async and
 * bottom-up versions and Item 63's write-thread version all implement it, and {@link LogHarness#run} checks
 * each with the same {@code confirm_merge}.
 */
@FunctionalInterface
public interface Merger {

    /**
     * Copies every line of every handle into {@code output}, polling each handle every {@code interval} while it
     * has nothing new, and returns once every handle's writers are done and its lines are copied.
     *
     * @param timeout the most the whole merge may take before it fails
     */
    void merge(List<LogReader> handles, Duration interval, Path output, Duration timeout) throws Exception;
}
