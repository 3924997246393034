package workbench.notebook;

import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs a notebook's code cells for real, in order, in one JShell ({@code jdk.jshell}) per notebook, on this JVM's
 * own class path, and writes what they printed back into the cells as nbformat 4 outputs: {@code stream} for
 * stdout and stderr, {@code display_data} for {@link Display}, {@code execute_result} for a cell that ends in an
 * expression, {@code error} for a compile error, an exception or an incomplete cell. Execution stops at the first
 * error, as {@code jupyter nbconvert --execute} does; the cells after it are left without outputs.
 *
 * <p>Snippets run in this JVM, as the rapaio kernel runs them in its own, so a cell sees the workbench's classes as
 * they are and {@link Display} reaches the executor directly. They run on the executor's own cell thread
 * ({@link InPlace}), not through JShell's "local" engine: that engine starts each snippet on a new thread and then
 * joins, without a bound, every thread of its group alive at that moment, so a snippet such as
 * {@code var loop = EventLoop.start(...)} whose thread a later cell stops hangs the notebook whenever the new
 * thread is seen in time (a race: seen in one notebook run of about ten). While a cell runs, {@code System.out}
 * and {@code System.err} are the cell's: run one notebook at a time.
 *
 * <p>Magic lines of the rapaio kernel that put the workbench on the class path ({@code %jar}, {@code %%jars},
 * {@code %classpath}) are accepted and do nothing here: the class path is already the executor's.
 */
public final class NotebookExecutor {

    /** The longest one cell may run before the notebook fails. */
    public static final Duration DEFAULT_CELL_TIMEOUT = Duration.ofMinutes(2);

    /** One thing that went wrong in one cell. */
    public record Problem(int cell, String kind, String message) {
        @Override
        public String toString() {
            return "cell " + cell + ": " + kind + ": " + message;
        }
    }

    private final Duration cellTimeout;

    public NotebookExecutor(Duration cellTimeout) {
        this.cellTimeout = cellTimeout;
    }

    public NotebookExecutor() {
        this(DEFAULT_CELL_TIMEOUT);
    }

    /** Whether this runtime has JShell (a full JDK does; a trimmed jlink image may not). */
    public static boolean available() {
        return ModuleLayer.boot().findModule("jdk.jshell").isPresent();
    }

    /**
     * Executes every code cell of {@code notebook}, replacing its outputs and execution counts, and returns the
     * problems (empty when every cell ran cleanly).
     */
    public List<Problem> execute(Notebook notebook) throws InterruptedException {
        List<Problem> problems = new ArrayList<>();
        String noise = Path.of("").toAbsolutePath() + File.separator;
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "notebook-cell-runner");
            thread.setDaemon(true);
            return thread;
        });
        JShell shell = JShell.builder().executionEngine(new InPlace(), Map.of()).build();
        try {
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    shell.addToClasspath(entry);
                }
            }
            long count = 0;
            List<Map<String, Object>> cells = notebook.cells();
            for (int i = 0; i < cells.size(); i++) {
                Map<String, Object> cell = cells.get(i);
                if (!Notebook.isCode(cell)) {
                    continue;
                }
                cell.put("outputs", new ArrayList<>());
                cell.put("execution_count", null);
                String source = Notebook.source(cell);
                if (!problems.isEmpty() || source.isBlank()) {
                    continue;
                }
                cell.put("execution_count", ++count);
                CellOutput output = new CellOutput(noise);
                Problem problem = runCell(shell, runner, i + 1, source, output, count);
                List<Object> outputs = output.outputs();
                if (problem != null) {
                    problems.add(problem);
                    outputs.add(error(problem));
                }
                cell.put("outputs", outputs);
            }
        } finally {
            runner.shutdownNow();
            shell.close();
            runner.awaitTermination(5, TimeUnit.SECONDS);
        }
        return problems;
    }

    private Problem runCell(JShell shell, ExecutorService runner, int cellNumber, String source, CellOutput output,
            long count) throws InterruptedException {
        String magic = source.strip();
        if (magic.startsWith("%")) {
            return runMagic(cellNumber, magic);
        }
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        Display.sink(output::display);
        System.setOut(output.out);
        System.setErr(output.err);
        try {
            Future<Problem> run = runner.submit(() -> evalCell(shell, cellNumber, source, output, count));
            try {
                return run.get(cellTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                shell.stop();
                run.cancel(true);
                return new Problem(cellNumber, "timeout", "the cell ran longer than " + cellTimeout.toSeconds()
                        + " s; keep notebook cells quick (small parameters)");
            } catch (ExecutionException e) {
                return new Problem(cellNumber, "executor failure", String.valueOf(e.getCause()));
            }
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            Display.sink(null);
        }
    }

    private static Problem runMagic(int cellNumber, String magic) {
        String first = magic.lines().findFirst().orElse("").strip();
        String name = first.split("\\s+", 2)[0];
        return switch (name) {
            // The rapaio kernel's ways to add the workbench to its class path: here it is already there.
            case "%jar", "%%jars", "%classpath" -> null;
            default -> new Problem(cellNumber, "unsupported magic", "'" + name + "' is not run by the"
                    + " workbench's executor; only %jar, %%jars and %classpath are (and do nothing here)");
        };
    }

    /** Splits the cell into snippets with JShell's own analysis and evaluates them one by one. */
    private static Problem evalCell(JShell shell, int cellNumber, String source, CellOutput output, long count) {
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String remaining = source;
        String lastValue = null;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case EMPTY -> {
                    return finish(output, lastValue, count);
                }
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return new Problem(cellNumber, "incomplete", "the cell ends inside a statement or declaration: "
                            + firstLine(remaining));
                }
                default -> {
                    // COMPLETE, COMPLETE_WITH_SEMI (source() adds the semicolon), UNKNOWN (eval reports the error)
                }
            }
            String snippet = info.source() != null && !info.source().isBlank() ? info.source() : remaining;
            lastValue = null;
            for (SnippetEvent event : shell.eval(snippet)) {
                if (event.causeSnippet() != null) {
                    continue;
                }
                if (event.status() == Snippet.Status.REJECTED) {
                    return new Problem(cellNumber, "compile error", diagnostics(shell, event.snippet()));
                }
                if (event.exception() != null) {
                    return new Problem(cellNumber, "exception", describe(event.exception()));
                }
                if (event.value() != null && showsValue(event.snippet())) {
                    lastValue = event.value();
                }
            }
            if (info.remaining().equals(remaining)) {
                return new Problem(cellNumber, "incomplete", "JShell cannot split: " + firstLine(remaining));
            }
            remaining = info.remaining();
        }
        return finish(output, lastValue, count);
    }

    private static Problem finish(CellOutput output, String lastValue, long count) {
        if (lastValue != null && !lastValue.isEmpty()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("text/plain", Notebook.lines(lastValue));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("data", data);
            result.put("execution_count", count);
            result.put("metadata", new LinkedHashMap<>());
            result.put("output_type", "execute_result");
            output.display(result);
        }
        return null;
    }

    /** An expression whose value a notebook shows (not a declaration, whose value JShell also reports). */
    private static boolean showsValue(Snippet snippet) {
        return switch (snippet.subKind()) {
            case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND -> true;
            default -> false;
        };
    }

    private static String diagnostics(JShell shell, Snippet snippet) {
        StringBuilder text = new StringBuilder();
        String source = snippet.source();
        shell.diagnostics(snippet).filter(Diag::isError).forEach(diag -> {
            int position = (int) Math.max(0, Math.min(diag.getStartPosition(), source.length()));
            int lineStart = source.lastIndexOf('\n', position - 1) + 1;
            int lineEnd = source.indexOf('\n', position);
            String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(diag.getMessage(Locale.ROOT)).append('\n')
                    .append(line).append('\n')
                    .append(" ".repeat(Math.max(0, position - lineStart))).append('^');
        });
        return text.isEmpty() ? "rejected: " + firstLine(source) : text.toString();
    }

    private static String describe(Throwable thrown) {
        StringBuilder text = new StringBuilder();
        Throwable current = thrown;
        for (int depth = 0; current != null && depth < 5; depth++, current = current.getCause()) {
            String name = current instanceof EvalException eval ? eval.getExceptionClassName()
                    : current instanceof UnresolvedReferenceException unresolved
                    ? "unresolved reference to " + unresolved.getSnippet().source().strip()
                    : current.getClass().getName();
            text.append(depth == 0 ? "" : "\nCaused by: ").append(name);
            if (current.getMessage() != null) {
                text.append(": ").append(current.getMessage());
            }
            for (StackTraceElement frame : current.getStackTrace()) {
                String where = frame.getClassName();
                if (where.startsWith("jdk.jshell.") || where.startsWith("jdk.internal.reflect.")
                        || where.startsWith("java.lang.reflect.") || where.startsWith("java.util.concurrent.")) {
                    continue;
                }
                text.append("\n\tat ").append(frame.getFileName() != null && frame.getFileName().startsWith("#")
                        ? "snippet " + frame.getFileName() + ", line " + frame.getLineNumber() : frame);
            }
        }
        return text.toString();
    }

    /**
     * An nbformat {@code error} output: for an exception its class and message (as Jupyter's own kernels write
     * them), otherwise the kind of problem and the first line of its message.
     */
    private static Map<String, Object> error(Problem problem) {
        List<String> lines = problem.message().lines().toList();
        String first = lines.isEmpty() ? "" : lines.get(0);
        String ename = problem.kind();
        String evalue = first;
        if (problem.kind().equals("exception")) {
            int colon = first.indexOf(": ");
            ename = colon < 0 ? first : first.substring(0, colon);
            evalue = colon < 0 ? "" : first.substring(colon + 2);
        }
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("ename", ename);
        error.put("evalue", evalue);
        error.put("output_type", "error");
        error.put("traceback", new ArrayList<Object>(lines));
        return error;
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("");
    }

    /**
     * JShell's in-process engine without the "local" engine's snippet thread: a snippet runs on the thread that
     * evaluates it (the executor's cell thread), and threads it starts are its own business, left to the cell that
     * stops them and to the caller's leak checks. {@link #stop} interrupts the snippet, which is how a cell that
     * runs past its timeout is ended.
     */
    static final class InPlace implements ExecutionControlProvider {

        @Override
        public String name() {
            return "workbench-in-place";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            return new DirectExecutionControl() {
                private volatile Thread running;

                @Override
                protected String invoke(Method doit) throws Exception {
                    running = Thread.currentThread();
                    try {
                        return super.invoke(doit);
                    } finally {
                        running = null;
                    }
                }

                @Override
                public void stop() {
                    Thread thread = running;
                    if (thread != null) {
                        thread.interrupt();
                    }
                }
            };
        }
    }
}
