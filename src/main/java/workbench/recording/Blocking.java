package workbench.recording;

/**
 * Records a blocking call the JDK has no flight-recorder event for (a {@code Pipe} channel's read or write,
 * {@code ServerSocket.accept}, {@code Selector.select}, {@code Process.waitFor}) as a {@link BlockingCallEvent}
 * named by its label, so that a timeline draws the wait as "blocked: pipe read" instead of as running. One line at
 * the call site:
 *
 * <pre>
 *   int n = Blocking.call("pipe read", () -&gt; source.read(buffer));
 *   Socket s = Blocking.call("accept", socket::accept);
 * </pre>
 *
 * With no recording running this costs the call's lambda and one flag test.
 */
public final class Blocking {

    /** A call that returns a value and may throw {@code E}. */
    @FunctionalInterface
    public interface Call<T, E extends Exception> {
        T call() throws E;
    }

    /** A call that returns nothing and may throw {@code E}. */
    @FunctionalInterface
    public interface Action<E extends Exception> {
        void run() throws E;
    }

    private Blocking() {
    }

    /** Runs {@code call}, recorded as blocked in {@code label} for as long as it takes (returning or throwing). */
    public static <T, E extends Exception> T call(String label, Call<T, E> call) throws E {
        BlockingCallEvent event = new BlockingCallEvent();
        event.begin();
        try {
            return call.call();
        } finally {
            if (event.shouldCommit()) {
                event.call = label;
                event.commit();
            }
        }
    }

    /** Runs {@code action}, recorded as blocked in {@code label} for as long as it takes. */
    public static <E extends Exception> void run(String label, Action<E> action) throws E {
        call(label, () -> {
            action.run();
            return null;
        });
    }
}
