package workbench.eventloop;

import java.util.List;
import java.util.Set;

/**
 * Where a task or handle was made, for debug mode's reports: the Java counterpart of asyncio's
 * {@code _source_traceback}, taken (as asyncio does) only when the loop is in debug mode, because walking the
 * stack costs microseconds.
 */
final class SourceFrames {

    /** The loop's own classes: a frame in one of them (or in a lambda they define) is not the caller's code. */
    private static final Set<Class<?>> LOOP_CLASSES = Set.of(LoopCore.class, EventLoop.class, Task.class,
            SourceFrames.class, AsyncServer.class, AsyncStream.class, Async.class, AsyncIterator.class);
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final int DEPTH = 64;

    private SourceFrames() {
    }

    /** The first frame of the calling code, outside the loop's classes; null if the stack has none. */
    static StackTraceElement caller() {
        return WALKER.walk(frames -> frames.limit(DEPTH).filter(frame -> !isLoopCode(frame)).findFirst()
                .map(StackWalker.StackFrame::toStackTraceElement).orElse(null));
    }

    /**
     * Where a task made by {@code maker} (the loop's private method every task goes through) comes from:
     * {@code [created at, defined at]}. "Created at" is the frame that called the verb which made the task
     * (asyncio names {@code runners.py} for {@code asyncio.run}: here {@code EventLoop.run}); "defined at" is the
     * first frame of the caller's own code, where the coroutine's lambda was written.
     */
    static StackTraceElement[] taskOrigin(String maker) {
        List<StackWalker.StackFrame> frames = WALKER.walk(s -> s.limit(DEPTH).toList());
        int made = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (frames.get(i).getDeclaringClass() == EventLoop.class && frames.get(i).getMethodName().equals(maker)) {
                made = i;
                break;
            }
        }
        StackTraceElement createdAt = null;
        StackTraceElement definedAt = null;
        if (made >= 0 && made + 2 < frames.size()) {
            createdAt = frames.get(made + 2).toStackTraceElement();
            for (int i = made + 2; i < frames.size() && definedAt == null; i++) {
                if (!isLoopCode(frames.get(i))) {
                    definedAt = frames.get(i).toStackTraceElement();
                }
            }
        }
        return new StackTraceElement[] {createdAt, definedAt};
    }

    private static boolean isLoopCode(StackWalker.StackFrame frame) {
        return LOOP_CLASSES.contains(frame.getDeclaringClass().getNestHost());
    }
}
