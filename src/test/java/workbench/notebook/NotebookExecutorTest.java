package workbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NotebookExecutorTest {

    private static final NotebookExecutor EXECUTOR = new NotebookExecutor(Duration.ofSeconds(30));

    @BeforeAll
    static void needsJShell() {
        assumeTrue(NotebookExecutor.available(), "this runtime has no jdk.jshell module");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> outputs(Notebook notebook, int cell) {
        return (List<Map<String, Object>>) notebook.cells().get(cell).get("outputs");
    }

    private static String text(Map<String, Object> output) {
        return Notebook.multiline(output.get("text"));
    }

    @Test
    void writesStreamsResultsAndCountsInOrder() throws Exception {
        Notebook notebook = Notebook.create()
                .markdown("m", "# title\n")
                .code("a", "%jar ../target/workbench.jar\n")
                .code("b", "int x = 20;\nSystem.out.println(\"out \" + x);\nSystem.err.println(\"err\");\n"
                        + "System.out.println(\"out again\");\n")
                .code("c", "   \n")
                .code("d", "// the last expression is the cell's result\nx + 22");

        assertEquals(List.of(), EXECUTOR.execute(notebook));

        assertEquals(1L, notebook.cells().get(1).get("execution_count"));
        assertEquals(List.of(), outputs(notebook, 1));
        List<Map<String, Object>> b = outputs(notebook, 2);
        assertEquals(3, b.size());
        assertEquals("stdout", b.get(0).get("name"));
        assertEquals("out 20\n", text(b.get(0)));
        assertEquals(List.of("out 20\n"), b.get(0).get("text"));
        assertEquals("stderr", b.get(1).get("name"));
        assertEquals("out again\n", text(b.get(2)));
        assertNull(notebook.cells().get(3).get("execution_count"), "a blank cell is not run");
        Map<String, Object> result = outputs(notebook, 4).get(0);
        assertEquals("execute_result", result.get("output_type"));
        assertEquals(3L, result.get("execution_count"));
        assertEquals("42", Notebook.multiline(((Map<?, ?>) result.get("data")).get("text/plain")));
    }

    @Test
    void aCompileErrorFailsTheCellAndStopsTheRun() throws Exception {
        Notebook notebook = Notebook.create()
                .code("a", "System.out.println(\"before\");\nint y = undefinedName + 1;\n")
                .code("b", "System.out.println(\"never\");\n");

        List<NotebookExecutor.Problem> problems = EXECUTOR.execute(notebook);

        assertEquals(1, problems.size());
        assertEquals("compile error", problems.get(0).kind());
        assertTrue(problems.get(0).message().contains("undefinedName"), problems.get(0).message());
        List<Map<String, Object>> a = outputs(notebook, 0);
        assertEquals("before\n", text(a.get(0)));
        assertEquals("error", a.get(1).get("output_type"));
        assertEquals("compile error", a.get(1).get("ename"));
        assertEquals(List.of(), outputs(notebook, 1));
        assertNull(notebook.cells().get(1).get("execution_count"));
    }

    @Test
    void anExceptionFailsTheCellWithItsClassAndMessage() throws Exception {
        Notebook notebook = Notebook.create()
                .code("a", "void fail() { throw new IllegalStateException(\"stuck, as predicted\"); }\nfail();\n");

        List<NotebookExecutor.Problem> problems = EXECUTOR.execute(notebook);

        assertEquals(1, problems.size());
        assertEquals("exception", problems.get(0).kind());
        Map<String, Object> error = outputs(notebook, 0).get(0);
        assertEquals("java.lang.IllegalStateException", error.get("ename"));
        assertEquals("stuck, as predicted", error.get("evalue"));
        assertTrue(String.valueOf(error.get("traceback")).contains("snippet #"), String.valueOf(error));
    }

    @Test
    void anIncompleteCellFails() throws Exception {
        Notebook notebook = Notebook.create().code("a", "for (int i = 0; i < 3; i++) {\n    System.out.println(i);\n");

        List<NotebookExecutor.Problem> problems = EXECUTOR.execute(notebook);

        assertEquals(1, problems.size());
        assertEquals("incomplete", problems.get(0).kind());
    }

    @Test
    void anUnknownMagicFails() throws Exception {
        Notebook notebook = Notebook.create().code("a", "%dependency /add com.example:x:1\n");

        assertEquals("unsupported magic", EXECUTOR.execute(notebook).get(0).kind());
    }

    @Test
    void aCellThatRunsTooLongFails() throws Exception {
        Notebook notebook = Notebook.create().code("a", "Thread.sleep(10_000);\n");

        List<NotebookExecutor.Problem> problems = new NotebookExecutor(Duration.ofMillis(500)).execute(notebook);

        assertEquals("timeout", problems.get(0).kind());
    }

    /**
     * A thread started by one snippet and stopped by a later one. JShell's "local" engine runs each snippet on a new
     * thread and then joins, unbounded, every thread of that snippet's group it sees alive: when it sees the new
     * thread in time (a race), the notebook hangs until a timeout, since only a later cell ends it. Here snippets
     * run on the executor's own cell thread, which joins nothing: every cell finishes, and the thread is gone at
     * the end.
     */
    @Test
    void aThreadThatOutlivesItsSnippetDoesNotHoldUpTheNotebook() throws Exception {
        Notebook notebook = Notebook.create()
                .code("a", "var release = new java.util.concurrent.CountDownLatch(1);\n"
                        + "Thread waiter = Thread.ofPlatform().name(\"waiter\").start(() -> {\n"
                        + "    try { release.await(20, java.util.concurrent.TimeUnit.SECONDS); }\n"
                        + "    catch (InterruptedException e) { Thread.currentThread().interrupt(); }\n"
                        + "});\n")
                .code("b", "Thread.currentThread().getName()\n")
                .code("c", "release.countDown();\nwaiter.join(java.time.Duration.ofSeconds(20))\n");

        List<NotebookExecutor.Problem> problems = new NotebookExecutor(Duration.ofSeconds(10)).execute(notebook);

        assertEquals(List.of(), problems);
        assertEquals("\"notebook-cell-runner\"", result(notebook, 1), "a snippet runs on the executor's thread");
        assertEquals("true", result(notebook, 2), "the thread ended when the last cell released it");
    }

    private static String result(Notebook notebook, int cell) {
        return Notebook.multiline(((Map<?, ?>) outputs(notebook, cell).get(0).get("data")).get("text/plain"));
    }

    @Test
    void displayBecomesDisplayData(@TempDir Path dir) throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        Path chart = dir.resolve("item52-fanOut.png");
        Files.write(chart, png);
        Notebook notebook = Notebook.create()
                .code("a", "workbench.notebook.Display.png(\"" + chart.toString().replace("\\", "\\\\") + "\");\n"
                        + "workbench.notebook.Display.markdown(\"| a |\\n|---|\\n| 1 |\\n\");\n");

        assertEquals(List.of(), EXECUTOR.execute(notebook));

        List<Map<String, Object>> outputs = outputs(notebook, 0);
        assertEquals("display_data", outputs.get(0).get("output_type"));
        Map<?, ?> image = (Map<?, ?>) outputs.get(0).get("data");
        assertEquals(Base64.getEncoder().encodeToString(png), image.get("image/png"));
        Map<?, ?> table = (Map<?, ?>) outputs.get(1).get("data");
        assertEquals("| a |\n|---|\n| 1 |\n", Notebook.multiline(table.get("text/markdown")));
    }
}
