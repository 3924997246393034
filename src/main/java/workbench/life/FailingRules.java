package workbench.life;

import java.io.Serializable;

/**
 * The book's redefined functions that always raise {@code OSError(message)}: {@code count_neighbors} when
 * {@code inCountNeighbors}, else {@code game_logic}. Serialisable, so the failure can also happen in a worker JVM.
 */
record FailingRules(boolean inCountNeighbors, String message) implements Rules, Serializable {

    @Override
    public int countNeighbors(int y, int x, CellGetter get) {
        if (inCountNeighbors) {
            throw Rules.ioError(message);
        }
        return Life.countNeighbors(y, x, get);
    }

    @Override
    public char gameLogic(char state, int neighbors) {
        if (!inCountNeighbors) {
            throw Rules.ioError(message);
        }
        return Life.gameLogic(state, neighbors);
    }
}
