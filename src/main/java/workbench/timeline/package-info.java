/**
 * {@code workbench timeline}: records an item's examples with the JDK's flight recorder, reads the recording into
 * lanes, one per thread, and draws them as a PNG and a Trace Event JSON.
 *
 * <p>Floor: tooling, above the items; it may import any floor below (it reads the engines' events in
 * {@code recording}); no item, engine or shared block imports it.
 */
package workbench.timeline;
