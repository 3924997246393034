package workbench.parallel;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH state for benchmarks that time a {@link Strategy} already started: its threads, GIL or worker JVMs are
 * created once per trial, so an op measures the work, not the start-up (a warm pool). A subclass declares the
 * {@code @Param}s and starts what they select in {@link #startSelected()}.
 */
public abstract class StartedStrategy {

    private Strategy.Mapper mapper;

    /** Starts the strategy the subclass's {@code @Param}s select, on its worker count: once per trial. */
    protected abstract Strategy.Mapper startSelected();

    public Strategy.Mapper mapper() {
        return mapper;
    }

    @Setup(Level.Trial)
    public void start() {
        mapper = startSelected();
    }

    @TearDown(Level.Trial)
    public void stop() {
        mapper.close();
    }
}
