package workbench.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code workbench load <item>} asks of an item's {@link LoadHarness}: which styles (none named: every style
 * the harness drives), which client counts (none named: the harness's own, fewer with {@code quick}), whether a
 * quick look ({@code quick}: short rounds, recorded as {@code load-itemNN-quick.json}) and the results folder, one
 * subfolder per machine.
 *
 * @param styles  style names as the harness spells them ({@link LoadHarness#styles()}), in the order given
 * @param clients client counts, each at least 1
 * @param quick   short rounds and, unless {@code clients} names some, the harness's small counts
 * @param results the results folder (its machine's subfolder is created)
 */
public record LoadOptions(List<String> styles, List<Integer> clients, boolean quick, Path results) {

    public LoadOptions {
        styles = List.copyOf(styles);
        clients = List.copyOf(clients);
        Objects.requireNonNull(results, "results");
        for (int count : clients) {
            if (count < 1) {
                throw new IllegalArgumentException("not a client count: " + count);
            }
        }
    }

    /** Every style at the harness's own client counts, recorded under {@code results}. */
    public static LoadOptions everything(Path results) {
        return new LoadOptions(List.of(), List.of(), false, results);
    }
}
