package workbench.proc;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.function.Consumer;

import workbench.annotations.NotThreadSafe;

/**
 * A child's stdout read line by line as it comes: give it to {@link Child#start(ProcessBuilder, OutputStream)} and
 * each line (UTF-8, without its {@code '\n'}) goes to the consumer on the child's drain thread, which writes to it
 * alone. For a long-running child that announces things (a port it listens on) or answers in lines.
 */
@NotThreadSafe
public final class LineSink extends OutputStream {

    private final Consumer<String> onLine;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    public LineSink(Consumer<String> onLine) {
        this.onLine = onLine;
    }

    @Override
    public void write(int b) {
        if (b != '\n') {
            line.write(b);
            return;
        }
        String text = line.toString(UTF_8);
        line.reset();
        onLine.accept(text);
    }
}
