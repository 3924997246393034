package workbench.life;

import workbench.annotations.ThreadSafe;

/**
 * Rules that can be swapped while workers use them: the Java stand-in for the book redefining the module-level
 * {@code game_logic} between examples, which running threads then pick up. Items 57-59 break and restore the
 * game logic this way.
 */
@ThreadSafe
public final class SwitchableRules implements Rules {

    private volatile Rules current;

    public SwitchableRules(Rules initial) {
        this.current = initial;
    }

    public void set(Rules rules) {
        this.current = rules;
    }

    @Override
    public int countNeighbors(int y, int x, CellGetter get) {
        return current.countNeighbors(y, x, get);
    }

    @Override
    public char gameLogic(char state, int neighbors) {
        return current.gameLogic(state, neighbors);
    }

    @Override
    public String toString() {
        return current.toString();
    }
}
