package workbench.item60;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;

import workbench.threads.ParkedThreads;

/**
 * Beyond the book: an <em>estimate</em> of what one waiting thread costs in memory. Starts {@code count} threads
 * that all park on one latch (as functions blocked in I/O would be), then reads the Java heap in use after a GC
 * ({@link MemoryMXBean}) and the process's resident memory ({@code VmRSS} from {@code /proc/self/status}, Linux
 * only) against the same readings taken before; then releases and joins them. A parked virtual thread's stack is
 * copied into the heap, so its cost shows as heap; a platform thread's stack is native memory outside the heap, so
 * its cost shows as resident memory. Both are deltas of whole-process figures, so other activity (the JIT, GC
 * bookkeeping, the heap growing or giving pages back) blurs them: an estimate, good to an order of magnitude. A
 * resident-set delta that came out negative is reported as 0.
 *
 * <p>Item 57's {@code ThreadCost} measures start-up time and resident memory of 500 threads; this adds the heap,
 * where virtual threads live. Both park their threads with {@link ParkedThreads}.
 */
public final class ThreadMemory {

    /** Bytes per thread (heap after GC, resident set; -1 where unknown) with {@code threads} parked at once. */
    public record Footprint(boolean virtual, int threads, long heapBytes, long residentBytes) {

        public double heapKibPerThread() {
            return heapBytes / 1024.0 / threads;
        }

        public double residentKibPerThread() {
            return residentBytes < 0 ? -1 : residentBytes / 1024.0 / threads;
        }
    }

    /** How long to let the GC finish giving pages back before reading the resident set. */
    static final Duration SETTLE = Duration.ofMillis(200);

    private ThreadMemory() {
    }

    /** Parks {@code count} virtual (or platform, default stack size) threads and measures what they add. */
    public static Footprint parked(boolean virtual, int count, Duration timeout) throws InterruptedException {
        ThreadFactory factory = virtual ? Thread.ofVirtual().name("parked-v-", 0).factory()
                : Thread.ofPlatform().name("parked-p-", 0).factory();
        long heapBefore = heapAfterGc();
        Thread.sleep(SETTLE.toMillis());                         // G1 gives heap pages back after a GC, concurrently
        long residentBefore = ParkedThreads.residentBytes();
        try (ParkedThreads parked = ParkedThreads.park(factory, count, timeout)) {
            if (!parked.allParked()) {
                throw new IllegalStateException("threads not parked after " + timeout);
            }
            Thread.sleep(20);                                    // let the last ones reach the latch and unmount
            long residentAfter = ParkedThreads.residentBytes();  // before the GC, which may give heap pages back
            long heap = heapAfterGc() - heapBefore;
            long resident = residentAfter - residentBefore;
            return new Footprint(virtual, parked.started(), Math.max(0, heap),
                    residentBefore < 0 || residentAfter < 0 ? -1 : Math.max(0, resident));
        }
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();                                             // a full collection with the default collectors
        return memory.getHeapMemoryUsage().getUsed();
    }
}
