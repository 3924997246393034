package workbench.notebook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Jupyter notebook (nbformat 4.5) as plain JSON values: read, changed in place, written back in Jupyter's own
 * layout ({@link JupyterJson}). Everything the workbench does not touch (cell metadata, extra keys) survives a
 * round trip.
 */
public final class Notebook {

    /** What {@code java -jar rapaio-jupyter-kernel-<v>.jar -i -auto} installs: kernel dir and language. */
    public static final String KERNEL_NAME = "rapaio-jupyter-kernel";
    public static final String KERNEL_DISPLAY_NAME = "Java (rapaio)";
    public static final String KERNEL_LANGUAGE = "java";

    private final Map<String, Object> json;

    private Notebook(Map<String, Object> json) {
        this.json = json;
    }

    /** A new, empty notebook for the rapaio Java kernel. */
    public static Notebook create() {
        Map<String, Object> kernelspec = new LinkedHashMap<>();
        kernelspec.put("display_name", KERNEL_DISPLAY_NAME);
        kernelspec.put("language", KERNEL_LANGUAGE);
        kernelspec.put("name", KERNEL_NAME);
        Map<String, Object> languageInfo = new LinkedHashMap<>();
        languageInfo.put("codemirror_mode", "java");
        languageInfo.put("file_extension", ".jshell");
        languageInfo.put("mimetype", "text/x-java-source");
        languageInfo.put("name", "java");
        languageInfo.put("pygments_lexer", "java");
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("kernelspec", kernelspec);
        metadata.put("language_info", languageInfo);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cells", new ArrayList<>());
        json.put("metadata", metadata);
        json.put("nbformat", 4L);
        json.put("nbformat_minor", 5L);
        return new Notebook(json);
    }

    public static Notebook read(Path path) throws IOException {
        try {
            return parse(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Notebook parse(String text) {
        if (!(JupyterJson.parse(text) instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("a notebook is a JSON object");
        }
        Notebook notebook = new Notebook((Map<String, Object>) map);
        if (!Long.valueOf(4).equals(map.get("nbformat"))) {
            throw new IllegalArgumentException("not an nbformat 4 notebook (nbformat: " + map.get("nbformat") + ")");
        }
        if (!(map.get("cells") instanceof List<?>)) {
            throw new IllegalArgumentException("a notebook needs a list of cells");
        }
        return notebook;
    }

    /** The notebook's JSON text, as Jupyter would save it. */
    public String toJson() {
        return JupyterJson.write(json);
    }

    public void write(Path path) throws IOException {
        Files.writeString(path, toJson(), StandardCharsets.UTF_8);
    }

    /** The cells, live: changes show in {@link #toJson()}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> cells() {
        return (List<Map<String, Object>>) json.get("cells");
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> metadata() {
        return (Map<String, Object>) json.computeIfAbsent("metadata", k -> new LinkedHashMap<>());
    }

    /** The kernelspec's {@code name}, or empty text when it has none. */
    @SuppressWarnings("unchecked")
    public String kernelName() {
        Object spec = metadata().get("kernelspec");
        return spec instanceof Map<?, ?> map && map.get("name") instanceof String name ? name : "";
    }

    public Notebook markdown(String id, String text) {
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("cell_type", "markdown");
        cell.put("id", id);
        cell.put("metadata", new LinkedHashMap<>());
        cell.put("source", lines(text));
        cells().add(cell);
        return this;
    }

    public Notebook code(String id, String text) {
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("cell_type", "code");
        cell.put("execution_count", null);
        cell.put("id", id);
        cell.put("metadata", new LinkedHashMap<>());
        cell.put("outputs", new ArrayList<>());
        cell.put("source", lines(text));
        cells().add(cell);
        return this;
    }

    public static boolean isCode(Map<String, Object> cell) {
        return "code".equals(cell.get("cell_type"));
    }

    /** A cell's source as one text, whether stored as a string or as a list of lines. */
    public static String source(Map<String, Object> cell) {
        return multiline(cell.get("source"));
    }

    /** nbformat's "multiline string": a string, or a list of strings to concatenate. */
    static String multiline(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        StringBuilder text = new StringBuilder();
        for (Object line : (List<?>) value) {
            text.append((String) line);
        }
        return text.toString();
    }

    /** Splits text into lines that keep their {@code \n}, as Jupyter stores sources and stream text. */
    static List<Object> lines(String text) {
        List<Object> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                lines.add(text.substring(start));
                break;
            }
            lines.add(text.substring(start, end + 1));
            start = end + 1;
        }
        return lines;
    }
}
