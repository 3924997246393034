package workbench.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

import com.google.gson.JsonObject;

/**
 * A result file's sidecar ({@code itemNN.machine.json}, {@code python-itemNN.machine.json}): the machine, the run,
 * when, and how busy the machine was. Only its plain fields are kept, as text; an absent sidecar reads as empty.
 */
public record Sidecar(Map<String, String> fields) {

    public static final Sidecar NONE = new Sidecar(Map.of());

    public Sidecar {
        fields = Map.copyOf(fields);
    }

    /** The sidecar beside a result file: {@code item53.json}'s is {@code item53.machine.json}. */
    public static Path beside(Path resultFile) {
        return resultFile.resolveSibling(resultFile.getFileName().toString().replaceAll("\\.json$", ".machine.json"));
    }

    /** The sidecar at {@code file}, or {@link #NONE} when there is none. */
    public static Sidecar readIfAny(Path file) throws IOException {
        if (!Files.exists(file)) {
            return NONE;
        }
        return JsonFiles.read(file, json -> {
            Map<String, String> fields = new TreeMap<>();
            JsonObject object = json.getAsJsonObject();
            object.entrySet().stream().filter(e -> e.getValue().isJsonPrimitive())
                    .forEach(e -> fields.put(e.getKey(), e.getValue().getAsString()));
            return new Sidecar(fields);
        });
    }

    public Optional<String> text(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    /** A numeric field; empty when absent or not a number. */
    public OptionalDouble number(String key) {
        String value = fields.get(key);
        if (value == null) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(value));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
