package workbench.item52;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import workbench.examples.Way;
import workbench.proc.Child;
import workbench.proc.ChildProcessException;

/**
 * Two ways to run N children that each sleep: one after another, or all started before any is waited for
 * (the book's Example 3-4). The demo, the tests and {@code Item52Benchmark} run both.
 */
public enum FanOut implements Way {

    /** Start a child, wait for it, start the next. */
    SEQUENTIAL {
        @Override
        public void run(ChildTools tools, int children, String seconds, Duration timeout)
                throws ChildProcessException, InterruptedException {
            for (int i = 0; i < children; i++) {
                Child.run(tools.sleep(seconds), null, timeout);
            }
        }
    },

    /** Start every child, then wait for each: they run at the same time, in parallel with the parent. */
    PARALLEL {
        @Override
        public void run(ChildTools tools, int children, String seconds, Duration timeout)
                throws ChildProcessException, InterruptedException {
            List<Child> started = new ArrayList<>(children);
            try {
                for (int i = 0; i < children; i++) {
                    started.add(Child.start(tools.sleep(seconds)));
                }
                for (Child child : started) {
                    child.communicate(timeout).checkExitCode();
                }
            } finally {
                started.forEach(Child::close);
            }
        }
    };

    /** Runs {@code children} children that each sleep {@code seconds}; each may take up to {@code timeout}. */
    public abstract void run(ChildTools tools, int children, String seconds, Duration timeout)
            throws ChildProcessException, InterruptedException;
}
