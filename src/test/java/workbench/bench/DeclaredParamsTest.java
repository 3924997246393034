package workbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import workbench.Catalog;
import workbench.examples.Example;
import workbench.examples.Way;
import workbench.item64.Item64;
import workbench.parallel.Strategy;

/**
 * Every declared example agrees with its benchmark's {@code @Param} in JMH's generated list, and the check fails
 * both ways: a way without its {@code @Param} value, a value without its way. The two recipes of CONTRIBUTING.md
 * that touch a declaration are followed here once: (a) a strategy added to Item 64, (b) an example added to an item.
 */
class DeclaredParamsTest {

    private static List<Example<?>> declared() {
        List<Example<?>> all = new ArrayList<>();
        Catalog.items().forEach(item -> all.addAll(item.examples().examples()));
        return all;
    }

    @Test
    void everyDeclaredExampleListsExactlyItsBenchmarksParams() throws Exception {
        List<Example<?>> declared = declared();
        assertEquals(List.of(), DeclaredParams.mismatches(declared, DeclaredParams.listed()));
        long measured = declared.stream().filter(e -> e.benchmark().measured()).count();
        assertTrue(measured >= 10, "most examples name their benchmark: " + measured);
    }

    @Test
    void aParamWithoutItsWayFails() throws Exception {
        Example<?> gcd = example(64, "gcd");
        @SuppressWarnings("unchecked")
        Example<Strategy> fewer = ((Example<Strategy>) gcd).withWays(List.of(Strategy.SEQUENTIAL, Strategy.THREADS,
                Strategy.GIL_THREADS, Strategy.PROCESSES));
        List<String> mismatches = DeclaredParams.mismatches(List.of(fewer), DeclaredParams.listed());
        assertEquals(1, mismatches.size(), mismatches.toString());
        assertTrue(mismatches.get(0).contains("FORK_JOIN"), mismatches.get(0));
    }

    /** Item 64's strategies with one more, as a contributor would add it to {@link Strategy} (recipe a). */
    enum Item64WithOneMore implements Way {
        SEQUENTIAL, THREADS, GIL_THREADS, PROCESSES, FORK_JOIN, VIRTUAL_THREADS
    }

    @Test
    void recipeA_aStrategyAddedWithoutItsParamFailsAndWithItPasses() throws Exception {
        Example<Item64WithOneMore> gcd = Example.of(64, "gcd", "the ten gcd pairs",
                List.of(Item64WithOneMore.values()),
                (way, ctx) -> Strategy.SEQUENTIAL.map(Item64::gcd, Item64.NUMBERS, 1, ctx),
                Example.Benchmark.method("gcd"));
        Map<String, Map<String, List<String>>> listed = DeclaredParams.listed();
        List<String> mismatches = DeclaredParams.mismatches(List.of(gcd), listed);
        assertEquals(1, mismatches.size(), mismatches.toString());
        assertTrue(mismatches.get(0).contains("VIRTUAL_THREADS"), mismatches.get(0));

        // The recipe's second step: the @Param string beside the others.
        Map<String, Map<String, List<String>>> withParam = withValue(listed, "workbench.item64.Item64Benchmark.gcd",
                "strategy", "VIRTUAL_THREADS");
        assertEquals(List.of(), DeclaredParams.mismatches(List.of(gcd), withParam));
        assertEquals(1, DeclaredParams.mismatches(List.of(example(64, "gcd")), withParam).size(),
                "and the @Param without the strategy fails");
    }

    /** A way an example of Item 53 might compare (recipe b). */
    enum Sieve implements Way {
        SEQUENTIAL, THREADS
    }

    @Test
    void recipeB_anExampleNamingABenchmarkThatDoesNotListItFailsAndOneThatDoesPasses() throws Exception {
        Example<Sieve> sieve = Example.of(53, "sieve", "the primes below 10,000", List.of(Sieve.values()),
                (way, ctx) -> { }, Example.Benchmark.method("sieve"));
        Map<String, Map<String, List<String>>> listed = DeclaredParams.listed();
        List<String> mismatches = DeclaredParams.mismatches(List.of(sieve), listed);
        assertEquals(1, mismatches.size(), mismatches.toString());
        assertTrue(mismatches.get(0).contains("workbench.item53.Item53Benchmark.sieve"), mismatches.get(0));

        Map<String, Map<String, List<String>>> withBenchmark = new HashMap<>(listed);
        withBenchmark.put("workbench.item53.Item53Benchmark.sieve", Map.of("strategy", List.of("SEQUENTIAL")));
        mismatches = DeclaredParams.mismatches(List.of(sieve), withBenchmark);
        assertEquals(1, mismatches.size(), "THREADS has no @Param value yet: " + mismatches);
        withBenchmark = withValue(withBenchmark, "workbench.item53.Item53Benchmark.sieve", "strategy", "THREADS");
        assertEquals(List.of(), DeclaredParams.mismatches(List.of(sieve), withBenchmark));
        assertEquals(List.of("timeline-53-sieve-sequential", "timeline-53-sieve-threads"),
                sieve.runs().stream().map(Example.Run::stem).toList());

        Example<Sieve> unmeasured = Example.of(53, "sieve", "t", List.of(Sieve.values()), (way, ctx) -> { },
                Example.Benchmark.none("no benchmark measures the sieve yet"));
        assertEquals(List.of(), DeclaredParams.mismatches(List.of(unmeasured), listed));
    }

    @Test
    void aParamTheBenchmarkDoesNotHaveFails() throws Exception {
        Example<Strategy> gcd = Example.of(64, "gcd", "t", List.of(Strategy.values()), (way, ctx) -> { },
                Example.Benchmark.method("gcd", "style"));
        List<String> mismatches = DeclaredParams.mismatches(List.of(gcd), DeclaredParams.listed());
        assertEquals(1, mismatches.size(), mismatches.toString());
        assertTrue(mismatches.get(0).contains("no @Param style"), mismatches.get(0));
    }

    private static Example<?> example(int item, String name) {
        return Catalog.require(item).examples().examples().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow();
    }

    private static Map<String, Map<String, List<String>>> withValue(Map<String, Map<String, List<String>>> listed,
            String benchmark, String param, String value) {
        Map<String, Map<String, List<String>>> copy = new HashMap<>(listed);
        Map<String, List<String>> params = new HashMap<>(copy.get(benchmark));
        List<String> values = new ArrayList<>(params.get(param));
        values.add(value);
        params.put(param, values);
        copy.put(benchmark, params);
        return copy;
    }
}
