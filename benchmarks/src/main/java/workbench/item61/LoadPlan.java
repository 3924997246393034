package workbench.item61;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import workbench.bench.LoadOptions;

/**
 * Which points {@link Item61Load} measures and how long: the servers, the client counts, and per point the
 * warm-up and the measuring time.
 */
record LoadPlan(List<LoadTarget> targets, List<Integer> clients, Duration warmUp, Duration measure) {

    /** The client counts of a full run: one client, a few dozen, C1K and C10K. */
    static final List<Integer> CLIENTS = List.of(1, 64, 1_000, 10_000);
    /** The client counts of a quick look. */
    static final List<Integer> QUICK_CLIENTS = List.of(1, 64);

    LoadPlan {
        targets = List.copyOf(targets);
        clients = List.copyOf(clients);
    }

    /**
     * The plan the options ask for: the named styles (every one when none is named), the named client counts (else
     * {@link #CLIENTS}, or {@link #QUICK_CLIENTS} when quick), short rounds when quick.
     *
     * @throws IllegalArgumentException if a style is not a {@link LoadTarget}
     */
    static LoadPlan of(LoadOptions options) {
        List<LoadTarget> targets = options.styles().isEmpty() ? List.of(LoadTarget.values())
                : options.styles().stream().map(LoadPlan::target).toList();
        List<Integer> clients = !options.clients().isEmpty() ? options.clients()
                : options.quick() ? QUICK_CLIENTS : CLIENTS;
        return options.quick() ? new LoadPlan(targets, clients, Duration.ofMillis(200), Duration.ofMillis(500))
                : new LoadPlan(targets, clients, Duration.ofSeconds(1), Duration.ofSeconds(3));
    }

    private static LoadTarget target(String name) {
        try {
            return LoadTarget.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown style '" + name + "'");
        }
    }
}
