package workbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import workbench.demo.Verdict;
import workbench.item53.Item53;
import workbench.item55.Item55;
import workbench.results.JmhResult;

/** The figure check's logic on fixed figures: never a timing measured here. */
class FigureCheckTest {

    @Test
    void aDemoFigureAgreesOnTheSameSideOfOneWithinTheFactor() {
        assertTrue(FigureCheck.agrees(1.9, 1.93));
        assertTrue(FigureCheck.agrees(2.3, 1.93), "above the ideal, but the same story");
        assertFalse(FigureCheck.agrees(0.07, 0.97), "the issue's cold GIL-model run: 0.07x against 0.97x");
        assertFalse(FigureCheck.agrees(4.5, 1.93), "more than a factor of 2 apart");
        assertTrue(FigureCheck.agrees(1.05, 0.97), "both about the same");
        assertTrue(FigureCheck.agrees(0.85, 0.97), "slower, but within reach of 'about the same'");
        assertFalse(FigureCheck.agrees(0.7, 0.97));
        assertFalse(FigureCheck.agrees(0.6, 3.5), "Item 55's cold run: polling used less CPU, the benchmark more");
        assertFalse(FigureCheck.agrees(Double.NaN, 1.0));
    }

    @Test
    void theBenchmarkRatioComesFromItsTwoRows() {
        List<JmhResult> rows = List.of(
                row("workbench.item53.Item53Benchmark.factorize", Map.of("strategy", "SEQUENTIAL", "workers", "1"),
                        200, Map.of()),
                row("workbench.item53.Item53Benchmark.factorize", Map.of("strategy", "THREADS", "workers", "4"),
                        100, Map.of()),
                row("workbench.item55.Item55Benchmark.coordination", Map.of("coordination", "POLLING"), 100,
                        Map.of("workerCpuMicros", 3000.0, "runs", 30.0)),
                row("workbench.item55.Item55Benchmark.coordination", Map.of("coordination", "BLOCKING"), 1,
                        Map.of("workerCpuMicros", 40000.0, "runs", 1000.0)));
        assertEquals(2.0, FigureCheck.ratio(comparison(53, Item53.FACTORIZE_THREADS), rows).orElseThrow(), 1e-9);
        assertEquals(2.5, FigureCheck.ratio(comparison(55, Item55.WORKER_CPU), rows).orElseThrow(), 1e-9,
                "100 µs a run polling over 40 µs blocking");
        assertTrue(FigureCheck.ratio(comparison(53, Item53.FACTORIZE_GIL), rows).isEmpty(), "no GIL row");
    }

    @Test
    void eachItemSaysWhatAgreedWhatDidNotAndWhatCouldNotBeChecked() {
        FigureCheck.Benchmarked threads = new FigureCheck.Benchmarked(1.9, "m", "2026-12-03");
        FigureCheck.Benchmarked gil = new FigureCheck.Benchmarked(0.97, "m", "2026-12-03");
        List<List<Verdict>> runs = List.of(
                List.of(new Verdict(Item53.FACTORIZE_THREADS, 1.8, 2), new Verdict(Item53.FACTORIZE_GIL, 0.07, 1),
                        new Verdict("something new", 1.0, Verdict.NO_IDEAL)),
                List.of(new Verdict(Item53.FACTORIZE_THREADS, 1.95, 2), new Verdict(Item53.FACTORIZE_GIL, 0.98, 1)));
        List<FigureCheck.Outcome> outcomes = FigureCheck.judge(53, runs, name -> name.equals(Item53.FACTORIZE_THREADS)
                ? Optional.of(threads) : name.equals(Item53.FACTORIZE_GIL) ? Optional.of(gil) : Optional.empty());
        FigureCheck.Outcome agreed = find(outcomes, Item53.FACTORIZE_THREADS);
        assertEquals(List.of(1.8, 1.95), agreed.demo());
        assertFalse(agreed.contradicts());
        FigureCheck.Outcome contradicted = find(outcomes, Item53.FACTORIZE_GIL);
        assertEquals(List.of(false, true), contradicted.agreed(), "the cold run disagrees, the warm one agrees");
        assertTrue(contradicted.contradicts());
        assertTrue(find(outcomes, "something new").contradicts(), "a verdict the table lacks is not checked");
        FigureCheck.Outcome notPrinted = find(outcomes, Item53.FACTORIZE_THREADS_3RD);
        assertTrue(notPrinted.demo().isEmpty());
        assertTrue(notPrinted.contradicts(), "the table names it, the demo printed none");
    }

    @Test
    void everyComparisonInTheTableHasItsRowsInTheRecordedResults() throws Exception {
        List<String> missing = new ArrayList<>();
        for (FigureCheck.Comparison comparison : FigureCheck.TABLE) {
            if (FigureCheck.benchmarked(Path.of("benchmarks/results"), comparison, Optional.of("2cpu-intel-xeon"))
                    .isEmpty()) {
                missing.add(comparison.item() + ": " + comparison.name());
            }
        }
        assertEquals(List.of(), missing);
    }

    private static FigureCheck.Comparison comparison(int item, String name) {
        return FigureCheck.comparison(item, name).orElseThrow();
    }

    private static FigureCheck.Outcome find(List<FigureCheck.Outcome> outcomes, String name) {
        return outcomes.stream().filter(o -> o.comparison().equals(name)).findFirst().orElseThrow();
    }

    private static JmhResult row(String benchmark, Map<String, String> params, double score,
                                 Map<String, Double> secondary) {
        return new JmhResult(benchmark, "avgt", 1, params, score, Double.NaN, "ms/op", secondary);
    }
}
