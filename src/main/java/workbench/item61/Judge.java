package workbench.item61;

import workbench.annotations.NotThreadSafe;

/**
 * The client's half of a game: it knows the secret and remembers how far the last guess was, which is all
 * {@code report_outcome} needs. The blocking {@link BlockingClient} and the event-loop {@link AsyncClient} both
 * judge with it (the book's {@code Client} and {@code AsyncClient} repeat this code; here it exists once). One
 * judge per session, so leaving a session clears it, as the book's {@code _clear_state} does.
 */
@NotThreadSafe
final class Judge {

    private final int secret;
    private Long lastDistance;

    Judge(int secret) {
        this.secret = secret;
    }

    /** The decision on {@code number}, remembered as the new last distance. */
    Decision judge(int number) {
        long newDistance = Math.abs((long) number - secret);
        Decision decision = Decision.judge(newDistance, lastDistance);
        lastDistance = newDistance;
        return decision;
    }

    /** Whether the last guess was the secret: {@code request_numbers} stops asking then. */
    boolean solved() {
        return lastDistance != null && lastDistance == 0;
    }
}
