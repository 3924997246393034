package workbench.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

class LauncherTest {

    @Test
    void aJavaOlderThan21GetsOneLineNamingItsVersionAndHome() {
        for (List<String> old : List.of(List.of("1.8", "1.8.0_392"), List.of("11", "11.0.21"),
                List.of("17", "17.0.15"), List.of("20", "20.0.2"))) {
            String line = Launcher.problem(old.get(0), old.get(1), "/opt/old-jdk");
            assertNotNull(line, old.toString());
            assertTrue(line.contains(old.get(1)) && line.contains("/opt/old-jdk") && line.contains("21"), line);
            assertEquals(1, line.lines().count(), line);
        }
    }

    @Test
    void java21AndNewerRunTheWorkbench() {
        for (String spec : List.of("21", "22", "25", "31")) {
            assertNull(Launcher.problem(spec, spec + ".0.1", "/opt/jdk"), spec);
        }
        assertNull(Launcher.problem(System.getProperty("java.specification.version"),
                System.getProperty("java.version"), System.getProperty("java.home")), "this JVM runs the tests");
    }

    @Test
    void featureVersionsParseBothSchemes() {
        assertEquals(8, Launcher.feature("1.8"));
        assertEquals(17, Launcher.feature("17"));
        assertEquals(21, Launcher.feature("21.0.1"));
        assertEquals(-1, Launcher.feature("strange"), "what does not parse is left to the JVM");
        assertNull(Launcher.problem("strange", "strange", "/opt/jdk"));
    }

    /** Java 8's class files are major version 52: the launcher must load on every JVM from 8 on to say its line. */
    @Test
    void theLauncherClassLoadsOnJava8() throws Exception {
        try (InputStream in = Launcher.class.getResourceAsStream("Launcher.class");
                DataInputStream data = new DataInputStream(in)) {
            assertEquals(0xCAFEBABE, data.readInt());
            data.readUnsignedShort();  // minor
            assertEquals(52, data.readUnsignedShort(), "Launcher.class must be compiled with --release 8");
        }
    }
}
