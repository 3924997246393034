package workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The project's licence and the bundled libraries' licences: the jar is built after the tests, so this checks what
 * makes it right: the project's LICENSE, the list of bundled libraries (every library on the class path that is not
 * a test tool), the shade configuration that keeps their licence and notice files, and the README's word on it.
 */
class BundledLicensesTest {

    /** Libraries on the test class path that the jar does not bundle: JUnit and its parts, and Surefire's own. */
    private static final List<String> TEST_ONLY_GROUPS = List.of("org.junit", "org.opentest4j", "org.apiguardian",
            "org.apache.maven");

    @Test
    void theProjectIsApacheLicensedAndSaysSo() throws Exception {
        String license = Files.readString(Path.of("LICENSE"));
        assertTrue(license.contains("Apache License") && license.contains("Version 2.0, January 2004"));
        String pom = Files.readString(Path.of("pom.xml"));
        assertTrue(pom.contains("<licenses>") && pom.contains("<name>Apache-2.0</name>"), "pom.xml names the licence");
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("## License") && readme.contains("(LICENSE)"), "README links the LICENSE");
    }

    @Test
    void everyBundledLibraryIsListedWithItsLicence() throws Exception {
        String list = resource("/META-INF/THIRD-PARTY.txt");
        List<String> bundled = bundledLibraries();
        assertFalse(bundled.isEmpty(), "found no library jar on " + System.getProperty("java.class.path"));
        for (String library : bundled) {
            assertTrue(list.contains(library + " "),
                    library + " is bundled in the jar but META-INF/THIRD-PARTY.txt does not list it with its licence");
        }
        for (String gpl : List.of("org.openjdk.jmh:jmh-core", "org.openjdk.jcstress:jcstress-core")) {
            assertTrue(bundled.contains(gpl), gpl);
        }
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("Classpath Exception") && readme.contains("JMH") && readme.contains("jcstress"),
                "the README says which libraries are GPL with the Classpath Exception");
    }

    @Test
    void theShadedJarKeepsLicenceAndNoticeFiles() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        assertFalse(pom.contains("<exclude>META-INF/LICENSE"), "the shade filter must not drop libraries' licences");
        assertFalse(pom.contains("<exclude>META-INF/NOTICE"), "the shade filter must not drop libraries' notices");
        assertTrue(pom.contains("ApacheNoticeResourceTransformer"), "libraries' NOTICE files are merged, not lost");
        assertTrue(resource("/META-INF/NOTICE").contains("THIRD-PARTY.txt"));
        assertEquals(Files.readString(Path.of("LICENSE")), resource("/META-INF/LICENSE"),
                "the jar carries the project's LICENSE as META-INF/LICENSE");
    }

    /** groupId:artifactId of every jar from the local Maven repository on the class path, test tools left out. */
    private static List<String> bundledLibraries() {
        List<String> libraries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            int repository = jar.toString().indexOf("/repository/");
            if (!entry.endsWith(".jar") || repository < 0) {
                continue;
            }
            // .../repository/<group path>/<artifact>/<version>/<artifact>-<version>.jar
            Path relative = Path.of(jar.toString().substring(repository + "/repository/".length()));
            int n = relative.getNameCount();
            String artifact = relative.getName(n - 3).toString();
            String group = relative.subpath(0, n - 3).toString().replace(File.separatorChar, '.');
            if (TEST_ONLY_GROUPS.stream().noneMatch(group::startsWith)) {
                libraries.add(group + ":" + artifact);
            }
        }
        return libraries;
    }

    /**
     * One of the workbench's own META-INF files: found beside THIRD-PARTY.txt, since libraries on the class path
     * have their own META-INF/NOTICE and LICENSE.
     */
    private static String resource(String name) throws Exception {
        URL list = BundledLicensesTest.class.getResource("/META-INF/THIRD-PARTY.txt");
        assertNotNull(list, "META-INF/THIRD-PARTY.txt");
        try (InputStream in = list.toURI().resolve(name.substring(name.lastIndexOf('/') + 1)).toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
