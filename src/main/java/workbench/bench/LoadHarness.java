package workbench.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * An item's load harness: it starts the item's servers, each in a process of its own, drives them from one load
 * generator and records the rows with a {@link LoadRecorder}; {@code workbench report} shows them through
 * {@link LoadResults}. {@code workbench load <item>} finds the harness of its item in the command line's registry
 * and calls {@link #run} with the options it parsed.
 */
public interface LoadHarness {

    /** The book item (2nd edition) whose servers this drives. */
    int item();

    /** The styles it drives, by name, in the order it drives them. */
    List<String> styles();

    /**
     * Measures every chosen style at every chosen client count, printing a line per row on {@code out}, and records
     * them; returns the file written. A row that hits an error records it and the run goes on.
     *
     * @throws IllegalArgumentException if {@code options} names a style not in {@link #styles()}
     */
    Path run(LoadOptions options, PrintStream out) throws IOException, InterruptedException;
}
