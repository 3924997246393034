package workbench.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaLauncherTest {

    @Test
    void classPathIsThisJvmsWhenOurClassesAreOnIt() {
        List<String> expected = entries(System.getProperty("java.class.path")).stream()
                .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString()).distinct().toList();
        List<String> actual = entries(JavaLauncher.classPath());
        assertEquals(expected.size(), actual.size(), "no entry added or lost: " + actual);
        assertTrue(actual.containsAll(expected), actual::toString);
    }

    /** A host (a Jupyter kernel's %jar) loads the workbench from a place its own class path does not name. */
    @Test
    void classPathLeadsWithWhereOurClassesWereLoadedFromWhenTheHostsClassPathLacksIt(@TempDir Path elsewhere)
            throws Exception {
        String name = JavaLauncher.class.getName().replace('.', '/') + ".class";
        Path copy = elsewhere.resolve(name);
        Files.createDirectories(copy.getParent());
        try (InputStream bytes = JavaLauncher.class.getClassLoader().getResourceAsStream(name)) {
            Files.copy(bytes, copy);
        }
        try (URLClassLoader host = new URLClassLoader(new URL[] {elsewhere.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> launcher = host.loadClass(JavaLauncher.class.getName());
            String classPath = (String) launcher.getMethod("classPath").invoke(null);
            List<String> actual = entries(classPath);
            assertEquals(elsewhere.toRealPath().toString(), Path.of(actual.get(0)).toRealPath().toString());
            assertEquals(entries(JavaLauncher.classPath()).size() + 1, actual.size(), actual::toString);
        }
    }

    private static List<String> entries(String classPath) {
        return List.of(classPath.split(File.pathSeparator)).stream().filter(entry -> !entry.isEmpty()).toList();
    }
}
