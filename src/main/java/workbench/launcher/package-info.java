/**
 * The jar's {@code Main-Class}, compiled for Java 8 so that an older {@code java} prints one line saying it is too old
 * instead of a class-version error; on Java 21+ it hands over to {@code workbench.Workbench}.
 *
 * <p>Floor: beside the entry point; it imports nothing of the workbench (it names the entry point by reflection, which
 * an old JVM must not load).
 */
package workbench.launcher;
