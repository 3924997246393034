package workbench.proc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Command lines for child JVMs: the running JVM's own {@code java}, its class path, and a main class of ours.
 * This is how the workbench starts "a new Python interpreter" portably: no shell, no PATH lookup, the same JDK
 * on every machine, and nothing but the arguments given (secrets go through the environment, never here).
 */
public final class JavaLauncher {

    /**
     * Flags that make a short-lived child JVM start fast: C1 only and a small heap. They change nothing a
     * child computes.
     */
    public static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xss512k",
            "-XX:+UseSerialGC");

    private JavaLauncher() {
    }

    /** The {@code java} executable of the running JVM. */
    public static Path javaExecutable() {
        Path home = Path.of(System.getProperty("java.home"));
        Path java = home.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException("cannot find the running JVM's java launcher at " + java);
        }
        return java;
    }

    /** {@code java [jvmFlags] -cp <our class path> mainClass args...}. */
    public static List<String> command(List<String> jvmFlags, Class<?> mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(jvmFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** A fast-starting child JVM running {@code mainClass}. */
    public static ProcessBuilder builder(Class<?> mainClass, String... args) {
        return new ProcessBuilder(command(FAST_START, mainClass, args));
    }

    public static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }
}
