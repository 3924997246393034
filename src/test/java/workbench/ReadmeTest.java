package workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import workbench.bench.ReadmeResults;

/** The README is generated where it can be and checked where it cannot: it must not drift from the code. */
class ReadmeTest {

    private static String readme() throws Exception {
        return Files.readString(Path.of("README.md"));
    }

    @Test
    void itemIndexIsTheCatalogues() throws Exception {
        assertEquals(Catalog.markdownIndex().strip(), ReadmeSections.INDEX.read(readme()),
                "README's item index drifted from the catalogue: regenerate it with"
                        + " `java -jar target/workbench.jar index --write`");
    }

    @Test
    void resultsSectionIsGeneratedFromTheRecordedResults() throws Exception {
        assertEquals(ReadmeResults.section(Path.of("benchmarks/results")).strip(),
                ReadmeSections.RESULTS.read(readme()),
                "README's results section drifted from benchmarks/results: run `java -jar target/workbench.jar report`");
    }

    @Test
    void ciRunsExactlyTheReadmesTestCommand() throws Exception {
        String testCommand = commandAfter("Run the tests");
        List<String> ci = Files.readAllLines(Path.of(".ci/run"));
        assertTrue(ci.contains(testCommand), ".ci/run must run '" + testCommand + "' verbatim");
        assertTrue(Files.isExecutable(Path.of(".ci/run")));
    }

    @Test
    void quickStartRunsTheJarTheBuildMakes() throws Exception {
        String tour = commandAfter("Run the workbench");
        assertTrue(tour.startsWith("mvn ") && tour.contains("package") && tour.endsWith("java -jar target/workbench.jar"),
                tour);
    }

    /** The first indented command line after the line starting with {@code lead}. */
    private static String commandAfter(String lead) throws Exception {
        List<String> lines = readme().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(lead)) {
                for (int j = i + 1; j < lines.size(); j++) {
                    if (lines.get(j).startsWith("    ")) {
                        return lines.get(j).strip();
                    }
                }
            }
        }
        throw new AssertionError("README.md has no command after '" + lead + "'");
    }
}
