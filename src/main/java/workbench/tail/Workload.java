package workbench.tail;

import java.time.Duration;

/**
 * The size of one run of the log-tailing harness: {@code files} input files, each written {@code linesPerFile}
 * lines by its own writer thread that sleeps a random {@code [0, maxWriteDelay)} before each line, and readers
 * polling every {@code pollInterval} when they find nothing new.
 */
public record Workload(int files, int linesPerFile, Duration maxWriteDelay, Duration pollInterval) {

    /** The book's harness: 5 files x 10 lines, {@code random() * 0.1} s between lines, readers poll every 0.1 s. */
    public static final Workload BOOK = new Workload(5, 10, Duration.ofMillis(100), Duration.ofMillis(100));
    /** A small harness for tests: 3 files x 5 lines, at most 20 ms between lines, 10 ms polling. */
    public static final Workload SMALL = new Workload(3, 5, Duration.ofMillis(20), Duration.ofMillis(10));

    public Workload {
        if (files < 1 || linesPerFile < 0 || maxWriteDelay.isNegative() || pollInterval.isNegative()) {
            throw new IllegalArgumentException("bad workload: " + files + " files x " + linesPerFile
                    + " lines, delay " + maxWriteDelay + ", interval " + pollInterval);
        }
    }

    /** The longest a writer can take: every one of its delays at the maximum. */
    public Duration longestWriter() {
        return maxWriteDelay.multipliedBy(linesPerFile);
    }

    /** A generous bound on one whole merge: the longest writer and a last poll, plus 30 s for a slow machine. */
    public Duration timeout() {
        return longestWriter().plus(pollInterval).plusSeconds(30);
    }

    @Override
    public String toString() {
        return files + " files x " + linesPerFile + " lines, writes every [0, " + maxWriteDelay.toMillis()
                + ") ms, polls every " + pollInterval.toMillis() + " ms";
    }
}
