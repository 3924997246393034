package workbench.life;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import workbench.threads.SimulatedIo;

/**
 * The two per-cell functions a strategy calls, {@code count_neighbors} and {@code game_logic}, as one object so a
 * strategy can be handed the book's pure versions ({@link #BOOK}), versions that wait a simulated I/O latency
 * ({@link #withIo}, beyond the book: the book only marks where {@code my_socket.recv(100)} would go), or versions
 * that fail the way the book's redefined {@code game_logic} / {@code count_neighbors} do.
 *
 * <p>The book's {@code OSError} is a {@link IOException} here, thrown as an {@link UncheckedIOException} because
 * the functions are called through functional interfaces; an interrupt during simulated I/O ends it with an
 * {@link InterruptedIOException} and keeps the thread's interrupt flag set.
 *
 * <p>The rules made here ({@link #BOOK}, {@link #withIo}, the failing ones) are {@link java.io.Serializable}, so a
 * process pool's worker JVMs can apply them ({@link ProcessPoolRows}, the multi-process row of Items 56-59).
 */
public interface Rules {

    int countNeighbors(int y, int x, CellGetter get);

    char gameLogic(char state, int neighbors);

    /** The book's functions: no I/O. */
    Rules BOOK = new IoRules(Duration.ZERO, Duration.ZERO);

    /** Beyond the book: {@code gameLogic} waits {@code logicIo} per cell (where the book puts its recv). */
    static Rules withIo(Duration logicIo) {
        return withIo(Duration.ZERO, logicIo);
    }

    /** Beyond the book: each call waits its latency first, as if it did blocking I/O (Item 58's second stage). */
    static Rules withIo(Duration countIo, Duration logicIo) {
        return new IoRules(countIo, logicIo);
    }

    /** The book's broken {@code game_logic}: always raises {@code OSError(message)}. */
    static Rules gameLogicFails(String message) {
        return new FailingRules(false, message);
    }

    /** The book's broken {@code count_neighbors} (Item 58, Example 11): always raises {@code OSError(message)}. */
    static Rules countNeighborsFails(String message) {
        return new FailingRules(true, message);
    }

    /** The book's {@code OSError(message)}. */
    static UncheckedIOException ioError(String message) {
        return new UncheckedIOException(new IOException(message));
    }

    /** Waits {@code latency}, standing in for blocking I/O. */
    static void simulateIo(Duration latency) {
        if (!SimulatedIo.pause(latency)) {
            throw new UncheckedIOException(new InterruptedIOException("interrupted during simulated I/O"));
        }
    }
}
