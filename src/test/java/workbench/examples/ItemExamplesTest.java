package workbench.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import workbench.Catalog;
import workbench.parallel.Strategy;
import workbench.testing.NoLeaks;

/**
 * Every item of the catalogue declares its comparing examples ({@code workbench.itemNN.ItemNNExamples}), and each
 * declaration is well formed ({@link #problems}); the slow test runs every way of every example once, plainly.
 */
class ItemExamplesTest {

    @Test
    void everyItemDeclaresWellFormedExamples() {
        for (Catalog.Item item : Catalog.items()) {
            assertEquals(List.of(), problems(item.number(), item.examples()), item.label());
        }
    }

    /**
     * What is wrong with {@code declared} as item {@code number}'s declaration: no example, an example of another
     * item, two examples of one name, a benchmark-less example that does not say why.
     */
    static List<String> problems(int number, ItemExamples declared) {
        List<String> problems = new ArrayList<>();
        List<Example<?>> examples = declared.examples();
        if (examples.isEmpty()) {
            problems.add("Item " + number + " declares no example");
        }
        Set<String> names = new HashSet<>();
        for (Example<?> example : examples) {
            if (example.item() != number) {
                problems.add(example.name() + " says it is Item " + example.item() + "'s, declared by Item " + number);
            }
            if (!names.add(example.name())) {
                problems.add("two examples named " + example.name());
            }
            if (!example.benchmark().measured() && example.benchmark().whyNone().isBlank()) {
                problems.add(example.name() + " names no benchmark and does not say why");
            }
        }
        return problems;
    }

    @Test
    void aDeclarationThatBreaksTheRulesIsCaught() {
        Example<Strategy> gcd = Example.of(64, "gcd", "t", List.of(Strategy.SEQUENTIAL), (way, ctx) -> { },
                Example.Benchmark.method("gcd"));
        assertEquals(List.of(), problems(64, () -> List.of(gcd)));
        assertEquals(1, problems(64, List::of).size());
        assertEquals(1, problems(64, () -> List.of(gcd, gcd)).size());
        assertEquals(1, problems(53, () -> List.of(gcd)).size());
        assertThrows(IllegalArgumentException.class, () -> Example.of(64, "Gcd Pairs", "t",
                List.of(Strategy.SEQUENTIAL), (way, ctx) -> { }, Example.Benchmark.method("gcd")));
        assertThrows(IllegalArgumentException.class, () -> gcd.withWays(List.of(Strategy.THREADS, Strategy.THREADS)));
        assertThrows(IllegalArgumentException.class, () -> new Example.Benchmark(null, null, null));
    }

    @Test
    void aRunIsNamedByItemExampleAndWaySlugAndHandsItsContextForward() throws Exception {
        List<RunContext> seen = new ArrayList<>();
        Example<Strategy> example = Example.of(64, "gcd", "t", List.of(Strategy.SEQUENTIAL, Strategy.GIL_THREADS),
                (way, ctx) -> seen.add(ctx), Example.Benchmark.none("a test"));
        List<Example.Run> runs = example.runs();
        assertEquals(List.of("timeline-64-gcd-sequential", "timeline-64-gcd-gil-threads"),
                runs.stream().map(Example.Run::stem).toList());
        RunContext ctx = new RunContext(List.of("-Dx=1"));
        runs.get(1).task().run(ctx);
        assertEquals(List.of(ctx), seen);
    }

    @Test
    void theRunsOfAnItemAreItsExamplesWaysInDeclarationOrder() {
        List<Example.Run> runs = Catalog.require(53).examples().runs();
        List<String> stems = runs.stream().map(Example.Run::stem).toList();
        assertEquals("timeline-53-factorize-sequential", stems.get(0));
        assertTrue(stems.contains("timeline-53-factorize-gil-threads") && stems.contains("timeline-53-convoy-beside-cpu"),
                stems.toString());
        assertEquals(stems.size(), new HashSet<>(stems).size(), "distinct files");
    }

    /** Every way of every example, run once with no recording: the declaration runs, and leaves nothing behind. */
    @Test
    @Tag("slow")
    void everyWayOfEveryExampleRunsOnce() throws Throwable {
        int ran = 0;
        for (Catalog.Item item : Catalog.items()) {
            for (Example.Run run : item.examples().runs()) {
                NoLeaks.check(() -> run.task().run(RunContext.PLAIN));
                ran++;
            }
        }
        assertFalse(ran < Catalog.items().size());
    }
}
