package workbench.life;

import java.io.Serializable;
import java.time.Duration;

/**
 * The book's functions, each call first waiting a simulated I/O latency ({@link Rules#BOOK} waits none): a record,
 * so it is immutable and serialisable and can cross to a process pool's workers.
 */
record IoRules(Duration countIo, Duration logicIo) implements Rules, Serializable {

    IoRules {
        if (countIo.isNegative() || logicIo.isNegative()) {
            throw new IllegalArgumentException("negative latency: " + countIo + ", " + logicIo);
        }
    }

    @Override
    public int countNeighbors(int y, int x, CellGetter get) {
        Rules.simulateIo(countIo);
        return Life.countNeighbors(y, x, get);
    }

    @Override
    public char gameLogic(char state, int neighbors) {
        Rules.simulateIo(logicIo);
        return Life.gameLogic(state, neighbors);
    }

    @Override
    public String toString() {
        if (countIo.isZero() && logicIo.isZero()) {
            return "book rules (no I/O)";
        }
        return "simulated I/O: count_neighbors " + countIo.toMillis() + " ms, game_logic " + logicIo.toMillis()
                + " ms per cell";
    }
}
