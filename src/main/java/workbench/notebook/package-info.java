/**
 * The notebooks' engine behind {@code workbench notebooks}: it runs each notebook's Java cells in JShell and writes
 * their outputs into the {@code .ipynb}.
 *
 * <p>Floor: tooling, above the items; it may import any floor below and {@code bench} (the recorded results a notebook
 * shows); no item, engine or shared block imports it.
 */
package workbench.notebook;
