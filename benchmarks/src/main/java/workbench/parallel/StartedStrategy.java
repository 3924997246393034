package workbench.parallel;

import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * JMH state for benchmarks that time a {@link Strategy} already started: its threads, GIL or worker JVMs are
 * created once per trial, so an op measures the work, not the start-up (a warm pool). A subclass declares the
 * {@code @Param}s and says which strategy and how many workers they select.
 */
public abstract class StartedStrategy {

    protected Strategy.Mapper mapper;

    protected abstract Strategy strategy();

    protected abstract int workers();

    public Strategy.Mapper mapper() {
        return mapper;
    }

    @Setup(Level.Trial)
    public void start() {
        mapper = strategy().start(workers());
    }

    @TearDown(Level.Trial)
    public void stop() {
        mapper.close();
    }
}
