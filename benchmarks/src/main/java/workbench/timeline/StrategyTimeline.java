package workbench.timeline;

import java.util.Map;

import workbench.parallel.Strategy;

/**
 * The timeline rows Items 53 and 64 share: one op runs a {@link Strategy} of the item's CPU example
 * ({@code factorize}, {@code gcd}) with the timeline's recording off or on ({@link TimelineRecording}). A row is
 * named by its subclass's {@code @Param example}: the way's slug, or a name recorded before the ways had slugs.
 */
public abstract class StrategyTimeline extends TimelineRecording {

    /** The rows' names recorded before the slugs existed, kept so that the results in benchmarks/results pair. */
    static final Map<String, Strategy> RECORDED_NAMES = Map.of("serial", Strategy.SEQUENTIAL,
            "java-threads", Strategy.THREADS);

    protected StrategyTimeline(int item, String example) {
        super(item, example);
    }

    /** The row's name, the subclass's {@code @Param example}. */
    protected abstract String row();

    @Override
    protected final String way() {
        Strategy recorded = RECORDED_NAMES.get(row());
        return recorded == null ? row() : recorded.slug();
    }
}
