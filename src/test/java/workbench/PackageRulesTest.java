package workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import workbench.testing.JavaText;

/**
 * The floors of the house (design.md), read from the sources of {@code src/main/java} and
 * {@code benchmarks/src/main/java} (imports and fully qualified names in code, not in comments or strings). From the
 * bottom:
 * <ol>
 *   <li>{@link #BOTTOM}: the engines' flight-recorder event types, the items' example declarations and the
 *       thread-safety annotations, which import nothing of the workbench;</li>
 *   <li>the engines and shared blocks ({@code gil}, {@code procpool}, {@code eventloop}, {@code life}, ...: every
 *       {@code workbench.*} package that is neither an item, nor on the bottom floor, nor tooling), which import
 *       no item and no tooling;</li>
 *   <li>the items ({@code itemNN}), one band: an item imports no tooling, and builds only on earlier items, which
 *       its demo's header names;</li>
 *   <li>{@link #TOOLING}, which runs, measures, records and shows the items and may import any floor below.</li>
 * </ol>
 * The root package is not judged: items implement its {@code Demo}, tooling reads its {@code Catalog}, and its
 * {@code Workbench} starts the command line. A benchmark class shares its item's package (addressable by item) but
 * is itself tooling: it may use {@code bench}, and nothing imports it. Each rule lists every offence it finds, file
 * first. Every package has a {@code package-info.java} that says what it is, its floor and what it may import.
 */
class PackageRulesTest {

    /** The bottom floor: packages that import nothing of the workbench. */
    static final Set<String> BOTTOM = Set.of("recording", "examples", "annotations", "results");

    /**
     * The tooling, above the items: running and recording benchmarks and reports ({@code bench}), the notebooks,
     * the timelines (recording, lanes, drawing, traces of the items' examples), the registry of the Game of Life
     * strategies of Items 56-60, and the command line that runs them all.
     */
    static final Set<String> TOOLING = Set.of("bench", "notebook", "timeline", "strategies", "cli");

    private static final List<Path> ROOTS = List.of(Path.of("src/main/java"), Path.of("benchmarks/src/main/java"));
    private static final Pattern PACKAGE = Pattern.compile("^package workbench\\.(\\w+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\bworkbench\\.(\\w+)\\.[A-Za-z*]");
    private static final Pattern ITEM = Pattern.compile("item(\\d\\d)");

    record Source(Path path, String pkg, boolean benchmark, String code, String text) {
    }

    @Test
    void theBottomFloorImportsNothingOfTheWorkbench() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Source source : sources()) {
            if (BOTTOM.contains(source.pkg())) {
                for (String used : references(source)) {
                    offences.add(source.path() + " (workbench." + source.pkg() + ", bottom floor) uses workbench."
                            + used);
                }
            }
        }
        assertEquals(List.of(), offences);
    }

    @Test
    void noEngineOrSharedBlockImportsAnItemOrTheTooling() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Source source : sources()) {
            if (isItem(source.pkg()) || TOOLING.contains(source.pkg())) {
                continue;
            }
            for (String used : references(source)) {
                if (isItem(used) || TOOLING.contains(used)) {
                    offences.add(source.path() + " (workbench." + source.pkg() + ") uses workbench." + used);
                }
            }
        }
        assertEquals(List.of(), offences);
    }

    @Test
    void noItemImportsTheTooling() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Source source : sources()) {
            if (isItem(source.pkg()) && !source.benchmark()) {
                for (String used : references(source)) {
                    if (TOOLING.contains(used)) {
                        offences.add(source.path() + " (an item) uses workbench." + used + ", which is tooling");
                    }
                }
            }
        }
        assertEquals(List.of(), offences);
    }

    @Test
    void anItemBuildsOnlyOnEarlierItemsAndItsHeaderSaysSo() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Source source : sources()) {
            if (!isItem(source.pkg())) {
                continue;
            }
            int item = number(source.pkg());
            for (String used : references(source)) {
                if (!isItem(used) || number(used) == item) {
                    continue;
                }
                if (number(used) > item) {
                    offences.add(source.path() + " uses the later workbench." + used);
                }
                Path demo = Path.of("src/main/java/workbench", source.pkg(), "Item" + item + ".java");
                if (!Files.readString(demo).contains("Item " + number(used))) {
                    offences.add(demo + " does not say it builds on Item " + number(used) + " (" + source.path()
                            + " uses it)");
                }
            }
        }
        assertEquals(List.of(), offences);
    }

    @Test
    void everyPackageHasAPackageInfoThatSaysWhatItIs() throws IOException {
        // One package-info per package, in either tree (a benchmark shares its item's package): its Javadoc says
        // what the package is, its floor and what it may import.
        List<String> missing = new ArrayList<>();
        Set<Path> packages = new TreeSet<>();
        for (Path root : ROOTS) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java"))
                        .forEach(f -> packages.add(root.relativize(f.getParent())));
            }
        }
        for (Path pkg : packages) {
            List<Path> infos = ROOTS.stream().map(root -> root.resolve(pkg).resolve("package-info.java"))
                    .filter(Files::exists).toList();
            if (infos.size() != 1) {
                missing.add(pkg + ": " + infos.size() + " package-info.java");
            } else if (!Files.readString(infos.get(0)).strip().startsWith("/**")) {
                missing.add(infos.get(0) + ": no Javadoc");
            }
        }
        assertTrue(packages.size() > 30, packages::toString);
        assertEquals(List.of(), missing);
    }

    @Test
    void theRulesSeeTheReferencesTheyJudge() throws IOException {
        // The scan itself: it finds what it must judge, and skips comments and strings.
        List<Source> sources = sources();
        Source processPoolRows = find(sources, "src/main/java/workbench/life/ProcessPoolRows.java");
        assertEquals(Set.of("annotations", "futures", "procpool"), references(processPoolRows));
        Source item59 = find(sources, "src/main/java/workbench/item59/Item59.java");
        assertFalse(references(item59).isEmpty());
        Source lineDecoder = find(sources, "src/main/java/workbench/eventloop/LineDecoder.java");
        assertTrue(lineDecoder.text().contains("workbench.item61"));
        assertFalse(references(lineDecoder).contains("item61"), "a name in a comment is not a reference");
        assertEquals(Set.of("item61"), references(new Source(Path.of("x"), "x", false,
                JavaText.code("/** workbench.item62.Migration */ String s = \"workbench.item63.Item63\";"
                        + " workbench.item61.Item61.main(null); // workbench.item64.Item64"), "")));
    }

    private static Source find(List<Source> sources, String path) {
        return sources.stream().filter(s -> s.path().equals(Path.of(path))).findFirst().orElseThrow();
    }

    private static boolean isItem(String pkg) {
        return ITEM.matcher(pkg).matches();
    }

    private static int number(String itemPackage) {
        Matcher m = ITEM.matcher(itemPackage);
        if (!m.matches()) {
            throw new IllegalArgumentException(itemPackage);
        }
        return Integer.parseInt(m.group(1));
    }

    /** The {@code workbench.*} packages a source's code names, its own excluded. */
    private static Set<String> references(Source source) {
        Set<String> used = new TreeSet<>();
        Matcher m = REFERENCE.matcher(source.code());
        while (m.find()) {
            if (!m.group(1).equals(source.pkg())) {
                used.add(m.group(1));
            }
        }
        return used;
    }

    private static List<Source> sources() throws IOException {
        List<Source> sources = new ArrayList<>();
        for (Path root : ROOTS) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    String text = Files.readString(file);
                    Matcher pkg = PACKAGE.matcher(text);
                    if (pkg.find()) {                                      // the root package is the CLI's
                        sources.add(new Source(file, pkg.group(1), root.startsWith("benchmarks"), JavaText.code(text),
                                text));
                    }
                }
            }
        }
        assertFalse(sources.isEmpty(), "run from the project root");
        return sources;
    }
}
