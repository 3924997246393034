package workbench.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import workbench.life.LifeStrategy;
import workbench.parallel.Strategy;

/**
 * One name per strategy: every {@link Way} enum of the project (found in the compiled classes, so a new one is
 * checked without being listed here) round-trips by param and by slug, and its names are distinct.
 */
class WayTest {

    @Test
    void everyWayOfTheProjectRoundTripsByParamAndBySlug() throws Exception {
        List<Class<?>> ways = wayEnums();
        assertTrue(ways.contains(Strategy.class) && ways.contains(LifeStrategy.class), "the scan finds them: " + ways);
        for (Class<?> type : ways) {
            roundTrip(type.asSubclass(Enum.class));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void roundTrip(Class<? extends Enum> type) {
        Class raw = type;
        Set<String> params = new HashSet<>();
        Set<String> slugs = new HashSet<>();
        for (Object constant : type.getEnumConstants()) {
            Way way = (Way) constant;
            assertSame(constant, Way.byParam(raw, way.param()), type + " by param " + way.param());
            assertSame(constant, Way.bySlug(raw, way.slug()), type + " by slug " + way.slug());
            assertTrue(way.slug().matches("[a-z0-9]+(-[a-z0-9]+)*"), way.slug() + " is lower-kebab");
            assertTrue(params.add(way.param()), type + ": two constants share the param " + way.param());
            assertTrue(slugs.add(way.slug()), type + ": two constants share the slug " + way.slug());
        }
    }

    @Test
    void theNamesAreDerivedFromTheConstant() {
        assertEquals("gil-threads", Strategy.GIL_THREADS.slug());
        assertEquals("GIL_THREADS", Strategy.GIL_THREADS.param());
        assertEquals("threadPerCell", LifeStrategy.THREAD_PER_CELL.param());
        assertEquals("virtualThreadPerTask", Way.camelCase("VIRTUAL_THREAD_PER_TASK"));
        assertEquals("sequential", Way.camelCase("SEQUENTIAL"));
        assertEquals("phased-queue-workers", LifeStrategy.PHASED_QUEUE_WORKERS.slug());
    }

    @Test
    void anUnknownNameSaysWhichExist() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Way.bySlug(Strategy.class, "serial"));
        assertTrue(e.getMessage().contains("serial") && e.getMessage().contains("gil-threads"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LifeStrategy.named("threadsPerCell"));
        assertTrue(e.getMessage().contains("threadPerCell"), e.getMessage());
    }

    /** Every enum implementing {@link Way} in the main classes. */
    static List<Class<?>> wayEnums() throws Exception {
        Path root = Path.of(Way.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                if (name.endsWith("package-info") || name.startsWith("META-INF")) {
                    continue;
                }
                Class<?> type = Class.forName(name, false, WayTest.class.getClassLoader());
                if (type.isEnum() && Way.class.isAssignableFrom(type)) {
                    found.add(type);
                }
            }
        }
        assertFalse(found.isEmpty());
        return found;
    }
}
