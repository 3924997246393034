package workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

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

    @Test
    void theLayoutNamesEveryPackageOnce() throws Exception {
        String layout = readme().substring(readme().indexOf("## Layout"));
        List<String> named = Pattern.compile("^ {6}(\\w+)/ ", Pattern.MULTILINE).matcher(layout).results()
                .map(m -> m.group(1)).toList();
        Set<String> packages;
        try (Stream<Path> dirs = Files.list(Path.of("src/main/java/workbench"))) {
            packages = dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString())
                    .map(name -> name.matches("item\\d\\d") ? "itemNN" : name)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(List.of(), packages.stream().filter(pkg -> !named.contains(pkg)).toList(),
                "packages the README's layout does not name");
        assertEquals(named.size(), Set.copyOf(named).size(), "a package named twice: " + named);
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
