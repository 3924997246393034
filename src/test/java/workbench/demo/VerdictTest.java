package workbench.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import workbench.demo.Verdict.Kind;

/** The verdict's rules on fixed figures: what each figure is called follows from the figure alone. */
class VerdictTest {

    @Test
    void equalFiguresAreAboutTheSameNeverSlowerOrFaster() {
        assertEquals(Kind.ABOUT_SAME, Verdict.kind(1.0, Verdict.NO_IDEAL));
        assertEquals(Kind.ABOUT_SAME, Verdict.kind(0.995, Verdict.NO_IDEAL), "printed as 1.00x: not slower");
        assertEquals(Kind.ABOUT_SAME, Verdict.kind(0.95, 1.0), "the GIL model at 0.95x of serial");
        assertEquals(Kind.ABOUT_SAME, Verdict.kind(1.05, 2.0), "no parallelism shown");
        assertEquals(Kind.SLOWER, Verdict.kind(0.8, 1.0));
        assertEquals(Kind.FASTER, Verdict.kind(1.4, Verdict.NO_IDEAL));
    }

    @Test
    void aFigureAboveTheIdealIsNoiseNotNearIt() {
        assertEquals(Kind.ABOVE_IDEAL, Verdict.kind(2.30, 2.0), "the issue's 2.30x 'near the ideal 2.00x'");
        assertEquals(Kind.ABOVE_IDEAL, Verdict.kind(1.3, 1.0), "one thread at a time cannot beat serial");
        assertEquals(Kind.NEAR_IDEAL, Verdict.kind(2.15, 2.0), "within the 10 % a short run misses by");
        assertEquals(Kind.NEAR_IDEAL, Verdict.kind(1.7, 2.0));
        assertEquals(Kind.FASTER, Verdict.kind(1.4, 2.0), "faster, but short of the ideal");
    }

    @Test
    void noFigureIsNotMeasured() {
        assertEquals(Kind.NOT_MEASURED, Verdict.kind(Double.NaN, 2.0));
        assertEquals(Kind.NOT_MEASURED, Verdict.kind(0, 2.0));
        assertEquals(Kind.NOT_MEASURED, Verdict.kind(Double.POSITIVE_INFINITY, 2.0));
    }

    @Test
    void eachKindHasItsOwnWords() {
        Set<String> words = Stream.of(Double.NaN, 2.5, 1.0, 1.8, 1.4, 0.5).map(r -> Verdict.words(r, 2.0))
                .collect(Collectors.toSet());
        assertEquals(6, words.size(), words.toString());
        assertEquals(EnumSet.allOf(Kind.class), Stream.of(Double.NaN, 2.5, 1.0, 1.8, 1.4, 0.5)
                .map(r -> Verdict.kind(r, 2.0)).collect(Collectors.toCollection(() -> EnumSet.noneOf(Kind.class))));
        assertNotEquals(Verdict.words(1.0, Verdict.NO_IDEAL), Verdict.words(0.5, Verdict.NO_IDEAL));
    }

    @Test
    void theSideOfOneHasABandOfEquality() {
        assertEquals(0, Verdict.side(0.97));
        assertEquals(0, Verdict.side(1.08));
        assertEquals(1, Verdict.side(1.9));
        assertEquals(-1, Verdict.side(0.5));
    }
}
