/**
 * The log-tailing harness of Items 62 and 63: writer threads, readers that poll the files, and the merge that checks
 * the output ({@code confirm_merge}).
 *
 * <p>Floor: a shared block below the items; it may import the bottom floor and the engine it runs on
 * ({@code eventloop}), never an item or the tooling.
 */
package workbench.tail;
