package workbench.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import workbench.Catalog;
import workbench.results.ResultsRoot;

/**
 * Runs an item's JMH benchmark through JMH's {@link Runner} and records its JSON with a machine sidecar under
 * {@code benchmarks/results/<machine-id>/}. The benchmark class's own annotations set the full profile; the
 * quick profile overrides them with one fork and short iterations, for a look in minutes rather than a result
 * to publish. A full run then measures CPython on the same workload where the item has a script under
 * {@code benchmarks/python/} ({@link CPython}); both sidecars carry the same run id, date and load averages, and
 * where {@code python3} is absent the CPython sidecar says so. Each row records what other processes took of the
 * CPU while it ran ({@link OtherProcesses}): Java's in the sidecar, CPython's beside each of its rows.
 */
public final class BenchRunner {

    /** How hard to measure. */
    public enum Profile {
        /** The benchmark's own {@code @Fork}, {@code @Warmup} and {@code @Measurement}. */
        FULL,
        /** One fork, one 1 s warm-up iteration, two 1 s measurement iterations. */
        QUICK
    }

    public static final Path DEFAULT_RESULTS = ResultsRoot.DEFAULT;

    /** The JDK 24+ flag that lets a library use {@code sun.misc.Unsafe}'s memory access without a warning. */
    public static final String ALLOW_UNSAFE_MEMORY_ACCESS = "--sun-misc-unsafe-memory-access=allow";

    private BenchRunner() {
    }

    /** Runs {@code item}'s benchmark and returns the JSON file it recorded. */
    public static Path run(Catalog.Item item, Profile profile, Path resultsRoot, PrintStream log)
            throws IOException, RunnerException {
        Class<?> benchmark = item.benchmarkClass().orElseThrow(() -> new IllegalStateException(
                item.label() + " has no benchmark yet (" + item.benchmarkClassName() + ")"));
        Machine machine = Machine.current();
        Path dir = machineFolder(resultsRoot, machine);
        String name = "item" + item.number() + (profile == Profile.QUICK ? "-quick" : "");
        Path json = dir.resolve(name + ".json");
        ChainedOptionsBuilder options = options(benchmark)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString())
                .shouldFailOnError(true);
        if (profile == Profile.QUICK) {
            options.forks(1)
                    .warmupIterations(1).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(2).measurementTime(TimeValue.seconds(1));
        }
        log.printf("Benchmarking %s: %s (%s profile) on %s; JSON -> %s%n",
                item.label(), benchmark.getSimpleName(), profile.name().toLowerCase(Locale.ROOT),
                machine.id(), json);
        double loadAtStart = Machine.loadAverage();
        // One id for the JMH run and the CPython run that follows it: the report takes a ratio only within a run.
        String run = machine.date() + "/" + UUID.randomUUID().toString().substring(0, 8);
        Options built = options.build();
        RowWatch watch = new RowWatch(OutputFormatFactory.createFormatInstance(System.out,
                built.verbosity().orElse(VerboseMode.NORMAL)));
        Collection<RunResult> results = new Runner(built, watch).run();
        if (results.isEmpty()) {
            throw new IllegalStateException("JMH ran no benchmark of " + benchmark.getName()
                    + ": is it listed in META-INF/BenchmarkList?");
        }
        Map<String, Object> facts = new LinkedHashMap<>(Map.of(
                "profile", profile.name().toLowerCase(Locale.ROOT), "loadAverageAtStart", loadAtStart,
                "run", run));
        facts.putAll(watch.sidecarEntry());
        Files.writeString(dir.resolve(name + ".machine.json"), machine.toJson(facts));
        long busy = watch.shares().stream().filter(share -> OtherProcesses.busy(share.percentOfCore())).count();
        log.println(watch.shares().isEmpty() ? "Other processes while it ran: " + OtherProcesses.NOT_MEASURED + "."
                : String.format(Locale.ROOT, "Other processes took more than %s in %d of %d rows.",
                OtherProcesses.describe(OtherProcesses.THRESHOLD_PERCENT_OF_CORE), busy, watch.shares().size()));
        if (profile == Profile.FULL) {
            try {
                CPython.record(item.number(), dir, log, run).ifPresent(file -> log.println("Recorded CPython: " + file));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while measuring CPython", e);
            }
        }
        return json;
    }

    /** This machine's folder under {@code resultsRoot}, made if need be: {@code run} records there. */
    public static Path machineFolder(Path resultsRoot) throws IOException {
        return machineFolder(resultsRoot, Machine.current());
    }

    private static Path machineFolder(Path resultsRoot, Machine machine) throws IOException {
        return Files.createDirectories(resultsRoot.resolve(machine.id()));
    }

    /**
     * JMH's options for every benchmark of one class, forked with {@link #forkJvmArgs}: what {@code workbench bench}
     * runs, and what each benchmark's {@code main} runs from an IDE.
     */
    public static ChainedOptionsBuilder options(Class<?> benchmark) {
        return new OptionsBuilder()
                .include("^" + Pattern.quote(benchmark.getName()) + "\\.")
                .jvmArgsAppend(forkJvmArgs(Runtime.version().feature()).toArray(String[]::new));
    }

    /**
     * The flags a forked benchmark JVM of feature version {@code javaFeature} needs: from JDK 24 on, JMH's use of
     * {@code sun.misc.Unsafe} memory access prints four warnings in every fork unless it is allowed (JEP 498).
     * JMH forks the {@code java} that runs it, so the running JVM's version is the forks' version.
     */
    public static List<String> forkJvmArgs(int javaFeature) {
        return javaFeature >= 24 ? List.of(ALLOW_UNSAFE_MEMORY_ACCESS) : List.of();
    }

    /** The benchmark classes JMH's annotation processor listed in this build's META-INF/BenchmarkList. */
    public static List<String> listedBenchmarkClasses() throws IOException {
        try (var in = BenchRunner.class.getResourceAsStream("/META-INF/BenchmarkList")) {
            if (in == null) {
                return List.of();
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines()
                    .map(BenchmarkListEntry::new)
                    .map(entry -> entry.getUserClassQName())
                    .distinct()
                    .sorted()
                    .toList();
        }
    }
}
