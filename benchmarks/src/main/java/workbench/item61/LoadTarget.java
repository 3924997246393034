package workbench.item61;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import workbench.proc.JavaLauncher;

/** A server {@link Item61Load} drives: a Java {@link ServerStyle} in a child JVM, or one of CPython's. */
enum LoadTarget {
    PLATFORM_THREADS("Java"), VIRTUAL_THREADS("Java"), EVENT_LOOP("Java"), PRE_FORKED_PROCESSES("Java"),
    CPYTHON_THREADS("CPython"), CPYTHON_ASYNCIO("CPython");

    final String runtime;

    LoadTarget(String runtime) {
        this.runtime = runtime;
    }

    /**
     * The command that starts it: {@link LoadServerMain} with the style's name, or {@code python3 item61.py serve
     * threads|asyncio} in {@code benchmarks/python} (so the project root must be the working directory).
     */
    ProcessBuilder command() {
        if (runtime.equals("CPython")) {
            return new ProcessBuilder("python3", "item61.py", "serve",
                    name().substring("CPYTHON_".length()).toLowerCase(Locale.ROOT))
                    .directory(Path.of("benchmarks", "python").toFile());
        }
        return new ProcessBuilder(JavaLauncher.command(List.of(), LoadServerMain.class, name()));
    }
}
