package workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import workbench.testing.JavaText;

/**
 * No hand-typed figure in the benchmarks' comments: a measured figure drifts from the results the moment they are
 * recorded again, so a comment links the report instead ({@code benchmarks/results/<machine>/REPORT.md#item-NN},
 * an anchor GitHub makes of the item's heading), and every such link must lead somewhere. What counts as a measured
 * figure is what a measurement looks like and a parameter or a prediction does not: an error bar ({@code 94.6 +-
 * 5.8}), a ratio ({@code 3x faster}, {@code 42 times faster}), a decimal below a second ({@code 16.6 ms},
 * {@code 1.5 us}) or with two decimals in seconds ({@code 4.08 s}), a time range ({@code 90-100 ms}), "about" a
 * time ({@code about 17 s}) or "recorded on" a count. Parameters ({@code 10 ms of I/O}, the book's {@code 0.1 s})
 * and predictions worked out from them ({@code 45 x 10 ms}) pass.
 */
class NoHandTypedFigureTest {

    private static final String UNIT = "(?:ns|us|µs|ms|s|sec|seconds?|minutes?)";
    static final Pattern MEASURED = Pattern.compile(String.join("|",
            "(?i)\\brecorded on \\d",
            "\\d\\s*(?:\\+-|±)\\s*\\d",
            "\\d(?:\\.\\d+)?x (?:faster|slower)",
            "\\d+ times (?:faster|slower)",
            "\\b\\d+\\.\\d+\\s*(?:ns|us|µs|ms)\\b",
            "\\b\\d+\\.\\d{2,}\\s*s\\b",
            "\\b\\d[\\d.]*\\s*-\\s*\\d[\\d.]*\\s*" + UNIT + "\\b",
            "(?i)\\babout \\d[\\d.,]*\\s*" + UNIT + "\\b"));
    private static final Pattern REPORT_LINK =
            Pattern.compile("benchmarks/results/([\\w.-]+)/REPORT\\.md(?:#([\\w-]+))?");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);

    @Test
    void theBenchmarksCommentsCarryNoMeasuredFigure() throws IOException {
        List<String> offences = new ArrayList<>();
        for (Path source : sources(Path.of("benchmarks/src/main/java"))) {
            String comments = JavaText.comments(Files.readString(source));
            Matcher figure = MEASURED.matcher(comments.replaceAll("\\s*\\n\\s*\\*?\\s*", " "));
            while (figure.find()) {
                offences.add(source + ": '" + figure.group() + "' (link the report row instead)");
            }
        }
        assertEquals(List.of(), offences);
    }

    @Test
    void everyReportLinkInACommentLeadsToAReportAndAHeadingInIt() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (String root : List.of("benchmarks/src/main/java", "src/main/java")) {
            for (Path source : sources(Path.of(root))) {
                Matcher link = REPORT_LINK.matcher(JavaText.comments(Files.readString(source)));
                while (link.find()) {
                    links++;
                    Path report = Path.of("benchmarks/results", link.group(1), "REPORT.md");
                    if (!Files.exists(report)) {
                        broken.add(source + ": " + link.group() + " (no such report)");
                    } else if (link.group(2) != null && !anchors(Files.readString(report)).contains(link.group(2))) {
                        broken.add(source + ": " + link.group() + " (no such heading in the report)");
                    }
                }
            }
        }
        assertEquals(List.of(), broken);
        assertTrue(links > 0, "the benchmarks link their recorded rows");
    }

    @Test
    void theScanTellsAMeasurementFromAParameter() {
        for (String measured : List.of("Recorded on 2 cores", "virtual threads 94.6 +- 5.8 ms", "2.37x faster",
                "the loop's row is 42 times faster", "16.6 ms on 5 JVMs", "about 1.5 us", "20x20: 4.08 s",
                "about 90-100 ms", "about 17 s on the VM", "1.6-1.9 s")) {
            assertTrue(MEASURED.matcher(measured).find(), measured);
        }
        for (String parameter : List.of("10 ms of I/O per cell", "the book's 0.1 s slow system call",
                "5x9 at 10 ms: 45 x 10 ms", "one latency (10 ms) per op", "5 ms switch interval", "[0, 2) ms",
                "the machine the results were recorded on", "100,000 x 10 ms = 1,000 s", "a 5x9 grid")) {
            assertFalse(MEASURED.matcher(parameter).find(), parameter);
        }
        assertEquals(Set.of("x", "item-61", "item-61-1", "item-61-quick-profile-a-look-not-a-result",
                "item-61-under-load-java-and-cpython"), anchors("# x\n## Item 61\n## Item 61\n"
                + "## Item 61 (quick profile: a look, not a result)\n### Item 61 under load: Java and CPython\n"));
    }

    /** The anchors GitHub makes of a markdown file's headings: lower case, punctuation dropped, spaces to '-'. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        Matcher heading = HEADING.matcher(markdown);
        while (heading.find()) {
            String slug = heading.group(1).strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-');
            int repeat = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(repeat == 0 ? slug : slug + "-" + repeat);
        }
        return anchors;
    }

    private static List<Path> sources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
        }
    }
}
