package workbench.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import workbench.results.JmhResult;

/**
 * Each result beside its sequential baseline: its speedup over the sequential row of the same method and other
 * parameters ({@link BenchParams#groupKey}), the ideal bound and how much of it was reached. The ideal defaults to
 * {@code min(cores, workers)}; a benchmark whose work bounds it lower (ten uneven tasks cannot beat total work /
 * largest task) or higher (sleeping children need no core) implements {@link IdealBound}.
 */
public final class Speedups {

    /** One reported row: a result beside its baseline. */
    public record Row(JmhResult result, double speedup, double ideal) {

        /** Speedup as a fraction of the ideal bound. */
        public double ofIdeal() {
            return speedup / ideal;
        }
    }

    private Speedups() {
    }

    /** Pairs every result with the sequential result of the same method and other parameters. */
    public static List<Row> rows(List<JmhResult> results, int cores) {
        return rows(results, baselines(results), cores);
    }

    /** Pairs every result with its baseline among {@code baselines} (by {@link BenchParams#groupKey}). */
    static List<Row> rows(List<JmhResult> results, Map<String, JmhResult> baselines, int cores) {
        Map<String, JmhResult> anyWorkers = new LinkedHashMap<>();
        baselines.values().forEach(b -> anyWorkers.putIfAbsent(BenchParams.groupKey(b, true), b));
        List<Row> rows = new ArrayList<>();
        for (JmhResult result : results) {
            JmhResult baseline = baselines.get(BenchParams.groupKey(result));
            if (baseline == null && BenchParams.workers(result).isEmpty()) {
                // A row with no worker count (a task per cell) against a sequential row that carries one only
                // because it shares a @State with pooled rows: sequential work does not depend on it.
                baseline = anyWorkers.get(BenchParams.groupKey(result, true));
            }
            double speedup = Double.NaN;
            if (baseline != null) {
                speedup = result.lowerIsBetter() ? baseline.score() / result.score()
                        : result.score() / baseline.score();
            }
            rows.add(new Row(result, speedup, baseline == null ? Double.NaN : ideal(result, cores)));
        }
        return rows;
    }

    /** The sequential rows of some results, by {@link BenchParams#groupKey}. */
    static Map<String, JmhResult> baselines(List<JmhResult> results) {
        Map<String, JmhResult> baselines = new LinkedHashMap<>();
        for (JmhResult result : results) {
            String strategy = result.param("strategy");
            if (strategy != null && BenchParams.isBaseline(strategy)) {
                baselines.put(BenchParams.groupKey(result), result);
            }
        }
        return baselines;
    }

    /** The ideal speedup: the benchmark's own {@link IdealBound}, else {@code min(cores, workers)}. */
    static double ideal(JmhResult result, int cores) {
        String strategy = result.param("strategy");
        if (strategy != null && BenchParams.isBaseline(strategy)) {
            return 1;
        }
        Optional<IdealBound> declared = idealBound(result.benchmarkClass());
        if (declared.isPresent()) {
            return declared.get().idealSpeedup(result.method(), result.params(), cores);
        }
        return BenchParams.workers(result).map(w -> (double) Math.min(Math.max(cores, 1), w)).orElse(Double.NaN);
    }

    /** The benchmark class's {@link IdealBound}, if it implements one (and is on the class path). */
    private static Optional<IdealBound> idealBound(String className) {
        Class<?> benchmark;
        try {
            benchmark = Class.forName(className, false, Speedups.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        if (!IdealBound.class.isAssignableFrom(benchmark)) {
            return Optional.empty();
        }
        try {
            return Optional.of((IdealBound) benchmark.getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(className + " implements IdealBound but cannot be created", e);
        }
    }
}
