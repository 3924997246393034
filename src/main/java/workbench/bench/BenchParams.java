package workbench.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import workbench.results.JmhResult;

/**
 * The {@code @Param} conventions a benchmark follows to be reported: the way of doing the work is the
 * {@code strategy}, whose baseline value is {@code SEQUENTIAL} (or {@code sequential} / {@code serial}); the degree
 * of parallelism is the first of {@link #WORKER_PARAMS} present; the other parameters (and the method) group the
 * rows that share one baseline.
 */
public final class BenchParams {

    public static final List<String> WORKER_PARAMS = List.of("workers", "threads", "children", "clients");
    private static final Set<String> BASELINES = Set.of("sequential", "serial");

    private BenchParams() {
    }

    /** Whether a {@code strategy} value names the sequential baseline. */
    static boolean isBaseline(String strategy) {
        return BASELINES.contains(strategy.toLowerCase(Locale.ROOT));
    }

    /** The worker count of a result, if it has one of {@link #WORKER_PARAMS}. */
    public static Optional<Integer> workers(JmhResult result) {
        for (String name : WORKER_PARAMS) {
            String value = result.param(name);
            if (value != null) {
                try {
                    return Optional.of(Integer.parseInt(value));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Method plus every parameter but the strategy: the rows that share one baseline. */
    static String groupKey(JmhResult result) {
        return groupKey(result, false);
    }

    /** {@link #groupKey(JmhResult)}, without the worker count too when {@code withoutWorkers}. */
    static String groupKey(JmhResult result, boolean withoutWorkers) {
        Map<String, String> others = new TreeMap<>(result.params());
        others.remove("strategy");
        if (withoutWorkers) {
            WORKER_PARAMS.forEach(others::remove);
        }
        return result.method() + others;
    }
}
