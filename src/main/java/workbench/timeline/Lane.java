package workbench.timeline;

import java.util.List;

/**
 * One thread's life during a recorded run, every nanosecond of it in exactly one {@link Segment}: the segments
 * are in order, do not overlap, and cover {@code start} to {@code end}. Times are nanoseconds since the epoch, so
 * lanes from several JVMs share one axis.
 *
 * @param pid     the JVM's process id
 * @param jvm     what the JVM was (parent, worker 1, ...)
 * @param tid     the Java thread id within that JVM
 * @param name    the thread's name
 * @param virtual whether it is a virtual thread (its carriers are not recorded)
 * @param osTid   the OS thread id (as the kernel's scheduler trace names it), -1 where none is known
 */
public record Lane(long pid, String jvm, long tid, String name, boolean virtual, long start, long end,
        List<Segment> segments, long osTid) {

    public Lane {
        segments = List.copyOf(segments);
    }

    /** A lane whose OS thread id is not known. */
    public Lane(long pid, String jvm, long tid, String name, boolean virtual, long start, long end,
            List<Segment> segments) {
        this(pid, jvm, tid, name, virtual, start, end, segments, -1);
    }

    /**
     * A stretch of one state.
     *
     * @param call what the thread was blocked in, for {@link State#BLOCKED_CALL} ("pipe read", "accept"); else null
     */
    public record Segment(long start, long end, State state, String call) {

        /** A stretch of a state that names no call. */
        public Segment(long start, long end, State state) {
            this(start, end, state, null);
        }

        public long nanos() {
            return end - start;
        }

        /** What the legend and the trace call this stretch: the state's label, with the call where one is named. */
        public String label() {
            return call == null ? state.label() : state.label() + ": " + call;
        }
    }

    public long lifetime() {
        return end - start;
    }

    /** Nanoseconds spent in {@code state}. */
    public long nanosIn(State state) {
        return segments.stream().filter(s -> s.state() == state).mapToLong(Segment::nanos).sum();
    }

    /** The longest single stretch the thread spent blocked (sleep, I/O, monitor, join, park), in nanoseconds. */
    public long longestBlocked() {
        long longest = 0;
        long run = 0;
        for (Segment s : segments) {
            run = s.state().blocked() ? run + s.nanos() : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /** The lane's label: the thread's name, with its JVM when that is not the parent. */
    public String label() {
        return jvm.equals(Timeline.PARENT) ? name : jvm + ": " + name;
    }
}
