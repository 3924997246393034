package workbench.notebook;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import workbench.annotations.GuardedBy;
import workbench.annotations.ThreadSafe;

/**
 * What one cell produced, in the order it was produced: stdout and stderr text (consecutive writes to one stream
 * merge, as Jupyter merges them) and display data. Threads the cell starts may write concurrently.
 */
@ThreadSafe
final class CellOutput {

    private final String noise;

    @GuardedBy("this")
    private final List<Object> parts = new ArrayList<>();

    final PrintStream out = new PrintStream(new Sink("stdout"), true, StandardCharsets.UTF_8);
    final PrintStream err = new PrintStream(new Sink("stderr"), true, StandardCharsets.UTF_8);

    /** @param noise text removed from stream outputs (the working directory's absolute path and a separator) */
    CellOutput(String noise) {
        this.noise = noise;
    }

    synchronized void display(Map<String, Object> output) {
        parts.add(output);
    }

    private synchronized void write(String name, byte[] bytes, int offset, int length) {
        if (!parts.isEmpty() && parts.get(parts.size() - 1) instanceof Chunk chunk && chunk.name.equals(name)) {
            chunk.bytes.write(bytes, offset, length);
            return;
        }
        Chunk chunk = new Chunk(name, new ByteArrayOutputStream());
        chunk.bytes.write(bytes, offset, length);
        parts.add(chunk);
    }

    /** The nbformat outputs, in order. */
    synchronized List<Object> outputs() {
        out.flush();
        err.flush();
        List<Object> outputs = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Chunk chunk) {
                String text = chunk.bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
                if (!noise.isEmpty()) {
                    text = text.replace(noise, "");
                }
                Map<String, Object> stream = new LinkedHashMap<>();
                stream.put("name", chunk.name);
                stream.put("output_type", "stream");
                stream.put("text", Notebook.lines(text));
                outputs.add(stream);
            } else {
                outputs.add(part);
            }
        }
        return outputs;
    }

    private record Chunk(String name, ByteArrayOutputStream bytes) {
    }

    private final class Sink extends OutputStream {
        private final String name;

        Sink(String name) {
            this.name = name;
        }

        @Override
        public void write(int b) {
            CellOutput.this.write(name, new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            CellOutput.this.write(name, bytes, offset, length);
        }
    }
}
