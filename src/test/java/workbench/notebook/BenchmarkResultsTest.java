package workbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchmarkResultsTest {

    private static final String REPORT = """
            # Results on 2cpu-test

            ## Item 52 (3rd ed. 67): subprocess

            | strategy | children | ms |
            |---|---:|---:|
            | PARALLEL | 4 | 110 |

            ### fanOut chart

            ![](item52-fanOut.png)

            ## Item 53 (3rd ed. 68): threads
            | x |
            """;

    @Test
    void sectionRunsToTheNextHeadingOfItsLevel() {
        String section = BenchmarkResults.section(REPORT, 52);
        assertTrue(section.startsWith("## Item 52 (3rd ed. 67)"), section);
        assertTrue(section.contains("| PARALLEL | 4 | 110 |"), section);
        assertTrue(section.contains("### fanOut chart"), section);
        assertTrue(!section.contains("Item 53"), section);
        assertEquals("", BenchmarkResults.section(REPORT, 54));
        assertEquals("", BenchmarkResults.section("## Item 520\n", 52));
    }

    @Test
    void withoutResultsItSaysHowToRecordThem(@TempDir Path results) throws Exception {
        Files.createDirectories(results.resolve("other-machine"));
        Files.writeString(results.resolve("other-machine").resolve("item52.json"), "[]");

        String printed = capture(() -> BenchmarkResults.show(52, results, "this-machine"), new ArrayList<>());

        assertTrue(printed.contains("No recorded results yet for this machine (this-machine); run `java -jar"
                + " target/workbench.jar bench 52`"), printed);
        assertTrue(printed.contains("other-machine"), printed);
    }

    @Test
    void withResultsItShowsTheTableAndTheCharts(@TempDir Path results) throws Exception {
        Path dir = Files.createDirectories(results.resolve("this-machine"));
        Files.writeString(dir.resolve("REPORT.md"), REPORT);
        Files.write(dir.resolve("item52-spawn.png"), new byte[] {1});
        Files.write(dir.resolve("item52-fanOut.png"), new byte[] {2});
        Files.write(dir.resolve("item53-x.png"), new byte[] {3});
        List<Map<String, Object>> displays = new ArrayList<>();

        String printed = capture(() -> BenchmarkResults.show(67, results, "this-machine"), displays);

        assertEquals("", printed);
        assertEquals(3, displays.size());
        Map<?, ?> table = (Map<?, ?>) displays.get(0).get("data");
        assertTrue(Notebook.multiline(table.get("text/markdown")).contains("| PARALLEL | 4 | 110 |"));
        assertEquals("Ag==", ((Map<?, ?>) displays.get(1).get("data")).get("image/png"), "fanOut sorts first");
        assertEquals("AQ==", ((Map<?, ?>) displays.get(2).get("data")).get("image/png"));
    }

    private static String capture(Runnable action, List<Map<String, Object>> displays) {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Display.sink(displays::add);
        try {
            action.run();
        } finally {
            Display.sink(null);
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
