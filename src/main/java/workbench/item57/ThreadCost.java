package workbench.item57;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;

import com.sun.management.HotSpotDiagnosticMXBean;

import workbench.threads.ParkedThreads;

/**
 * Beyond the book: what a thread per unit of work costs when there are thousands of units. Starts {@code count}
 * threads that all wait on one latch (so all are alive at once, as cell threads doing slow I/O would be), and
 * measures how long starting them took and how much resident memory (Linux {@code VmRSS}) they added; then
 * releases and joins them. Bounded: every wait has a timeout, and the one place that may hit the OS limit catches
 * {@link OutOfMemoryError} ("unable to create native thread") and reports how far it got instead of failing (the
 * parking, the bounds and the reading of {@code VmRSS} are {@link ParkedThreads}'s, shared with Item 60).
 *
 * <p>The book's figure, about 8 MB per thread, is the default stack <em>reservation</em> on Linux; what a thread
 * really costs in memory is the pages it touches, a few tens of KB. Item 57's benchmark runs 10,000 of each kind.
 */
public final class ThreadCost {

    /** The platform threads' stack size: small, as a thread-per-cell design would choose. */
    public static final long SMALL_STACK_BYTES = 256 * 1024;

    public enum Kind {
        /**
         * An OS thread with a {@link #SMALL_STACK_BYTES} stack, as a thread-per-cell design would choose (Item 57's
         * examples themselves use {@code new Thread}, with the JVM's default stack: {@link #defaultStack()}).
         */
        PLATFORM,
        /** A JDK 21 virtual thread: a heap object scheduled on a few carrier threads. */
        VIRTUAL
    }

    /** Threads started, time to start them all, resident memory they added (-1 where unknown), and any failure. */
    public record Cost(Kind kind, int requested, int started, long startNanos, long rssBytes, Optional<String> broke) {

        public double microsPerThread() {
            return started == 0 ? 0 : startNanos / 1e3 / started;
        }

        public double kibPerThread() {
            return rssBytes < 0 || started == 0 ? -1 : rssBytes / 1024.0 / started;
        }
    }

    private ThreadCost() {
    }

    /**
     * The JVM's default stack for a new platform thread ({@code -Xss}, HotSpot's {@code ThreadStackSize}), e.g.
     * {@code 1,024 KiB}; "not known" on a JVM that does not say.
     */
    public static String defaultStack() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            long kib = Long.parseLong(hotspot.getVMOption("ThreadStackSize").getValue());
            return kib == 0 ? "the OS's default" : String.format(Locale.ROOT, "%,d KiB", kib);
        } catch (RuntimeException e) {                 // not HotSpot, or no such option: say so, guess nothing
            return "not known on this JVM";
        }
    }

    public static Cost measure(Kind kind, int count, Duration timeout) throws InterruptedException {
        ThreadFactory factory = kind == Kind.PLATFORM
                ? Thread.ofPlatform().name("cost-", 0).stackSize(SMALL_STACK_BYTES).factory()
                : Thread.ofVirtual().name("cost-", 0).factory();
        long rssBefore = ParkedThreads.residentBytes();
        long start = System.nanoTime();
        try (ParkedThreads parked = ParkedThreads.park(factory, count, timeout)) {
            long startNanos = System.nanoTime() - start;
            long rssAfter = ParkedThreads.residentBytes();
            long rss = rssBefore < 0 || rssAfter < 0 ? -1 : Math.max(0, rssAfter - rssBefore);
            return new Cost(kind, count, parked.started(), startNanos, rss, parked.refused());
        }
    }
}
