package workbench.life;

/**
 * The book's {@code SimulationError} (Item 58): the cell ({@code y}, {@code x}) whose computation failed, with the
 * worker's exception as its cause ({@code raise SimulationError(y, x) from exc}). Its message is the book's
 * {@code (y, x)}.
 */
public final class SimulationError extends Exception {

    private final int y;
    private final int x;

    public SimulationError(int y, int x, Throwable cause) {
        super("(" + y + ", " + x + ")", cause);
        this.y = y;
        this.x = x;
    }

    public int y() {
        return y;
    }

    public int x() {
        return x;
    }
}
