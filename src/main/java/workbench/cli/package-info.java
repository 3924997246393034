/**
 * The command line, one class per subcommand ({@code list}, {@code run}, {@code bench}, {@code report}, {@code load},
 * {@code timeline}, ...), registered in {@code WorkbenchCommand}: picocli parses the options, and each command calls a
 * typed API of the package that does the work.
 *
 * <p>Floor: tooling, the top; it may import every floor, the other tooling included, and only the entry point imports
 * it.
 */
package workbench.cli;
