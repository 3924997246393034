package workbench.item55;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import workbench.proc.Child;
import workbench.proc.ChildProcessException;
import workbench.proc.JavaLauncher;

/**
 * Beyond the book: Item 55's download / resize / upload pipeline with each stage a child JVM, joined by OS pipes:
 * the Unix pipeline of Item 52 ({@link Child#startPipeline}, {@link JavaLauncher}), {@code download | resize |
 * upload}. The pipes are the queues: each stage reads items line by line from its stdin, applies its
 * {@link Stages} function (the book's identity, with the optional latency per item) and writes the item to its
 * stdout at once, so items stream and the stages run in parallel, their latencies overlapping as with one thread
 * per stage. The end of input is the sentinel: a stage exits when its stdin ends, which ends the next one's.
 *
 * <p>What it costs: a JVM start per stage and per run, and items that must be text, one line each. What it cannot
 * do: run several workers on one stage (a pipe has one reader), as Examples 23-24's threads do.
 */
public final class ProcessPipeline {

    /** The stages, in order: the argument each stage's JVM gets. */
    static final List<String> STAGES = List.of("download", "resize", "upload");

    private ProcessPipeline() {
    }

    /**
     * Pushes {@code items} through three stage JVMs and returns what the last one wrote, in order. Every stage must
     * exit with status 0 within {@code timeout}; all three are gone when this returns or throws.
     *
     * @throws IllegalArgumentException when an item is not one line of text
     */
    public static List<String> run(List<String> items, Stages stages, Duration timeout)
            throws ChildProcessException, InterruptedException {
        StringBuilder input = new StringBuilder();
        for (String item : items) {
            if (item.indexOf('\n') >= 0 || item.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("an item must be one line: " + item);
            }
            input.append(item).append('\n');
        }
        List<ProcessBuilder> builders = new ArrayList<>();
        for (String stage : STAGES) {
            builders.add(JavaLauncher.builder(ProcessPipeline.class, stage, Long.toString(stages.latency().toNanos())));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Child> children = Child.startPipeline(builders);
        try {
            children.get(0).communicate(input.toString().getBytes(UTF_8), timeout).checkExitCode();
            children.get(1).communicate(remaining(deadline)).checkExitCode();
            String out = children.get(2).communicate(remaining(deadline)).checkExitCode().stdoutText();
            return out.isEmpty() ? List.of() : List.of(out.substring(0, out.length() - 1).split("\n", -1));
        } finally {
            children.forEach(Child::close);
        }
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    /**
     * One stage: {@code <download|resize|upload> <latency in ns>}. Applies the stage to every line of stdin and
     * writes the result to stdout, flushed per item so the next stage can start on it.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2 || !STAGES.contains(args[0])) {
            System.err.println("usage: ProcessPipeline <" + String.join("|", STAGES) + "> <latency in ns>");
            System.exit(2);
        }
        Stages stages = new Stages(Duration.ofNanos(Long.parseLong(args[1])));
        UnaryOperator<Object> stage = switch (args[0]) {
            case "download" -> stages::download;
            case "resize" -> stages::resize;
            default -> stages::upload;
        };
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, UTF_8));
        Writer out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            out.write((String) stage.apply(line));
            out.write('\n');
            out.flush();
        }
        out.close();
    }
}
