/**
 * The entry point and what every floor knows of the items: {@code Workbench} (the jar's command line, through
 * {@code workbench.cli}), {@code Catalog} (the one list of items that the CLI, the README index and the notebooks
 * read), {@code Demo} (what every item's demo implements) and the README's generated sections.
 *
 * <p>Floor: none of the bands; {@code PackageRulesTest} does not judge it. {@code Demo} and {@code Catalog} import
 * only the shared block {@code demo}, so items and tooling alike may use them; {@code Workbench} starts the command
 * line.
 */
package workbench;
