package workbench.pyrandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** getstate/setstate: a copy draws exactly what the original draws next, including mid-block. */
class PyRandomStateTest {

    @Test
    void aCopiedStateDrawsTheSameNumbersAsTheOriginal() {
        PyRandom original = new PyRandom(1234);
        for (int i = 0; i < 700; i++) {                 // past a full block of 624 words, into the next
            original.randint(1, 5);
        }
        PyRandom copy = new PyRandom(0);
        copy.setstate(original.getstate());
        for (int i = 0; i < 1000; i++) {
            assertEquals(original.randint(1, 1_000_000), copy.randint(1, 1_000_000), "draw " + i);
        }
    }

    @Test
    void aFreshlySeededStateGivesTheBooksFirstGuessAndABadStateIsRefused() {
        PyRandom copy = new PyRandom(0);
        copy.setstate(new PyRandom(1234).getstate());
        assertEquals(4, copy.randint(1, 5));            // Item 61's first guess after random.seed(1234)
        assertThrows(IllegalArgumentException.class, () -> copy.setstate(new int[3]));
    }
}
