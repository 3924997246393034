package workbench.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

import workbench.demo.Verdict;
import workbench.item53.Item53;
import workbench.item55.Item55;
import workbench.item64.Item64;
import workbench.results.JavaResults;
import workbench.results.JmhResult;
import workbench.results.ResultsRoot;
import workbench.results.Sidecar;
import workbench.results.ThisMachine;

/**
 * Whether the figures the demos print agree with the recorded benchmarks: each verdict a demo printed
 * ({@link workbench.demo.Narrator#verdict}) beside the benchmark's ratio for the same comparison ({@link #TABLE}).
 * They agree when both are on the same side of 1 ({@link Verdict#side}: within 10 % of 1 is "about the same", and
 * agrees with a benchmark figure within {@link #ABOUT_SAME_REACH} of 1) and within a factor of {@link #FACTOR} of each
 * other. Timings are never asserted by the fast tests; this check is run by hand ({@code workbench check-figures}).
 */
public final class FigureCheck {

    /** How far a demo's ratio may be from the benchmark's, as a factor either way, and still agree. */
    public static final double FACTOR = 2.0;
    /** How far from 1 a figure may be and still agree with one that is "about the same". */
    public static final double ABOUT_SAME_REACH = 0.20;

    /** How a comparison's ratio is taken from its two benchmark rows. */
    public enum Metric {
        /** The baseline's time per op over the variant's: how many times faster the variant ran. */
        TIME,
        /** The baseline's {@code workerCpuMicros / runs} over the variant's: how many times less CPU it used. */
        WORKER_CPU_PER_RUN
    }

    /**
     * One comparison a demo prints, and the benchmark rows that measure it: method {@code method} of the item's
     * benchmark, the baseline's and the variant's parameters (the nearest recorded workload where the demo's is not
     * recorded as such).
     */
    public record Comparison(int item, String name, String method, Map<String, String> baseline,
                             Map<String, String> variant, Metric metric) {
    }

    /** Every comparison a demo prints a verdict on, mapped to its benchmark rows: the one table. */
    public static final List<Comparison> TABLE = List.of(
            // Item53Benchmark.factorize runs the sixteen 3rd-edition numbers; the demo's four numbers on four
            // threads compare with its four workers
            new Comparison(53, Item53.FACTORIZE_THREADS, "factorize", params("SEQUENTIAL", "1"),
                    params("THREADS", "4"), Metric.TIME),
            new Comparison(53, Item53.FACTORIZE_GIL, "factorize", params("SEQUENTIAL", "1"),
                    params("GIL_THREADS", "4"), Metric.TIME),
            new Comparison(53, Item53.FACTORIZE_THREADS_3RD, "factorize", params("SEQUENTIAL", "1"),
                    params("THREADS", "16"), Metric.TIME),
            new Comparison(53, Item53.FACTORIZE_GIL_3RD, "factorize", params("SEQUENTIAL", "1"),
                    params("GIL_THREADS", "16"), Metric.TIME),
            new Comparison(55, Item55.WORKER_CPU, "coordination", Map.of("coordination", "POLLING"),
                    Map.of("coordination", "BLOCKING"), Metric.WORKER_CPU_PER_RUN),
            new Comparison(64, Item64.GCD_THREADS, "gcd", params("SEQUENTIAL", "1"), params("THREADS", "2"),
                    Metric.TIME),
            new Comparison(64, Item64.GCD_GIL, "gcd", params("SEQUENTIAL", "1"), params("GIL_THREADS", "2"),
                    Metric.TIME));

    private static Map<String, String> params(String strategy, String workers) {
        return Map.of("strategy", strategy, "workers", workers);
    }

    /** The benchmark's ratio for a comparison and where it was recorded. */
    public record Benchmarked(double ratio, String machine, String date) {
    }

    /** What one comparison showed over the demo's runs, against the benchmark. */
    public record Outcome(int item, String comparison, List<Double> demo, Optional<Benchmarked> benchmark,
                          List<Boolean> agreed) {

        /** True when a run disagreed, or the comparison could not be checked (no benchmark row, or never printed). */
        public boolean contradicts() {
            return benchmark.isEmpty() || demo.isEmpty() || agreed.contains(false);
        }

        /** One line for the check's output. */
        public String line() {
            String demoRatios = String.join(", ", demo.stream()
                    .map(r -> String.format(Locale.ROOT, "%.2fx", r)).toList());
            if (demo.isEmpty()) {
                return String.format(Locale.ROOT, "  NOT PRINTED  %s: in the table, but the demo printed no verdict"
                        + " for it", comparison);
            }
            if (benchmark.isEmpty()) {
                return String.format(Locale.ROOT, "  NOT CHECKED  %s: demo %s; no benchmark row recorded for it",
                        comparison, demoRatios);
            }
            long agreeing = agreed.stream().filter(a -> a).count();
            return String.format(Locale.ROOT, "  %-11s  %s: demo %s (%d of %d agree); benchmark %.2fx (%s, %s)",
                    contradicts() ? "DISAGREES" : "agrees", comparison, demoRatios, agreeing, agreed.size(),
                    benchmark.get().ratio(), benchmark.get().machine(), benchmark.get().date());
        }
    }

    private FigureCheck() {
    }

    /** Whether a demo's ratio agrees with the benchmark's: same side of 1, within {@link #FACTOR}. */
    public static boolean agrees(double demo, double benchmark) {
        if (!(demo > 0 && benchmark > 0) || !Double.isFinite(demo) || !Double.isFinite(benchmark)) {
            return false;
        }
        boolean withinFactor = Math.max(demo / benchmark, benchmark / demo) <= FACTOR;
        int demoSide = Verdict.side(demo);
        int benchSide = Verdict.side(benchmark);
        boolean sameSide = demoSide == benchSide
                || demoSide == 0 && Math.abs(benchmark - 1) <= ABOUT_SAME_REACH
                || benchSide == 0 && Math.abs(demo - 1) <= ABOUT_SAME_REACH;
        return withinFactor && sameSide;
    }

    /** The comparison of {@code item} named {@code name}, if the table has it. */
    public static Optional<Comparison> comparison(int item, String name) {
        return TABLE.stream().filter(c -> c.item() == item && c.name().equals(name)).findFirst();
    }

    /** The items whose demos print a verdict the table knows, in order. */
    public static List<Integer> items() {
        return TABLE.stream().map(Comparison::item).distinct().sorted().toList();
    }

    /** The benchmark's ratio for {@code comparison} from {@code rows} (one item's recorded JMH rows), if both are there. */
    public static OptionalDouble ratio(Comparison comparison, List<JmhResult> rows) {
        Optional<JmhResult> baseline = row(rows, comparison.method(), comparison.baseline());
        Optional<JmhResult> variant = row(rows, comparison.method(), comparison.variant());
        if (baseline.isEmpty() || variant.isEmpty()) {
            return OptionalDouble.empty();
        }
        double ratio = switch (comparison.metric()) {
            case TIME -> baseline.get().score() / variant.get().score();
            case WORKER_CPU_PER_RUN -> cpuPerRun(baseline.get()) / cpuPerRun(variant.get());
        };
        return Double.isFinite(ratio) && ratio > 0 ? OptionalDouble.of(ratio) : OptionalDouble.empty();
    }

    private static double cpuPerRun(JmhResult row) {
        return row.secondary("workerCpuMicros") / row.secondary("runs");
    }

    private static Optional<JmhResult> row(List<JmhResult> rows, String method, Map<String, String> params) {
        return rows.stream().filter(r -> r.method().equals(method))
                .filter(r -> params.entrySet().stream().allMatch(p -> p.getValue().equals(r.param(p.getKey()))))
                .findFirst();
    }

    /**
     * The benchmark's figure for {@code comparison}: from machine folder {@code machine} if given, else this
     * machine's, else the first other folder (by name) that recorded both rows.
     */
    public static Optional<Benchmarked> benchmarked(Path resultsRoot, Comparison comparison, Optional<String> machine)
            throws IOException {
        List<Path> folders = new ArrayList<>();
        if (machine.isPresent()) {
            folders.add(resultsRoot.resolve(machine.get()));
        } else {
            Path here = resultsRoot.resolve(ThisMachine.folderName());
            folders.add(here);
            ResultsRoot.machineFolders(resultsRoot).stream().filter(f -> !f.equals(here)).forEach(folders::add);
        }
        for (Path folder : folders) {
            Optional<List<JmhResult>> rows = JavaResults.read(folder, comparison.item());
            OptionalDouble ratio = rows.isPresent() ? ratio(comparison, rows.get()) : OptionalDouble.empty();
            if (ratio.isPresent()) {
                String date = Sidecar.readIfAny(JavaResults.sidecarFile(folder, comparison.item()))
                        .text("date").map(d -> d.length() >= 10 ? d.substring(0, 10) : d).orElse("undated");
                return Optional.of(new Benchmarked(ratio.getAsDouble(), folder.getFileName().toString(), date));
            }
        }
        return Optional.empty();
    }

    /**
     * Judges one item's verdicts, collected over the demo's runs (each a list of (comparison, ratio) in print
     * order), against the benchmark figures {@code benchmarks} gives by comparison name. A verdict the table does not
     * know, and a comparison of the table the demo never printed, are outcomes that fail the check: the table must
     * name every comparison a demo prints.
     */
    public static List<Outcome> judge(int item, List<List<Verdict>> runs,
                                      Function<String, Optional<Benchmarked>> benchmarks) {
        Map<String, List<Double>> byName = new LinkedHashMap<>();
        runs.stream().flatMap(List::stream)
                .forEach(v -> byName.computeIfAbsent(v.comparison(), k -> new ArrayList<>()).add(v.ratio()));
        List<Outcome> outcomes = new ArrayList<>();
        byName.forEach((name, ratios) -> {
            Optional<Benchmarked> bench = comparison(item, name).isPresent() ? benchmarks.apply(name)
                    : Optional.empty();
            List<Boolean> agreed = ratios.stream()
                    .map(r -> bench.map(b -> agrees(r, b.ratio())).orElse(false)).toList();
            outcomes.add(new Outcome(item, name, List.copyOf(ratios), bench, agreed));
        });
        TABLE.stream().filter(c -> c.item() == item && !byName.containsKey(c.name()))
                .forEach(c -> outcomes.add(new Outcome(item, c.name(), List.of(), benchmarks.apply(c.name()),
                        List.of())));
        return outcomes;
    }
}
