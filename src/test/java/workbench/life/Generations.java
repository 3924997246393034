package workbench.life;

import java.util.ArrayList;
import java.util.List;

/** What the property tests compare: the grids a simulation steps {@code start} to, one per generation. */
public final class Generations {

    private Generations() {
    }

    public static List<Grid> of(Simulation simulation, Grid start, int count) throws Exception {
        List<Grid> grids = new ArrayList<>();
        Grid grid = start;
        for (int i = 0; i < count; i++) {
            grid = simulation.step(grid);
            grids.add(grid);
        }
        return grids;
    }
}
