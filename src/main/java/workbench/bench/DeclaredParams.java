package workbench.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openjdk.jmh.runner.BenchmarkListEntry;
import workbench.Catalog;
import workbench.examples.Example;
import workbench.examples.Way;

/**
 * Ties each declared example to its benchmark: the JMH benchmark an example names must list, in its {@code @Param}
 * ({@code strategy} unless the example says otherwise), exactly the {@link Way#param()}s of the example's ways. Read
 * from JMH's generated list ({@code META-INF/BenchmarkList}), so it sees what {@code workbench bench} will run.
 */
public final class DeclaredParams {

    private DeclaredParams() {
    }

    /** Every benchmark of JMH's generated list: its name ({@code workbench.item53.Item53Benchmark.factorize}) to its params. */
    public static Map<String, Map<String, List<String>>> listed() throws IOException {
        Map<String, Map<String, List<String>>> listed = new LinkedHashMap<>();
        try (InputStream in = DeclaredParams.class.getResourceAsStream("/META-INF/BenchmarkList")) {
            if (in == null) {
                throw new IOException("META-INF/BenchmarkList is missing: the benchmarks were not compiled with JMH's"
                        + " annotation processor");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                BenchmarkListEntry entry = new BenchmarkListEntry(line);
                Map<String, List<String>> params = new LinkedHashMap<>();
                if (entry.getParams().hasValue()) {
                    entry.getParams().get().forEach((name, values) -> params.put(name, List.of(values)));
                }
                listed.putIfAbsent(entry.getUsername(), params); // one entry per mode: the params are the same
            }
        }
        return listed;
    }

    /** The full name of the benchmark {@code example} names, in its item's benchmark class. */
    public static String benchmarkName(Example<?> example) {
        return Catalog.require(example.item()).benchmarkClassName() + "." + example.benchmark().method();
    }

    /**
     * Each disagreement between {@code examples} and the benchmarks in {@code listed} ({@link #listed()}'s form), one
     * sentence each: a benchmark that is not listed, one without the param, a way without its param value, a param
     * value without its way. Empty when every example that names a benchmark agrees with it.
     */
    public static List<String> mismatches(List<Example<?>> examples, Map<String, Map<String, List<String>>> listed) {
        List<String> mismatches = new ArrayList<>();
        for (Example<?> example : examples) {
            if (!example.benchmark().measured()) {
                continue;
            }
            String where = "Item " + example.item() + "'s example " + example.name();
            String benchmark = benchmarkName(example);
            String param = example.benchmark().param();
            Map<String, List<String>> params = listed.get(benchmark);
            if (params == null) {
                mismatches.add(where + " names the benchmark " + benchmark + ", which JMH's list does not have");
                continue;
            }
            List<String> values = params.get(param);
            if (values == null) {
                mismatches.add(where + ": " + benchmark + " has no @Param " + param + " (its params: "
                        + params.keySet() + ")");
                continue;
            }
            Set<String> declared = new LinkedHashSet<>(example.ways().stream().map(Way::param).toList());
            for (String way : declared) {
                if (!values.contains(way)) {
                    mismatches.add(where + " compares " + way + ", which " + benchmark + "'s @Param " + param
                            + " " + values + " lacks");
                }
            }
            for (String value : values) {
                if (!declared.contains(value)) {
                    mismatches.add(benchmark + "'s @Param " + param + " has " + value + ", which is not a way of "
                            + where + " " + declared);
                }
            }
        }
        return mismatches;
    }
}
