/**
 * Running the JMH benchmarks and CPython's scripts, recording their results with the machine's provenance
 * ({@code BenchRunner}, {@code Machine}, {@code LoadRecorder} for the load harnesses) and turning them into reports:
 * each machine's {@code REPORT.md} ({@code Report}), the README's results section, the scaling comparison and the
 * charts.
 *
 * <p>Floor: tooling, above the items. It may import any floor below (today {@code proc} and the {@code Catalog}); no
 * item, engine or shared block imports it.
 */
package workbench.bench;
