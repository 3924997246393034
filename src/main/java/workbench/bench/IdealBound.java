package workbench.bench;

import java.util.Map;

/**
 * What a benchmark class implements when its ideal speedup is not {@link Speedups}' default,
 * {@code min(cores, workers)}: ten uneven tasks cannot beat total work / largest task, and sleeping children or
 * simulated I/O need no core. {@code workbench report} creates the benchmark class (JMH requires a public no-arg
 * constructor) and asks it for each of its rows.
 */
public interface IdealBound {

    /**
     * The ideal speedup over the sequential row of benchmark method {@code method} with these {@code @Param}
     * values on a machine with {@code cores} cores; NaN where the row has none.
     */
    double idealSpeedup(String method, Map<String, String> params, int cores);
}
