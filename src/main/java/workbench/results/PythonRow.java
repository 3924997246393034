package workbench.results;

import java.util.Map;

/**
 * One row CPython recorded ({@code benchmarks/python/itemNN.py}, one JSON object per line, kept as
 * {@code python-itemNN.json}): {@code seconds} is the median wall time of the script's runs; {@code workers} is a
 * count, or a value such as Item 55's {@code 3/4/5} (workers per stage), as the Java benchmark's parameter writes
 * it; {@code extra} holds every other field as text (the workload, the run's facts, result figures).
 */
public record PythonRow(String benchmark, String strategy, String workers, double seconds, Map<String, String> extra) {

    /** A numeric field of {@code extra}, or NaN when the row has none or it is not a number. */
    public double number(String key) {
        String value = extra.get(key);
        try {
            return value == null ? Double.NaN : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
