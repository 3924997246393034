package workbench.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** This machine as the results folder names it: its core count and CPU model, and the folder they make. */
public final class ThisMachine {

    private ThisMachine() {
    }

    public static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** This machine's results folder name: {@code 2cpu-intel-xeon-platinum-8481c}. */
    public static String folderName() {
        return folderName(cores(), cpuModel());
    }

    /** The results folder name of a machine with {@code cores} cores of {@code cpuModel}. */
    public static String folderName(int cores, String cpuModel) {
        String slug = cpuModel.toLowerCase(Locale.ROOT)
                .replaceAll("\\((r|tm)\\)", "")
                .replaceAll("\\b(cpu|processor|\\d+-core)\\b", "")
                .replaceAll("@.*$", "")
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        return cores + "cpu-" + (slug.isEmpty() ? "unknown" : slug);
    }

    /** The CPU's model name ({@code /proc/cpuinfo}, else Windows' {@code PROCESSOR_IDENTIFIER}, else the arch). */
    public static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            try (var lines = Files.lines(cpuinfo)) {
                return lines.filter(line -> line.startsWith("model name"))
                        .map(line -> line.substring(line.indexOf(':') + 1).strip())
                        .findFirst().orElse(System.getProperty("os.arch"));
            } catch (IOException | UncheckedIOException e) {
                return System.getProperty("os.arch");
            }
        }
        String env = System.getenv("PROCESSOR_IDENTIFIER");
        return env != null ? env : System.getProperty("os.arch");
    }
}
