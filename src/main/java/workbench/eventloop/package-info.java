/**
 * One asyncio-like event loop ({@code EventLoop}: tasks, timers, streams and servers) that Items 60-63 run their
 * coroutines on.
 *
 * <p>Floor: an engine below the items; it may import the bottom floor (its own flight-recorder events in
 * {@code recording}) and shared blocks such as {@code futures}, never an item or the tooling.
 */
package workbench.eventloop;
