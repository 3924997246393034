package workbench.item54;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.Workbench;

/** The jcstress outcome tables: listed by jcstress's annotation processor, and (slow) run with none failing. */
class Item54StressTest {

    static final List<String> TABLES = List.of("Unsafe", "Volatile", "Synchronized", "Locking", "Atomic", "Adder");

    @Test
    void everyOutcomeTableIsInTheJcstressTestList() throws Exception {
        String testList;
        try (InputStream in = Item54StressTest.class.getResourceAsStream("/META-INF/TestList")) {
            assertNotNull(in, "no META-INF/TestList: is jcstress-core in the compiler's annotationProcessorPaths?");
            testList = new String(in.readAllBytes(), UTF_8);
        }
        for (String table : TABLES) {
            assertTrue(testList.contains("workbench.item54.Item54Stress." + table),
                    "Item54Stress." + table + " is not in META-INF/TestList");
        }
    }

    @Test
    void stressRefusesAnItemWithoutOutcomeTables() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Workbench.execute(new PrintStream(new ByteArrayOutputStream(), true, UTF_8),
                new PrintStream(err, true, UTF_8), "stress", "52");
        assertEquals(Workbench.FAILED, exit);
        assertTrue(err.toString(UTF_8).contains("has no jcstress tests"), err.toString(UTF_8));
    }

    /**
     * {@code workbench stress 54 --quick}: one short jcstress pass over every table (about 1.5 minutes on 2 busy
     * cores).
     * It proves the tables run and no FORBIDDEN (or unlisted) outcome appears.
     * Run with {@code mvn test -Dexcluded.groups=none -Dgroups=slow -Dtest=Item54StressTest}.
     */
    @Test
    @Tag("slow")
    @Tag("stress")
    @Timeout(900)
    void quickJcstressRunFindsNoForbiddenOutcome() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Workbench.execute(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8),
                "stress", "54", "--quick");
        String output = out.toString(UTF_8);
        assertEquals(Workbench.OK, exit, output + err.toString(UTF_8));
        assertTrue(output.contains("Failed tests: No matches."), output);
        assertTrue(output.contains("Error tests: No matches."), output);
        assertTrue(output.contains("6 matching test results") || output.contains("Interesting tests: "), output);
    }
}
