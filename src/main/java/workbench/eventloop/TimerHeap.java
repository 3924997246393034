package workbench.eventloop;

import java.util.PriorityQueue;
import java.util.function.Consumer;

import workbench.annotations.NotThreadSafe;
import workbench.eventloop.LoopCore.Callback;
import workbench.eventloop.LoopCore.Timer;

/**
 * The loop's timers, asyncio's {@code _scheduled} heap: ordered by deadline, then by the order they were made. A
 * cancelled timer stays in the heap, marked done, until it reaches the top or cancelled timers dominate and the
 * heap is compacted (as asyncio does). Not thread-safe: its loop calls it holding the loop's lock.
 */
@NotThreadSafe
final class TimerHeap {

    /** Below this many cancelled timers the heap is not worth compacting. */
    private static final int COMPACT_AFTER = 64;

    private final PriorityQueue<Timer> heap = new PriorityQueue<>();
    private int cancelled;
    private long sequence;

    /** The sequence number that orders the next timer among those with the same deadline. */
    long nextSequence() {
        return sequence++;
    }

    void add(Timer timer) {
        heap.add(timer);
    }

    /** Marks {@code timer} cancelled; true if it had not run or been cancelled yet. */
    boolean cancel(Timer timer) {
        if (timer.done) {
            return false;
        }
        timer.done = true;
        cancelled++;
        if (cancelled > COMPACT_AFTER && cancelled * 2 > heap.size()) {
            heap.removeIf(t -> t.done);
            cancelled = 0;
        }
        return true;
    }

    /** Nanoseconds from {@code now} until the first live timer is due (0 if one is), or -1 when there is none. */
    long nanosUntilNext(long now) {
        Timer next;
        while ((next = heap.peek()) != null && next.done) {
            heap.poll();
            cancelled--;
        }
        return next == null ? -1 : Math.max(0, next.deadline - now);
    }

    /** Hands the callbacks of the timers due at {@code now} to {@code ready}, in deadline order. */
    void moveDue(long now, Consumer<Callback> ready) {
        Timer next;
        while ((next = heap.peek()) != null && next.deadline - now <= 0) {
            heap.poll();
            if (next.done) {
                cancelled--;
            } else {
                next.done = true;
                ready.accept(next.callback);
            }
        }
    }

    /** Empties the heap, handing the callbacks of the timers that never ran to {@code dropped}. */
    void drain(Consumer<Callback> dropped) {
        for (Timer timer : heap) {
            if (!timer.done) {
                timer.done = true;
                dropped.accept(timer.callback);
            }
        }
        heap.clear();
        cancelled = 0;
    }
}
