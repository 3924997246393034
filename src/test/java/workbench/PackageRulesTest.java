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

/**
 * The layering of the packages, read from the sources of {@code src/main/java} and {@code benchmarks/src/main/java}
 * (imports and fully qualified names in code, not in comments or strings). Three floors: the shared packages
 * (engines and models such as {@code life}, {@code eventloop}, {@code procpool}; every {@code workbench.*} package
 * that is not {@code itemNN}), the items on top of them, and above the items {@link #ABOVE_THE_ITEMS}, which only
 * the benchmarks, the tests and the entry point ({@code workbench.Workbench}) use. A benchmark class shares its
 * item's package (addressable by item) but is itself on the top floor: nothing imports it.
 */
class PackageRulesTest {

    /**
     * The packages above the items: the benchmarks' runner, report and figure check; the notebooks' helpers; the
     * registry of the Game of Life strategies of Items 56-60; the timelines (recording, lanes, drawing, traces: they
     * record the items' examples); the command line that runs them. What an item needs of the recorded results it
     * reads through {@code workbench.results}, below the items.
     */
    static final Set<String> ABOVE_THE_ITEMS = Set.of("bench", "notebook", "strategies", "timeline", "cli");

    private static final Pattern PACKAGE = Pattern.compile("^package workbench\\.(\\w+);", Pattern.MULTILINE);
    private static final Pattern REFERENCE = Pattern.compile("\\bworkbench\\.(\\w+)\\.[A-Za-z*]");
    private static final Pattern ITEM = Pattern.compile("item(\\d\\d)");

    record Source(Path path, String pkg, boolean benchmark, String code, String text) {
    }

    @Test
    void noSharedPackageImportsAnItemOrThePackagesAboveThem() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Source source : sources()) {
            if (isItem(source.pkg()) || ABOVE_THE_ITEMS.contains(source.pkg())) {
                continue;
            }
            for (String used : references(source)) {
                if (isItem(used) || ABOVE_THE_ITEMS.contains(used)) {
                    offences.add(source.path() + " (workbench." + source.pkg() + ") uses workbench." + used);
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
                if (ABOVE_THE_ITEMS.contains(used) && !source.benchmark()) {
                    offences.add(source.path() + " (an item) uses workbench." + used + ", which is above the items");
                }
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
                code("/** workbench.item62.Migration */ String s = \"workbench.item63.Item63\";"
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
        for (String root : List.of("src/main/java", "benchmarks/src/main/java")) {
            try (Stream<Path> files = Files.walk(Path.of(root))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    String text = Files.readString(file);
                    Matcher pkg = PACKAGE.matcher(text);
                    if (pkg.find()) {                                      // the root package is the CLI's
                        sources.add(new Source(file, pkg.group(1), root.startsWith("benchmarks"), code(text), text));
                    }
                }
            }
        }
        assertFalse(sources.isEmpty(), "run from the project root");
        return sources;
    }

    /** The text without its comments, string and character literals (text blocks included). */
    static String code(String text) {
        StringBuilder code = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("//", i)) {
                i = indexOrEnd(text, "\n", i);
            } else if (text.startsWith("/*", i)) {
                i = indexOrEnd(text, "*/", i + 2) + 2;
            } else if (text.startsWith("\"\"\"", i)) {
                i = indexOrEnd(text, "\"\"\"", i + 3) + 3;
            } else if (text.charAt(i) == '"' || text.charAt(i) == '\'') {
                char quote = text.charAt(i++);
                while (i < text.length() && text.charAt(i) != quote) {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else {
                code.append(text.charAt(i++));
            }
        }
        return code.toString();
    }

    private static int indexOrEnd(String text, String what, int from) {
        int at = text.indexOf(what, from);
        return at < 0 ? text.length() : at;
    }
}
