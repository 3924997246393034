package workbench.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class NarratorTest {

    @Test
    void factsAreRecordedInOrderByKeyAndNeverPrinted() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Narrator out = new Narrator(new PrintStream(bytes, true, UTF_8));
        out.fact("agree", true);
        out.fact("count", 3);
        out.fact("agree", false);
        assertEquals(List.of(true, false), out.facts("agree"));
        assertEquals(List.of(3), out.facts("count"));
        assertEquals(List.of(), out.facts("absent"));
        assertEquals(List.of("agree", "count"), out.factKeys());
        assertEquals("", bytes.toString(UTF_8));
    }

    @Test
    void tookPrintsTheBooksLineAndReturnsTheValueAndItsTime() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Narrator out = new Narrator(new PrintStream(bytes, true, UTF_8));
        Narrator.Timed<String> timed = out.took(() -> {
            Thread.sleep(20);
            return "done";
        });
        double seconds = out.took(() -> Thread.sleep(20));
        assertEquals("done", timed.value());
        assertTrue(timed.seconds() >= 0.019 && seconds >= 0.019, "each step really slept");
        List<String> lines = bytes.toString(UTF_8).lines().toList();
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.stream().allMatch(l -> l.matches("Took \\d+\\.\\d{3} seconds")), lines.toString());
    }

    /** Each demo's verdict is recorded as it is printed, so a check reads figures, not prose. */
    @Test
    void aVerdictIsRecordedAsItIsWorded() {
        Narrator narrator = new Narrator(new PrintStream(new ByteArrayOutputStream(), true, UTF_8));
        String words = narrator.verdict("threads vs serial", 1.9, 2.0);
        assertEquals(Verdict.words(1.9, 2.0), words);
        assertEquals(List.of(new Verdict("threads vs serial", 1.9, 2.0)), narrator.verdicts());
    }

    @Test
    void theWaysTakeTurnsAndEachGivesItsMedianRun() throws Exception {
        List<String> order = new ArrayList<>();
        long[] sleeps = {100, 0, 400};
        int[] call = {0, 0};
        List<Narrator.Timed<Integer>> medians = Narrator.medians(3, List.of(
                () -> {
                    order.add("a");
                    Thread.sleep(sleeps[call[0]]);
                    return call[0]++;
                },
                () -> {
                    order.add("b");
                    return call[1]++;
                }));
        assertEquals(List.of("a", "b", "a", "b", "a", "b"), order, "the ways take turns");
        assertEquals(0, medians.get(0).value(), "the 100 ms run lies between the 0 ms and 400 ms ones");
        assertEquals(2, medians.size());
    }
}
