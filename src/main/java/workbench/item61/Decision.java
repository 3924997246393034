package workbench.item61;

import java.util.Optional;

/**
 * The client's verdict on a guess, as it travels in {@code REPORT <decision>}: the book's constants
 * {@code WARMER}, {@code COLDER}, {@code UNSURE} and {@code CORRECT}. {@link #toString} is the wire word, so a
 * decision prints as the book prints it ({@code Client: 4 is Unsure}). The 2nd edition has no {@code SAME}: a
 * guess as far from the secret as the previous one is {@link #UNSURE} (the 3rd edition adds {@code Same}).
 */
public enum Decision {
    WARMER("Warmer"),
    COLDER("Colder"),
    UNSURE("Unsure"),
    CORRECT("Correct");

    private final String word;

    Decision(String word) {
        this.word = word;
    }

    /** The word on the wire and in the printed lines. */
    public String word() {
        return word;
    }

    /** The decision whose wire word is exactly {@code word} (case matters, as in the book's comparisons). */
    public static Optional<Decision> parse(String word) {
        for (Decision decision : values()) {
            if (decision.word.equals(word)) {
                return Optional.of(decision);
            }
        }
        return Optional.empty();
    }

    /**
     * The book's {@code report_outcome} rule: distance 0 is {@link #CORRECT}; with no previous distance,
     * {@link #UNSURE}; closer than before {@link #WARMER}; farther {@link #COLDER}; as far as before, still
     * {@link #UNSURE}.
     *
     * @param lastDistance the previous guess's distance, or {@code null} for the first guess of a session
     */
    public static Decision judge(long newDistance, Long lastDistance) {
        if (newDistance == 0) {
            return CORRECT;
        }
        if (lastDistance == null) {
            return UNSURE;
        }
        if (newDistance < lastDistance) {
            return WARMER;
        }
        if (newDistance > lastDistance) {
            return COLDER;
        }
        return UNSURE;
    }

    @Override
    public String toString() {
        return word;
    }
}
