/**
 * Closable and joinable blocking queues and the stoppable worker (Python's {@code queue.Queue} with {@code task_done}
 * and {@code join}) that Items 55 and 58 build their pipelines on.
 *
 * <p>Floor: a shared block below the items; it may import the bottom floor and nothing else of the workbench.
 */
package workbench.queue;
