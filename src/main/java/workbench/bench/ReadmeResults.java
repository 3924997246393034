package workbench.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The README's results section, generated from the results folder: one line per machine linking its
 * {@value Report#REPORT_FILE}, then per machine one line per item saying how Java compares with CPython there, then
 * the link to {@link Scaling}'s comparison across machines.
 */
public final class ReadmeResults {

    private ReadmeResults() {
    }

    /** The section for the results under {@code root}. */
    public static String section(Path root) throws IOException {
        StringBuilder md = new StringBuilder();
        List<Path> dirs = ResultsFolder.machineDirs(root);
        if (dirs.isEmpty()) {
            return "No results recorded yet: run `java -jar target/workbench.jar bench all`, then"
                    + " `java -jar target/workbench.jar report`.\n";
        }
        md.append("| Machine | Cores | CPU | JDK | Items recorded | Report |\n|---|---:|---|---|---|---|\n");
        for (Path dir : dirs) {
            List<ResultsFolder.ItemResults> items = ResultsFolder.read(dir);
            Map<String, Object> machine = ResultsFolder.machine(dir);
            String rel = root.resolve(dir.getFileName()).resolve(Report.REPORT_FILE).toString().replace('\\', '/');
            md.append("| ").append(dir.getFileName()).append(" | ").append(machine.getOrDefault("cores", "?"))
                    .append(" | ").append(machine.getOrDefault("cpuModel", "?"))
                    .append(" | ").append(machine.getOrDefault("jdk", "?"))
                    .append(" | ").append(Stream.concat(items.stream().map(i -> i.item() + (i.quick() ? " (quick)" : "")),
                                    LoadResults.items(dir).stream().map(item -> item + " (load)"))
                            .collect(Collectors.joining(", ")))
                    .append(" | [REPORT.md](").append(rel).append(") |\n");
        }
        for (Path dir : dirs) {
            md.append('\n').append(javaBesideCPython(dir));
        }
        return md.append('\n').append(Scaling.readmeLine(root)).toString();
    }

    /** One line per item of a machine: how Java compares with CPython there (or why no ratio is taken). */
    static String javaBesideCPython(Path machineDir) throws IOException {
        StringBuilder md = new StringBuilder("Java beside CPython on " + machineDir.getFileName()
                + " (from each item's combined table in its REPORT.md):\n\n");
        for (ResultsFolder.ItemResults item : ResultsFolder.read(machineDir)) {
            if (!item.quick()) {
                md.append("- ").append(SideBySide.readmeLine(SideBySide.of(machineDir, item), item.item()))
                        .append('\n');
            }
        }
        for (int item : LoadResults.items(machineDir)) {
            md.append("- ").append(LoadResults.readmeLine(machineDir, item)).append('\n');
        }
        return md.toString();
    }
}
