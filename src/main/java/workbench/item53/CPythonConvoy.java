package workbench.item53;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import workbench.bench.BenchRunner;
import workbench.bench.CPython;
import workbench.bench.Machine;
import workbench.notebook.Notebooks;

/**
 * CPython's convoy figures for the demo, read from this machine's recorded {@code python-item53.json} (written by
 * {@code benchmarks/python/item53.py}, see {@link CPython}), never typed in: the rows of benchmark {@code convoy},
 * strategy {@code ALONE} or {@code BESIDE_CPU}, one per switch interval.
 */
record CPythonConvoy(Path file, List<CPython.Row> rows, boolean thisMachine) {

    static final String BENCHMARK = "convoy";
    /** How to record them: only the convoy rows, into this machine's file (a few seconds). */
    static final String RECORD = "cd benchmarks/python && python3 item53.py convoy --into ../results/"
            + Machine.current().id() + "/python-item53.json";
    static final String NOT_RECORDED = "CPython's convoy is not recorded yet; record it on this machine with `"
            + RECORD + "` (or a full `java -jar target/workbench.jar bench 53`).";

    /**
     * This machine's recorded convoy rows, else the first other machine's that has some (its folder name says which
     * machine); empty when none has any.
     */
    static Optional<CPythonConvoy> recorded() {
        Path root = Notebooks.projectRoot();
        Path results = root.resolve(BenchRunner.DEFAULT_RESULTS);
        Optional<CPythonConvoy> here = read(results.resolve(Machine.current().id()), root);
        if (here.isPresent() || !Files.isDirectory(results)) {
            return here;
        }
        try (Stream<Path> dirs = Files.list(results)) {
            return dirs.filter(Files::isDirectory).sorted().map(dir -> read(dir, root))
                    .flatMap(Optional::stream).findFirst()
                    .map(other -> new CPythonConvoy(other.file(), other.rows(), false));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The convoy rows recorded in {@code machineDir}, named relative to {@code root}; empty when there are none. */
    static Optional<CPythonConvoy> read(Path machineDir, Path root) {
        try {
            Path file = root.relativize(CPython.resultFile(machineDir, 53));
            return CPython.read(machineDir, 53)
                    .map(rows -> rows.stream().filter(r -> r.benchmark().equals(BENCHMARK)).toList())
                    .filter(rows -> !rows.isEmpty())
                    .map(rows -> new CPythonConvoy(file, rows, true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // an unreadable file counts as not recorded; `workbench report` names it
        }
    }

    /** CPython's row for a setup (none for {@link Convoy.Setup#NO_GIL}: CPython has its GIL), as a line. */
    Optional<String> row(Convoy.Setup setup) {
        if (setup.switchInterval().isEmpty()) {
            return Optional.empty();
        }
        String strategy = setup.cpuThread() ? "BESIDE_CPU" : "ALONE";
        double interval = setup.switchInterval().get().toNanos() / 1e9;
        return rows.stream()
                .filter(r -> r.strategy().equals(strategy))
                .filter(r -> Math.abs(number(r, "switchInterval") - interval) < 1e-9)
                .findFirst()
                .map(r -> String.format(Locale.ROOT, "Took %.3f seconds (median of %s runs), median round trip %s",
                        r.seconds(), r.extra().getOrDefault("count", "?"),
                        Convoy.time(Duration.ofNanos(Math.round(number(r, "medianRoundTrip") * 1e9)))));
    }

    /** Where the figures come from: file, CPython version, when and at what load they were recorded. */
    String provenance() {
        CPython.Row first = rows.get(0);
        String load = first.extra().get("loadAverage");
        return file.toString().replace('\\', '/') + (thisMachine ? "" : " (another machine)")
                + ", CPython " + first.extra().getOrDefault("python", "?")
                + " on " + first.extra().getOrDefault("cores", "?") + " cores"
                + (first.extra().containsKey("date") ? ", recorded " + first.extra().get("date") : "")
                + (load != null ? String.format(Locale.ROOT, " at load average %.2f", Double.parseDouble(load))
                        : "");
    }

    private static double number(CPython.Row row, String key) {
        String value = row.extra().get(key);
        return value == null ? Double.NaN : Double.parseDouble(value);
    }
}
