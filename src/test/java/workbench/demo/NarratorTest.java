package workbench.demo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
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

    /** A claim of parallelism needs a speedup past half-way to the ideal, and none is made above the ideal. */
    @Test
    void theSpeedupVerdictFollowsTheNumbers() {
        String parallel = Narrator.speedupVerdict(1.8, 2.0);
        String none = Narrator.speedupVerdict(1.2, 2.0);
        String slowedSerial = Narrator.speedupVerdict(3.7, 2.0);
        assertNotEquals(parallel, none);
        assertNotEquals(parallel, slowedSerial);
        assertNotEquals(none, slowedSerial);
        assertNotEquals(Narrator.oneAtATimeVerdict(1.0), Narrator.oneAtATimeVerdict(3.5));
        assertNotEquals(Narrator.oneAtATimeVerdict(1.0), Narrator.oneAtATimeVerdict(0.4));
    }
}
