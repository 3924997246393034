package workbench.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import workbench.Catalog;
import workbench.bench.Machine;

/**
 * An item's recorded benchmark results for a notebook cell: its section of
 * {@code benchmarks/results/<machine-id>/REPORT.md} and its charts ({@code item52-<benchmark>.png}), both written
 * by {@code workbench report}; or, where this machine has none yet, how to record them.
 */
public final class BenchmarkResults {

    private BenchmarkResults() {
    }

    /** Shows Item {@code number}'s results for this machine (2nd- or 3rd-edition number). */
    public static void show(int number) {
        show(number, Notebooks.projectRoot().resolve("benchmarks").resolve("results"), Machine.current().id());
    }

    static void show(int number, Path resultsRoot, String machineId) {
        Catalog.Item item = Catalog.require(number);
        Path dir = resultsRoot.resolve(machineId);
        Path report = dir.resolve("REPORT.md");
        List<Path> charts = charts(dir, item.number());
        if (!Files.isRegularFile(report) && charts.isEmpty()) {
            System.out.println("No recorded results yet for this machine (" + machineId + "); run `java -jar"
                    + " target/workbench.jar bench " + item.number() + "`, then `java -jar target/workbench.jar"
                    + " report`, and execute this notebook again.");
            List<String> others = otherMachines(resultsRoot, machineId, item.number());
            if (!others.isEmpty()) {
                System.out.println("Results recorded on other machines: " + String.join(", ", others)
                        + " (under benchmarks/results/).");
            }
            return;
        }
        if (Files.isRegularFile(report)) {
            String section = section(read(report), item.number());
            if (section.isEmpty()) {
                System.out.println("REPORT.md for " + machineId + " has no section for Item " + item.number()
                        + " yet; run `java -jar target/workbench.jar report`.");
            } else {
                Display.markdown(section);
            }
        }
        charts.forEach(Display::png);
    }

    /**
     * The Markdown sections headed "Item NN" (each up to the next heading of its level or higher; a report may hold
     * a full and a quick section for one item), without their image links (the notebook shows the charts itself,
     * and the links are relative to the report's folder), or "" when there is none.
     */
    static String section(String markdown, int number) {
        Pattern heading = Pattern.compile("^(#+)\\s.*\\bItem\\s*" + number + "\\b.*$");
        List<String> lines = markdown.lines().toList();
        List<String> sections = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            var match = heading.matcher(lines.get(i));
            if (!match.matches()) {
                continue;
            }
            int level = match.group(1).length();
            StringBuilder section = new StringBuilder(lines.get(i)).append('\n');
            int j = i + 1;
            for (; j < lines.size(); j++) {
                String line = lines.get(j);
                int hashes = line.length() - line.replaceFirst("^#+", "").length();
                if (hashes > 0 && hashes <= level && line.startsWith("#".repeat(hashes) + " ")) {
                    break;
                }
                if (!line.strip().matches("!\\[[^\\]]*]\\([^)]*\\)")) {
                    section.append(line).append('\n');
                }
            }
            sections.add(section.toString().strip().replaceAll("\n{3,}", "\n\n"));
            i = j - 1;
        }
        return sections.isEmpty() ? "" : String.join("\n\n", sections) + "\n";
    }

    private static List<Path> charts(Path dir, int number) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("item" + number + "-.+\\.png"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> otherMachines(Path resultsRoot, String machineId, int number) {
        List<String> machines = new ArrayList<>();
        if (!Files.isDirectory(resultsRoot)) {
            return machines;
        }
        try (Stream<Path> dirs = Files.list(resultsRoot)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String name = dir.getFileName().toString();
                if (!name.equals(machineId) && (Files.isRegularFile(dir.resolve("REPORT.md"))
                        || !charts(dir, number).isEmpty()
                        || Files.isRegularFile(dir.resolve("item" + number + ".json")))) {
                    machines.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return machines;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
