package workbench.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.api.io.TempDir;

import workbench.Catalog;
import workbench.Workbench;
import workbench.testing.NoLeaks;

/**
 * The checked-in notebooks: every code cell of every notebook runs cleanly through the JShell executor (and
 * leaves no thread or child process behind), every
 * built item has a notebook, the index is the catalogue's, and the files are what Jupyter would save.
 */
class NotebooksTest {

    private static final Path ROOT = Path.of("").toAbsolutePath();

    /**
     * Every code cell of every notebook, run for real: tagged slow (about a hundred seconds on 2 cores, most of it
     * the timeline cells recording every way of every example), so CI runs it in its second pass, after the
     * README's test command.
     */
    @TestFactory
    @Tag("slow")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    Stream<DynamicTest> everyCodeCellRunsCleanly() throws Exception {
        NotebookExecutor executor = new NotebookExecutor(Duration.ofSeconds(60));
        return Notebooks.all(ROOT).stream().map(file -> DynamicTest.dynamicTest(ROOT.relativize(file).toString(),
                () -> {
                    assumeTrue(NotebookExecutor.available(), "this runtime has no jdk.jshell module");
                    Notebooks.Outcome outcome = NoLeaks.check(
                            (ThrowingSupplier<Notebooks.Outcome>) () -> Notebooks.execute(file, ROOT, false, executor));
                    if (!outcome.ok()) {
                        fail(file.getFileName() + " failed under the JShell executor (run `java -jar"
                                + " target/workbench.jar notebooks --execute " + ROOT.relativize(file)
                                + "` to see it in the notebook):\n  "
                                + String.join("\n  ", outcome.problems().stream().map(Object::toString).toList()));
                    }
                }));
    }

    @Test
    void everyBuiltItemHasANotebook() {
        List<String> missing = Notebooks.missing(ROOT).stream()
                .map(item -> item.label() + " -> " + item.notebookPath()).toList();
        assertEquals(List.of(), missing, "built items without a notebook; start one with `java -jar"
                + " target/workbench.jar notebooks --new <item>` and see notebooks/README.md");
    }

    @Test
    void everyNotebookBelongsToAnItemOrIsTheIndex() throws Exception {
        List<String> known = Catalog.items().stream()
                .map(item -> Path.of(item.notebookPath()).getFileName().toString()).toList();
        for (Path file : Notebooks.all(ROOT)) {
            String name = file.getFileName().toString();
            assertTrue(name.equals("index.ipynb") || known.contains(name),
                    name + " is neither index.ipynb nor a catalogue item's notebook (itemNN-<slug>.ipynb)");
        }
    }

    @Test
    void theIndexIsTheCatalogues() throws Exception {
        Path index = ROOT.resolve(Notebooks.INDEX);
        assertTrue(Files.isRegularFile(index), Notebooks.INDEX + " is missing");
        assertTrue(Notebooks.sameCells(Notebook.read(index), Notebooks.index(ROOT)),
                Notebooks.INDEX + " drifted from the catalogue; regenerate it with `java -jar target/workbench.jar"
                        + " notebooks --execute " + Notebooks.INDEX + "`");
    }

    @Test
    void notebooksAreInJupytersLayoutForTheJavaKernel() throws Exception {
        for (Path file : Notebooks.all(ROOT)) {
            String text = Files.readString(file);
            Notebook notebook = Notebook.read(file);
            assertEquals(text, notebook.toJson(), file + " is not in Jupyter's own layout (sorted keys, one-space"
                    + " indent): re-execute it with `java -jar target/workbench.jar notebooks --execute`");
            assertEquals(Notebook.KERNEL_NAME, notebook.kernelName(), file + ": kernelspec");
            assertEquals(5L, ((Number) JupyterJsonAccess.get(text, "nbformat_minor")).longValue());
        }
    }

    @Test
    void itemNotebooksCallTheItemsOwnClasses() throws Exception {
        for (Catalog.Item item : Catalog.items()) {
            Path file = ROOT.resolve(item.notebookPath());
            if (!Files.isRegularFile(file)) {
                continue;
            }
            String code = String.join("\n", Notebook.read(file).cells().stream()
                    .filter(Notebook::isCode).map(Notebook::source).toList());
            assertTrue(code.contains(item.packageName()), file + " never uses " + item.packageName());
            assertTrue(code.contains("BenchmarkResults.show(" + item.number() + ")"),
                    file + " does not show the item's benchmark results");
        }
    }

    @Test
    void aSkeletonHasEverySectionAndTheItemsClasses() {
        Catalog.Item item = Catalog.require(53);
        Notebook skeleton = Notebooks.skeleton(item);
        String all = String.join("\n", skeleton.cells().stream().map(Notebook::source).toList());
        for (String part : List.of("# Item 53 (3rd ed. 68)", "```python", "%jar ../target/workbench.jar",
                "import workbench.item53.*;", "BenchmarkResults.show(53);", "## What to try next")) {
            assertTrue(all.contains(part), part);
        }
        assertEquals(skeleton.toJson(), Notebook.parse(skeleton.toJson()).toJson());
    }

    @Test
    void cliListsNotebooksAndRefusesUnknownItems() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertEquals(0, Workbench.execute(o, e, "notebooks"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("notebooks/index.ipynb"), out.toString());
        assertEquals(Workbench.USAGE, Workbench.execute(o, e, "notebooks", "--new", "99"));
        assertEquals(1, Workbench.execute(o, e, "notebooks", "--check", "notebooks/no-such.ipynb"));
        assertFalse(Files.exists(ROOT.resolve("notebooks/no-such.ipynb")));
    }

    @Test
    void cliWritesASkeletonAndTheIndexIntoAProject(@TempDir Path project) throws Exception {
        Files.createDirectories(project.resolve("notebooks"));
        Files.writeString(project.resolve("pom.xml"), "<project/>");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        String root = "--root=" + project;

        assertEquals(0, Workbench.execute(o, o, "notebooks", root, "--new", "68"));
        assertEquals(1, Workbench.execute(o, o, "notebooks", root, "--new", "53"), "never overwrites");
        assertEquals(0, Workbench.execute(o, o, "notebooks", root, "--index"));

        Path skeleton = project.resolve(Catalog.require(53).notebookPath());
        assertEquals(Notebooks.skeleton(Catalog.require(53)).toJson(), Files.readString(skeleton));
        String index = Files.readString(project.resolve(Notebooks.INDEX));
        assertTrue(index.contains("[item53-threads-blocking-io.ipynb](item53-threads-blocking-io.ipynb)"), index);
        assertTrue(index.contains("| 54 | 69 |"), index);
    }

    /** Reads one top-level key straight from the file's JSON. */
    private static final class JupyterJsonAccess {
        static Object get(String text, String key) {
            return ((Map<?, ?>) JupyterJson.parse(text)).get(key);
        }
    }
}
