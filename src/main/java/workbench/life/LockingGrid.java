package workbench.life;

import workbench.annotations.ThreadSafe;

/**
 * The book's {@code LockingGrid} (Item 57, Example 1; again in Items 58 and 59): a {@link Grid} whose
 * {@code get}, {@code set} and {@code toString} hold one lock, so many threads may read and write it.
 *
 * <p>Readers of the book asked (issues #120, #121) whether the lock is needed at all: threads only read the old
 * grid and only write distinct cells of the new one, and they are joined before the next generation. In Java,
 * too, the join (or {@code Future.get}) is what publishes the cells; the lock makes each access safe on its own and
 * keeps the code correct if that reasoning ever stops holding.
 */
@ThreadSafe
public final class LockingGrid extends Grid {

    private final Object lock = new Object();

    public LockingGrid(int height, int width) {
        super(height, width);
    }

    /** A locking copy of {@code grid}. */
    public static LockingGrid copyOf(Grid grid) {
        LockingGrid copy = new LockingGrid(grid.height(), grid.width());
        for (int y = 0; y < grid.height(); y++) {
            for (int x = 0; x < grid.width(); x++) {
                copy.set(y, x, grid.get(y, x));
            }
        }
        return copy;
    }

    @Override
    public char get(int y, int x) {
        synchronized (lock) {
            return super.get(y, x);
        }
    }

    @Override
    public void set(int y, int x, char state) {
        synchronized (lock) {
            super.set(y, x, state);
        }
    }

    @Override
    public Grid emptyLike() {
        return new LockingGrid(height(), width());
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return super.toString();
        }
    }
}
