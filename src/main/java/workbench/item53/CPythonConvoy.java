package workbench.item53;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import workbench.results.PythonResults;
import workbench.results.PythonRow;
import workbench.results.Quietness;
import workbench.results.ResultsRoot;
import workbench.results.Sidecar;
import workbench.results.ThisMachine;

/**
 * CPython's convoy figures for the demo, read from this machine's recorded {@code python-item53.json} (written by
 * {@code benchmarks/python/item53.py}), never typed in: the rows of benchmark {@code convoy}, one per {@link
 * Convoy.Setup} with a GIL (its strategy the setup's name and its switch interval the setup's), and their run's
 * sidecar. A row recorded on a busy machine
 * ({@link Quietness}) is withheld: there the woken threads race differently and the convoy fades, so its figure is
 * not CPython's behaviour.
 */
record CPythonConvoy(Path file, List<PythonRow> rows, Sidecar sidecar, boolean thisMachine) {

    static final String BENCHMARK = "convoy";
    /** How to record them: only the convoy rows, into this machine's file (a few seconds). */
    static final String RECORD = "cd benchmarks/python && python3 item53.py convoy --into ../results/"
            + ThisMachine.folderName() + "/python-item53.json";
    static final String NOT_RECORDED = "CPython's convoy is not recorded yet; record it on this machine with `"
            + RECORD + "` (or a full `java -jar target/workbench.jar bench 53`).";

    /**
     * This machine's recorded convoy rows, else the first other machine's that has some (its folder name says which
     * machine); empty when none has any.
     */
    static Optional<CPythonConvoy> recorded() {
        Path root = ResultsRoot.projectRoot();
        Path results = root.resolve(ResultsRoot.DEFAULT);
        Optional<CPythonConvoy> here = read(results.resolve(ThisMachine.folderName()), root);
        if (here.isPresent()) {
            return here;
        }
        try {
            return ResultsRoot.machineFolders(results).stream().map(dir -> read(dir, root))
                    .flatMap(Optional::stream).findFirst()
                    .map(other -> new CPythonConvoy(other.file(), other.rows(), other.sidecar(), false));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The convoy rows recorded in {@code machineDir}, named relative to {@code root}; empty when there are none. */
    static Optional<CPythonConvoy> read(Path machineDir, Path root) {
        try {
            Path file = root.relativize(PythonResults.resultFile(machineDir, 53));
            Sidecar sidecar = Sidecar.readIfAny(PythonResults.sidecarFile(machineDir, 53));
            return PythonResults.read(machineDir, 53)
                    .map(rows -> rows.stream().filter(r -> r.benchmark().equals(BENCHMARK)).toList())
                    .filter(rows -> !rows.isEmpty())
                    .map(rows -> new CPythonConvoy(file, rows, sidecar, true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // an unreadable file counts as not recorded; `workbench report` names it
        }
    }

    /** CPython's row for a setup, recorded or not (none for {@link Convoy.Setup#NO_GIL}: CPython has its GIL). */
    Optional<PythonRow> row(Convoy.Setup setup) {
        if (setup.switchInterval().isEmpty()) {
            return Optional.empty();
        }
        // Recordings before the strategies took the setups' names called every setup beside the CPU "BESIDE_CPU".
        String older = setup.cpuThread() ? "BESIDE_CPU" : "ALONE";
        double interval = setup.switchInterval().get().toNanos() / 1e9;
        return rows.stream()
                .filter(r -> r.strategy().equals(setup.param()) || r.strategy().equals(older))
                .filter(r -> Math.abs(r.number("switchInterval") - interval) < 1e-9)
                .findFirst();
    }

    /** CPython's figure for a setup as a line, only where it was recorded on a quiet machine. */
    Optional<String> quietRow(Convoy.Setup setup) {
        return row(setup).filter(r -> Quietness.of(r, sidecar).quiet())
                .map(r -> String.format(Locale.ROOT, "Took %.3f seconds (median of %s runs), median round trip %s",
                        r.seconds(), r.extra().getOrDefault("count", "?"),
                        ConvoyDemo.time(Duration.ofNanos(Math.round(r.number("medianRoundTrip") * 1e9)))));
    }

    /**
     * CPython's quiet figure for a setup beside the model's time for it: {@code CPython: Took ... ; the model took
     * 0.86x CPython's time.}
     */
    Optional<String> quietComparison(Convoy.Setup setup, double modelSeconds) {
        return quietRow(setup).map(line -> String.format(Locale.ROOT, "CPython: %s; the model took %.2fx CPython's"
                + " time.", line, modelSeconds / row(setup).orElseThrow().seconds()));
    }

    /** The first busy verdict among the rows, if any was recorded on a busy machine. */
    Optional<Quietness.Verdict> busy() {
        return rows.stream().map(r -> Quietness.of(r, sidecar)).filter(v -> !v.quiet()).findFirst();
    }

    /**
     * The demo's line on CPython's figures: where they come from, and, where a row was recorded on a busy machine,
     * that it is withheld and how to record it again.
     */
    String source() {
        String busy = busy().map(v -> "CPython's convoy figure was recorded on a busy machine (" + v.evidence()
                + "), so it is not shown; re-record it with `java -jar target/workbench.jar bench 53` on a quiet"
                + " machine (or `" + RECORD + "`). ").orElse("");
        return busy + "CPython's figures: " + provenance() + ". Its echo, like the model's, replies at once and"
                + " races the woken CPU thread for the GIL: on a busy machine the race goes otherwise and the effect"
                + " fades.";
    }

    /** Where the figures come from: file, CPython version, when and at what load they were recorded. */
    String provenance() {
        PythonRow first = rows.get(0);
        String load = first.extra().get("loadAverage");
        return file.toString().replace('\\', '/') + (thisMachine ? "" : " (another machine)")
                + ", CPython " + first.extra().getOrDefault("python", "?")
                + " on " + first.extra().getOrDefault("cores", "?") + " cores"
                + (first.extra().containsKey("date") ? ", recorded " + first.extra().get("date") : "")
                + (load != null ? String.format(Locale.ROOT, " at load average %.2f", Double.parseDouble(load))
                        : "");
    }
}
