package workbench.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import javax.imageio.ImageIO;

/**
 * Rich output from a notebook cell: a PNG chart or a Markdown table, shown in place of plain text.
 *
 * <p>One call works everywhere a cell runs. Under the workbench's executor ({@link NotebookExecutor}) it becomes a
 * {@code display_data} output in the notebook file. Under the rapaio Java kernel in Jupyter it is handed to the
 * kernel's own {@code display(...)}. Anywhere else (plain JShell, an IDE) it prints a one-line placeholder.
 */
public final class Display {

    /** Where displays go while the executor runs a cell; null otherwise. */
    private static volatile Consumer<Map<String, Object>> sink;

    private static final String RAPAIO_GLOBAL = "org.rapaio.jupyter.kernel.global.Global";

    private Display() {
    }

    /** Shows a PNG file (e.g. a benchmark chart). */
    public static void png(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image " + file, e);
        }
        Consumer<Map<String, Object>> target = sink;
        if (target != null) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("image/png", Base64.getEncoder().encodeToString(bytes));
            data.put("text/plain", Notebook.lines("<chart " + file.getFileName() + ">"));
            target.accept(displayData(data));
            return;
        }
        try {
            Object image = ImageIO.read(file.toFile());
            if (image != null && rapaioDisplay(null, image)) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode the image " + file, e);
        }
        System.out.println("[chart: " + file + "]");
    }

    public static void png(String file) {
        png(Path.of(file));
    }

    /** Shows Markdown (e.g. a results table); printed as is where Markdown cannot be rendered. */
    public static void markdown(String markdown) {
        Consumer<Map<String, Object>> target = sink;
        if (target != null) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("text/markdown", Notebook.lines(markdown));
            data.put("text/plain", Notebook.lines(markdown));
            target.accept(displayData(data));
            return;
        }
        if (!rapaioDisplay("text/markdown", markdown)) {
            System.out.println(markdown);
        }
    }

    private static Map<String, Object> displayData(Map<String, Object> data) {
        Map<String, Object> output = new LinkedHashMap<>();
        output.put("data", data);
        output.put("metadata", new LinkedHashMap<>());
        output.put("output_type", "display_data");
        return output;
    }

    /** Calls the rapaio kernel's {@code Global.display(mime, object)} when this code runs inside that kernel. */
    private static boolean rapaioDisplay(String mime, Object value) {
        for (ClassLoader loader : new ClassLoader[] {Display.class.getClassLoader(),
                Thread.currentThread().getContextClassLoader()}) {
            try {
                Class<?> global = Class.forName(RAPAIO_GLOBAL, true, loader);
                Method display = global.getMethod("display", String.class, Object.class);
                display.invoke(null, mime, value);
                return true;
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                // not inside the rapaio kernel (or it cannot render this): try the next loader, then plain text
            }
        }
        return false;
    }

    /** Installs (or, with null, removes) the executor's receiver of display outputs. */
    static void sink(Consumer<Map<String, Object>> receiver) {
        sink = receiver;
    }
}
