/**
 * The recorded results folder, read: {@code benchmarks/results/<machine>/} with JMH's rows ({@link
 * workbench.results.JavaResults}), CPython's ({@link workbench.results.PythonResults}), their sidecars ({@link
 * workbench.results.Sidecar}) and whether a recording was quiet ({@link workbench.results.Quietness}).
 *
 * <p>Floor: a small shared block below the items, so that a demo can print a recorded figure beside its own without
 * importing the tooling; {@code bench} (which writes the folder), {@code notebook} and {@code cli} read it through
 * here too. Imports nothing of the workbench.
 */
package workbench.results;
