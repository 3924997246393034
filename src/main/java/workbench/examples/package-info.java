/**
 * What an item compares, declared once: a {@link workbench.examples.Way} is one compared strategy (its enum
 * constant, its {@code @Param} string, its CLI and file name, each derived in one place), an
 * {@link workbench.examples.Example} is an item's comparing example (its ways, how to run each, the JMH benchmark
 * that measures them), and {@link workbench.examples.ItemExamples} is an item's declaration of its examples
 * ({@code workbench.itemNN.ItemNNExamples}, found by {@code workbench.Catalog}). A run is handed a
 * {@link workbench.examples.RunContext}, never a static.
 *
 * <p><b>Floor:</b> the bottom, beside {@code workbench.recording}: imports nothing of the workbench, so that
 * engines, items and tooling can all use it. The demo, the benchmark's {@code @Param} check, the timeline, the
 * tests and the notebooks iterate these declarations.
 */
package workbench.examples;
