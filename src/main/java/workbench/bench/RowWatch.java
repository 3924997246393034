package workbench.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's console output with {@link OtherProcesses} read at each benchmark row's start and end (JMH calls
 * {@code startBenchmark} before a row's first fork and {@code endBenchmark} after its last): what other processes
 * took while the row ran, recorded per row for the sidecar and warned about, on JMH's own output, when above
 * {@link OtherProcesses#THRESHOLD_PERCENT_OF_CORE}.
 */
final class RowWatch implements OutputFormat {

    /** The sidecar key of the rows' figures. */
    static final String KEY = workbench.results.Quietness.OTHER_CPU;

    /** One row's figure, named as JMH's JSON names the row. */
    record Share(String benchmark, String mode, Map<String, String> params, double percentOfCore) {

        Map<String, Object> asMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("benchmark", benchmark);
            map.put("mode", mode);
            map.put("params", params);
            map.put("percentOfCore", OtherProcesses.rounded(percentOfCore));
            return map;
        }
    }

    private final OutputFormat out;
    private final List<Share> shares = new ArrayList<>();
    private Optional<OtherProcesses.Sample> start = Optional.empty();

    RowWatch(OutputFormat out) {
        this.out = out;
    }

    /** The rows measured so far; empty where {@code /proc} is absent. */
    List<Share> shares() {
        return List.copyOf(shares);
    }

    /**
     * The sidecar's {@value #KEY} entry: the threshold and each row's figure, or why nothing was measured. A
     * sidecar without the entry was recorded before rows were watched: {@link OtherProcessesNote} reads both.
     */
    Map<String, Object> sidecarEntry() {
        Map<String, Object> entry = new LinkedHashMap<>();
        if (shares.isEmpty()) {
            entry.put("notMeasured", "no /proc/stat on this machine");
        } else {
            entry.put("thresholdPercentOfCore", OtherProcesses.THRESHOLD_PERCENT_OF_CORE);
            entry.put("rows", shares.stream().map(Share::asMap).toList());
        }
        return Map.of(KEY, entry);
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        out.startBenchmark(params);
        start = OtherProcesses.sample();
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        Optional<OtherProcesses.Sample> end = OtherProcesses.sample();
        if (start.isPresent() && end.isPresent() && result != null) {
            BenchmarkParams params = result.getParams();
            Map<String, String> values = new TreeMap<>();
            for (String key : params.getParamsKeys()) {
                values.put(key, params.getParam(key));
            }
            double percent = OtherProcesses.percentOfCore(start.get(), end.get());
            shares.add(new Share(params.getBenchmark(), params.getMode().shortLabel(), values, percent));
            out.println("Other processes while this row ran: " + OtherProcesses.describe(percent)
                    + (OtherProcesses.busy(percent) ? ", above the threshold of "
                    + OtherProcesses.describe(OtherProcesses.THRESHOLD_PERCENT_OF_CORE)
                    + ": the row shared the machine, and `report` marks it." : "."));
        }
        start = Optional.empty();
        out.endBenchmark(result);
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        out.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration,
                                IterationResult data) {
        out.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void startRun() {
        out.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        out.endRun(result);
    }

    @Override
    public void print(String s) {
        out.print(s);
    }

    @Override
    public void println(String s) {
        out.println(s);
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        out.close();
    }

    @Override
    public void verbosePrintln(String s) {
        out.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        out.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        out.write(b);
    }
}
