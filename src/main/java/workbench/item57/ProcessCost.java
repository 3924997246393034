package workbench.item57;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import workbench.proc.Child;
import workbench.proc.ChildProcessException;
import workbench.proc.JavaLauncher;

/**
 * Beyond the book: what a new process per unit of work would cost, Item 57's lesson taken one step further. It
 * starts a JVM whose main does nothing ({@link Idle}) with Item 52's runner ({@link Child}, {@link JavaLauncher}:
 * this JVM's {@code java} and class path, fast-start flags) and times each start to its exit.
 */
public final class ProcessCost {

    private ProcessCost() {
    }

    /** The wall time of each of {@code starts} runs of {@link Idle}, one after another. */
    public static List<Duration> jvmStarts(int starts, Duration timeout)
            throws ChildProcessException, InterruptedException {
        List<Duration> times = new ArrayList<>(starts);
        for (int i = 0; i < starts; i++) {
            long start = System.nanoTime();
            Child.run(JavaLauncher.builder(Idle.class), null, timeout);
            times.add(Duration.ofNanos(System.nanoTime() - start));
        }
        return List.copyOf(times);
    }

    /** The mean of some durations, in milliseconds. */
    public static double meanMillis(List<Duration> times) {
        return times.stream().mapToLong(Duration::toNanos).average().orElse(Double.NaN) / 1e6;
    }

    /** The child: a JVM that starts, runs an empty main and exits. */
    public static final class Idle {

        private Idle() {
        }

        public static void main(String[] args) {
            // nothing: the cost measured is the JVM's start and exit
        }
    }
}
