package workbench.life;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The book's own checks of Item 56 (Examples 4-6), ported: {@code count_neighbors} with a fake getter that records
 * what it was asked, {@code game_logic} in all ten cases, and {@code step_cell} with fake get and set functions.
 * Each method throws {@link AssertionError} when a check fails (never Java's {@code assert}, which is off by
 * default). Item 56's demo runs them; so does the unit test.
 */
public final class BookChecks {

    private BookChecks() {
    }

    /** Example 4. Returns the positions queried, in the order queried. */
    public static List<List<Integer>> countNeighbors() {
        Set<List<Integer>> alive = Set.of(List.of(9, 5), List.of(9, 6));
        List<List<Integer>> seen = new ArrayList<>();
        int count = Life.countNeighbors(10, 5, (y, x) -> {
            seen.add(List.of(y, x));
            return alive.contains(List.of(y, x)) ? Life.ALIVE : Life.EMPTY;
        });
        check(count == 2, "count_neighbors(10, 5) should be 2, got " + count);
        Set<List<Integer>> expectedSeen = Set.of(List.of(9, 5), List.of(9, 6), List.of(10, 6), List.of(11, 6),
                List.of(11, 5), List.of(11, 4), List.of(10, 4), List.of(9, 4));
        check(new HashSet<>(seen).equals(expectedSeen) && seen.size() == 8, "queried " + seen);
        return seen;
    }

    /** Example 5: the ten cases. */
    public static void gameLogic() {
        char[] expectedAlive = {Life.EMPTY, Life.EMPTY, Life.ALIVE, Life.ALIVE, Life.EMPTY};
        char[] expectedEmpty = {Life.EMPTY, Life.EMPTY, Life.EMPTY, Life.ALIVE, Life.EMPTY};
        for (int neighbors = 0; neighbors <= 4; neighbors++) {
            check(Life.gameLogic(Life.ALIVE, neighbors) == expectedAlive[neighbors], "ALIVE with " + neighbors);
            check(Life.gameLogic(Life.EMPTY, neighbors) == expectedEmpty[neighbors], "EMPTY with " + neighbors);
        }
    }

    /** Example 6: stay alive, stay dead, regenerate. */
    public static void stepCell() {
        Set<List<Integer>> alive = new HashSet<>(Set.of(List.of(10, 5), List.of(9, 5), List.of(9, 6)));
        char[] newState = {0};
        CellGetter fakeGet = (y, x) -> alive.contains(List.of(y, x)) ? Life.ALIVE : Life.EMPTY;
        CellSetter fakeSet = (y, x, state) -> newState[0] = state;

        Life.stepCell(10, 5, fakeGet, fakeSet);
        check(newState[0] == Life.ALIVE, "stay alive");

        alive.remove(List.of(10, 5));
        Life.stepCell(10, 5, fakeGet, fakeSet);
        check(newState[0] == Life.EMPTY, "stay dead");

        alive.add(List.of(10, 6));
        Life.stepCell(10, 5, fakeGet, fakeSet);
        check(newState[0] == Life.ALIVE, "regenerate");
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError("book check failed: " + what);
        }
    }
}
