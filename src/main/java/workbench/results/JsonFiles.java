package workbench.results;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * Reads the recorded JSON files (JMH's results, their machine sidecars, CPython's rows). A file that is not JSON,
 * or not of the shape its reader expects, is an {@link IOException} that names the file: a user reads which file is
 * corrupt, not Gson's exception.
 */
public final class JsonFiles {

    /** Turns a file's JSON into what the caller needs; Gson's {@code getAs...} throw when the shape is wrong. */
    @FunctionalInterface
    public interface Shape<T> {
        T of(JsonElement json) throws IOException;
    }

    private JsonFiles() {
    }

    public static <T> T read(Path file, Shape<T> shape) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new IOException("cannot read " + file + ": not UTF-8 text", e);
        }
        try {
            return shape.of(JsonParser.parseString(text));
        } catch (RuntimeException e) {  // Gson's syntax errors, and a getAs... on the wrong shape
            throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
