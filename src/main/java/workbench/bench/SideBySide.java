package workbench.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import workbench.results.PythonRow;
import workbench.results.PythonResults;
import workbench.results.JmhResult;

/**
 * Java's and CPython's figures for one item in one table, in the Java benchmark's unit, with how many times faster
 * or slower Java is. A ratio is taken only between figures of one {@code bench} run: both sidecars carry its id.
 *
 * <p><b>Which rows are the same measurement.</b> A CPython row matches a Java row when
 * <ol>
 *   <li>its {@code benchmark} is the Java method's name;</li>
 *   <li>its {@code strategy} is, ignoring case, the Java row's way: the first of {@link #WAY_PARAMS} it has;</li>
 *   <li>every workload parameter it names (keys beyond {@link CPython}'s run facts) has the same value in the Java
 *       row, and every Java parameter but the way and the worker count is named by it;</li>
 *   <li>its {@code workers} equals the Java row's worker count (the first of {@link BenchParams#WORKER_PARAMS}), unless
 *       the Java method has no worker count or never varies it (a fixed setting, such as Item 57's ten workers
 *       that a thread per cell ignores): then exactly one CPython row may satisfy 1-3.</li>
 * </ol>
 * A row matched on neither side is shown as Java only or CPython only.
 *
 * <p><b>One unit.</b> CPython's rows are seconds per operation; they are shown in the Java method's unit
 * ({@code ms/op}, or the reciprocal for throughput, {@code ops/s}). A CPython-only benchmark stays in {@code s/op}.
 */
public final class SideBySide {

    /** The parameters that name the way of doing the work, in the order looked for. */
    public static final List<String> WAY_PARAMS = List.of("strategy", "style", "coordination", "placement", "child",
            "kind");

    /** Why the item's two sides can or cannot be divided. */
    public enum Pairing {
        /** Both sidecars carry the same run id: the ratio is shown. */
        SAME_RUN,
        /** The item has a CPython script but nothing was recorded here. */
        NOT_MEASURED,
        /** The run tried and could not measure CPython (python3 absent, the script failed); the sidecar says why. */
        NOT_MEASURED_IN_RUN,
        /** CPython's figures (or Java's) carry no run id: recorded before runs were stamped. */
        UNSTAMPED,
        /** Both are stamped, by different runs. */
        OTHER_RUN,
        /** The item has no CPython script. */
        NO_SCRIPT
    }

    /** One line of the table: a Java row, its CPython counterpart in the Java unit, or both. */
    public record Line(Optional<Speedups.Row> java, Optional<PythonRow> python, JmhResult shown, double pythonScore,
                       double pythonSpeedup) {

        /** How many times faster Java is than CPython (below 1: slower); NaN unless both sides are here. */
        public double javaOverPython() {
            if (java.isEmpty() || python.isEmpty() || Double.isNaN(pythonScore)) {
                return Double.NaN;
            }
            JmhResult j = java.get().result();
            return j.lowerIsBetter() ? pythonScore / j.score() : j.score() / pythonScore;
        }
    }

    /** An item's table: its lines, how the sides pair, and the facts of CPython's recording. */
    public record Table(List<Line> lines, Pairing pairing, Map<String, Object> pythonRun, String pythonVersion) {

        /** The lines with a ratio to show: both sides present and from one run. */
        public List<Line> compared() {
            return pairing != Pairing.SAME_RUN ? List.of()
                    : lines.stream().filter(l -> !Double.isNaN(l.javaOverPython())).toList();
        }

        public long bothSides() {
            return lines.stream().filter(l -> l.java().isPresent() && l.python().isPresent()).count();
        }
    }

    private SideBySide() {
    }

    /** The combined table of one item recorded in {@code machineDir}. */
    public static Table of(Path machineDir, ResultsFolder.ItemResults item) throws IOException {
        Optional<List<PythonRow>> read = item.quick() ? Optional.empty() : PythonResults.read(machineDir, item.item());
        List<PythonRow> python = read.orElse(List.of());
        Map<PythonRow, Double> pythonSpeedups = CPython.speedups(machineDir, item.item(), python);
        Map<String, Object> pythonRun = ResultsFolder.sidecarIfAny(PythonResults.sidecarFile(machineDir, item.item()));
        Pairing pairing = pairing(read.isPresent(), pythonRun,
                ResultsFolder.sidecarIfAny(ResultsFolder.sidecarOf(item.json())), item.item(), item.quick());
        List<Line> lines = new ArrayList<>();
        Set<PythonRow> used = new HashSet<>();
        List<JmhResult> java = item.rows().stream().map(Speedups.Row::result).toList();
        for (Speedups.Row row : item.rows()) {
            Optional<PythonRow> match = match(row.result(), java, python);
            match.ifPresent(used::add);
            lines.add(new Line(Optional.of(row), match, row.result(),
                    match.map(m -> inUnit(m.seconds(), row.result().unit())).orElse(Double.NaN),
                    match.map(pythonSpeedups::get).orElse(Double.NaN)));
        }
        for (PythonRow row : python) {
            if (!used.contains(row)) {
                JmhResult shown = asJava(row, java);
                lines.add(new Line(Optional.empty(), Optional.of(row), shown, inUnit(row.seconds(), shown.unit()),
                        pythonSpeedups.getOrDefault(row, Double.NaN)));
            }
        }
        String version = python.stream().map(r -> r.extra().get("python")).filter(v -> v != null).findFirst()
                .orElse("?");
        return new Table(lines, pairing, pythonRun, version);
    }

    private static Pairing pairing(boolean recorded, Map<String, Object> pythonRun, Map<String, Object> javaRun,
                                   int item, boolean quick) {
        if (quick || !Files.exists(CPython.SCRIPTS.resolve("item" + item + ".py"))) {
            return recorded ? pairing(pythonRun, javaRun) : Pairing.NO_SCRIPT;
        }
        if (pythonRun.containsKey("notMeasured")) {
            return Pairing.NOT_MEASURED_IN_RUN;
        }
        return recorded ? pairing(pythonRun, javaRun) : Pairing.NOT_MEASURED;
    }

    private static Pairing pairing(Map<String, Object> pythonRun, Map<String, Object> javaRun) {
        Object python = pythonRun.get("run");
        Object java = javaRun.get("run");
        if (python == null || java == null) {
            return Pairing.UNSTAMPED;
        }
        return python.equals(java) ? Pairing.SAME_RUN : Pairing.OTHER_RUN;
    }

    /** The Java row's way of doing the work: the value of the first of {@link #WAY_PARAMS} it has. */
    static Optional<String> way(JmhResult result) {
        return wayParam(result).map(result::param);
    }

    private static Optional<String> wayParam(JmhResult result) {
        return WAY_PARAMS.stream().filter(p -> result.param(p) != null).findFirst();
    }

    private static Optional<String> workerParam(JmhResult result) {
        return BenchParams.WORKER_PARAMS.stream().filter(p -> result.param(p) != null).findFirst();
    }

    /** The CPython row that measures what {@code java} measures, by the rules in this class's comment. */
    static Optional<PythonRow> match(JmhResult java, List<JmhResult> allJava, List<PythonRow> python) {
        Optional<String> way = way(java);
        if (way.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> workerParam = workerParam(java);
        List<PythonRow> candidates = python.stream()
                .filter(p -> p.benchmark().equals(java.method()))
                .filter(p -> p.strategy().equalsIgnoreCase(way.get()))
                .filter(p -> sameWorkload(java, p))
                .toList();
        if (workerParam.isPresent() && varies(allJava, java.method(), workerParam.get())) {
            String workers = java.param(workerParam.get());
            return candidates.stream().filter(p -> p.workers().equals(workers)).findFirst();
        }
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    private static boolean sameWorkload(JmhResult java, PythonRow python) {
        Map<String, String> workload = CPython.workload(python);
        for (var param : java.params().entrySet()) {
            if (WAY_PARAMS.contains(param.getKey()) || BenchParams.WORKER_PARAMS.contains(param.getKey())) {
                continue;
            }
            if (!param.getValue().equals(workload.get(param.getKey()))) {
                return false;
            }
        }
        return workload.keySet().stream().allMatch(java.params()::containsKey);
    }

    private static boolean varies(List<JmhResult> java, String method, String param) {
        return java.stream().filter(j -> j.method().equals(method)).map(j -> j.param(param))
                .filter(v -> v != null).distinct().count() > 1;
    }

    /** A CPython-only row as a Java row would name it: the method's way and worker parameters, its unit. */
    static JmhResult asJava(PythonRow row, List<JmhResult> java) {
        Optional<JmhResult> sibling = java.stream().filter(j -> j.method().equals(row.benchmark())).findFirst();
        Map<String, String> params = new TreeMap<>(CPython.workload(row));
        params.put(sibling.flatMap(SideBySide::wayParam).orElse("strategy"), row.strategy());
        params.put(sibling.flatMap(SideBySide::workerParam).orElse("workers"), row.workers());
        String prefix = sibling.map(JmhResult::benchmarkClass).orElse("cpython");
        return new JmhResult(prefix + "." + row.benchmark(), sibling.map(JmhResult::mode).orElse("avgt"), 1, params,
                Double.NaN, Double.NaN, sibling.map(JmhResult::unit).orElse("s/op"));
    }

    /** Seconds per operation in a JMH unit: {@code ms/op} and the like, or the reciprocal for {@code ops/s}. */
    static double inUnit(double seconds, String unit) {
        String[] parts = unit.split("/");
        if (parts.length != 2) {
            return Double.NaN;
        }
        if (parts[1].equals("op")) {
            return seconds / secondsPer(parts[0]);
        }
        if (parts[0].equals("ops")) {
            return secondsPer(parts[1]) / seconds;
        }
        return Double.NaN;
    }

    private static double secondsPer(String unit) {
        return switch (unit) {
            case "ns" -> 1e-9;
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            case "min" -> 60;
            default -> Double.NaN;
        };
    }

    /** The sentence above the table: where CPython's figures come from and why a ratio is or is not taken. */
    static String provenance(Table table, int item) {
        String script = "`benchmarks/python/item" + item + ".py`";
        Map<String, Object> run = table.pythonRun();
        return switch (table.pairing()) {
            case NO_SCRIPT -> "";
            case NOT_MEASURED -> "CPython: not measured on this machine (python3 was absent, or the script failed,"
                    + " when it was benchmarked).\n";
            case NOT_MEASURED_IN_RUN -> "CPython: not measured in this run: " + run.get("notMeasured") + ".\n";
            case UNSTAMPED -> "CPython " + table.pythonVersion() + " (" + script + ", the median of its runs) stands"
                    + " beside Java in Java's unit, but its figures carry no run id: they were recorded before `bench`"
                    + " stamped its runs, so nothing here proves they come from the same run as Java's, and no ratio"
                    + " is taken. `bench " + item + "` records both in one run.\n";
            case OTHER_RUN -> "CPython " + table.pythonVersion() + " (" + script + ") was recorded by another run ("
                    + run.get("date") + ") than Java's: no ratio is taken across runs. `bench " + item
                    + "` records both in one run.\n";
            case SAME_RUN -> String.format(Locale.ROOT, "CPython %s (%s, the median of its runs) was measured in the"
                    + " same run, right after Java, at %s; load average %.1f at its start, %.1f at its end. Java vs"
                    + " CPython: how many times faster (or slower) Java is, in the same unit.%n",
                    table.pythonVersion(), script, run.get("date"),
                    ((Number) run.getOrDefault("loadAverageAtStart", -1)).doubleValue(),
                    ((Number) run.getOrDefault("loadAverageAtEnd", -1)).doubleValue());
        };
    }

    /** The item's table in Markdown: every row of both sides. */
    static String markdown(Table table) {
        return markdown(table, line -> "");
    }

    /** The item's table in Markdown, each benchmark's name followed by {@code mark}'s text for its line. */
    static String markdown(Table table, Function<Line, String> mark) {
        List<Line> lines = table.lines();
        boolean python = lines.stream().anyMatch(l -> l.python().isPresent());
        List<String> paramNames = lines.stream().flatMap(l -> l.shown().params().keySet().stream())
                .distinct().sorted().toList();
        StringBuilder md = new StringBuilder("| Benchmark |");
        paramNames.forEach(p -> md.append(' ').append(p).append(" |"));
        md.append(python ? " Java | ± Error | CPython | Unit | Java vs CPython |" : " Score | ± Error | Unit |")
                .append(" Speedup | Ideal | Of ideal |").append(python ? " CPython speedup | CPython notes |" : "")
                .append("\n|---|");
        paramNames.forEach(p -> md.append("---|"));
        md.append(python ? "---:|---:|---:|---|---:|" : "---:|---:|---|").append("---:|---:|---:|")
                .append(python ? "---:|---|" : "").append('\n');
        for (Line line : lines) {
            JmhResult shown = line.shown();
            md.append("| ").append(shown.method()).append(mark.apply(line)).append(" |");
            paramNames.forEach(p -> md.append(' ').append(shown.params().getOrDefault(p, "")).append(" |"));
            Optional<Speedups.Row> java = line.java();
            md.append(' ').append(java.map(r -> Figures.fmt(r.result().score(), 3)).orElse("")).append(" | ")
                    .append(java.map(r -> Figures.fmt(r.result().error(), 3)).orElse("")).append(" | ");
            if (python) {
                md.append(Figures.fmt(line.pythonScore(), 3)).append(" | ");
            }
            md.append(shown.unit()).append(" | ");
            if (python) {
                md.append(verdict(line, table.pairing())).append(" | ");
            }
            md.append(java.map(r -> Figures.times(r.speedup())).orElse("")).append(" | ")
                    .append(java.map(r -> Figures.times(r.ideal())).orElse("")).append(" | ")
                    .append(java.map(r -> Figures.percent(r.ofIdeal())).orElse("")).append(" |");
            if (python) {
                md.append(' ').append(Figures.times(line.pythonSpeedup())).append(" | ")
                        .append(line.python().map(p -> notes(p, line.java())).orElse("")).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** CPython's result figures, and its worker count where a fixed Java setting was not compared with it. */
    private static String notes(PythonRow python, Optional<Speedups.Row> java) {
        String notes = CPython.notes(python);
        Optional<String> javaWorkers = java.flatMap(j -> workerParam(j.result()).map(j.result()::param));
        if (javaWorkers.isPresent() && !javaWorkers.get().equals(python.workers())) {
            notes = (notes.isEmpty() ? "" : notes + "; ") + "CPython's workers: " + python.workers();
        }
        return notes;
    }

    private static String verdict(Line line, Pairing pairing) {
        if (line.java().isEmpty()) {
            return "CPython only";
        }
        if (line.python().isEmpty()) {
            return "Java only";
        }
        return pairing == Pairing.SAME_RUN ? faster(line.javaOverPython()) : "";
    }

    /** What {@link #faster} says where the two figures round to one. */
    static final String AS_FAST = "as fast (1.00x)";

    /** {@code 3.20x faster} or {@code 2.50x slower}; {@value #AS_FAST} where the two round to one figure. */
    static String faster(double javaOverPython) {
        if (Double.isNaN(javaOverPython) || Double.isInfinite(javaOverPython) || javaOverPython <= 0) {
            return "";
        }
        if (String.format(Locale.ROOT, "%.2f", javaOverPython).equals("1.00")
                || String.format(Locale.ROOT, "%.2f", 1 / javaOverPython).equals("1.00")) {
            return AS_FAST;
        }
        return javaOverPython >= 1 ? String.format(Locale.ROOT, "%.2fx faster", javaOverPython)
                : String.format(Locale.ROOT, "%.2fx slower", 1 / javaOverPython);
    }

    /** The README's line for one item: how Java compares with CPython there, or why it cannot be said. */
    static String readmeLine(Table table, int item) {
        String head = "Item " + item + ": ";
        return switch (table.pairing()) {
            case NO_SCRIPT -> head + "no CPython script.";
            case NOT_MEASURED, NOT_MEASURED_IN_RUN -> head + "CPython not measured on this machine.";
            case UNSTAMPED, OTHER_RUN -> head + table.bothSides() + " rows measured by both; no ratio, as CPython's"
                    + " figures " + (table.pairing() == Pairing.UNSTAMPED ? "carry no run id" : "come from another run")
                    + " (`bench " + item + "` records both in one run).";
            case SAME_RUN -> {
                List<Double> ratios = table.compared().stream().map(Line::javaOverPython).sorted().toList();
                if (ratios.isEmpty()) {
                    yield head + "no row measured by both.";
                }
                double median = ratios.get(ratios.size() / 2);
                String compared = faster(median).equals(AS_FAST) ? "as fast as" : faster(median) + " than";
                yield head + "Java " + compared + " CPython at the median of " + ratios.size()
                        + " rows measured by both in one run (from " + faster(ratios.get(0)) + " to "
                        + faster(ratios.get(ratios.size() - 1)) + ").";
            }
        };
    }

    /** CPython's speedup points per chart key and strategy, by worker count, for the charts' second series. */
    static Map<String, Map<String, TreeMap<Integer, Double>>> chartPoints(Table table) {
        Map<String, Map<String, TreeMap<Integer, Double>>> points = new LinkedHashMap<>();
        for (Line line : table.lines()) {
            if (line.python().isEmpty() || Double.isNaN(line.pythonSpeedup())) {
                continue;
            }
            JmhResult shown = line.shown();
            String workers = line.python().get().workers();
            if (!workers.matches("\\d+") || shown.param("strategy") == null) {
                continue;
            }
            points.computeIfAbsent(Charts.chartKey(shown), k -> new TreeMap<>())
                    .computeIfAbsent("CPython " + line.python().get().strategy(), s -> new TreeMap<>())
                    .put(Integer.parseInt(workers), line.pythonSpeedup());
        }
        return points;
    }
}
