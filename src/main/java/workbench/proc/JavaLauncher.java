package workbench.proc;

import java.io.File;
import java.net.URISyntaxException;
import java.security.CodeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

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
        command.add(classPath());
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The class path a child JVM needs to run our classes: this JVM's {@code java.class.path}, led by the jar or
     * folder the workbench's own classes were loaded from when that is not on it. A host that loads the workbench
     * into a class loader of its own (a Jupyter kernel's {@code %jar}, a plugin) starts with a class path that holds
     * only the host, and a child started with it could not find {@code workbench.*}.
     */
    public static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        ownCodeSource().ifPresent(entries::add);
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                entries.add(Path.of(entry).toAbsolutePath().normalize().toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Optional<String> ownCodeSource() {
        CodeSource source = JavaLauncher.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath().normalize().toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A fast-starting child JVM running {@code mainClass}. */
    public static ProcessBuilder builder(Class<?> mainClass, String... args) {
        return new ProcessBuilder(command(FAST_START, mainClass, args));
    }

    public static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
