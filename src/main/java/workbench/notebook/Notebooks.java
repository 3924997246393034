package workbench.notebook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import workbench.Catalog;
import workbench.results.ResultsRoot;

/**
 * The project's notebooks: where they live, the index generated from the {@link Catalog}, the skeleton of a new
 * item's notebook, and executing a notebook file in place.
 */
public final class Notebooks {

    public static final String INDEX = "notebooks/index.ipynb";

    private Notebooks() {
    }

    /**
     * The project's root: the working directory, or its parent when a notebook runs from {@code notebooks/} (as
     * Jupyter runs it).
     */
    public static Path projectRoot() {
        return ResultsRoot.projectRoot();
    }

    /** Every notebook under {@code notebooks/}, the index first, then by name. */
    public static List<Path> all(Path root) throws IOException {
        Path dir = root.resolve("notebooks");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".ipynb"))
                    .sorted((a, b) -> a.getFileName().toString().equals("index.ipynb") ? -1
                            : b.getFileName().toString().equals("index.ipynb") ? 1 : a.compareTo(b))
                    .toList();
        }
    }

    /** The built items that have no notebook yet. */
    public static List<Catalog.Item> missing(Path root) {
        return Catalog.items().stream()
                .filter(Catalog.Item::built)
                .filter(item -> !Files.isRegularFile(root.resolve(item.notebookPath())))
                .toList();
    }

    /** The index notebook, generated from the catalogue: which items have a notebook, with links. */
    public static Notebook index(Path root) {
        StringBuilder table = new StringBuilder()
                .append("| Item | 3rd ed. | Title | The claim | Notebook |\n")
                .append("|---:|---:|---|---|---|\n");
        for (Catalog.Item item : Catalog.items()) {
            boolean written = Files.isRegularFile(root.resolve(item.notebookPath()));
            String file = Path.of(item.notebookPath()).getFileName().toString();
            table.append("| ").append(item.number())
                    .append(" | ").append(item.thirdEdition())
                    .append(" | ").append(item.title())
                    .append(" | ").append(item.claim())
                    .append(" | ").append(written ? "[" + file + "](" + file + ")"
                            : item.built() ? "not written yet" : "not built yet")
                    .append(" |\n");
        }
        return Notebook.create()
                .markdown("index-title", """
                        # The concurrency workbench: notebooks

                        One notebook per item of *Effective Python*'s concurrency chapter (2nd edition Items 52-64, \
                        3rd edition 67-79): the book's claim in our words, a Python sketch of the idea, Java code \
                        calling the workbench's own classes with its real output, the item's benchmark results, and \
                        what to try next.

                        This notebook is generated from `workbench.Catalog` (`java -jar target/workbench.jar \
                        notebooks --index`); a test fails when it drifts. How to open the notebooks in Jupyter: \
                        [README.md](README.md).
                        """)
                .markdown("index-table", table.toString())
                .markdown("index-classpath-note", """
                        The next cell puts the workbench on the rapaio kernel's class path (build it first with \
                        `mvn -q -DskipTests package`); the workbench's own executor has it already.
                        """)
                .code("index-classpath", "%jar ../target/workbench.jar\n")
                .code("index-list", """
                        for (var item : workbench.Catalog.items()) {
                            System.out.printf("Item %d (3rd ed. %d)  %-9s  %s%n", item.number(), item.thirdEdition(),
                                    item.built() ? "built" : "not built", item.title());
                        }
                        """);
    }

    /** A new item's notebook, ready to run once the item's demo exists; the TODOs say what to write. */
    public static Notebook skeleton(Catalog.Item item) {
        int n = item.number();
        return Notebook.create()
                .markdown("claim", "# " + item.label() + ": " + item.title() + "\n\n"
                        + "**The book's claim, in our words.** " + item.claim() + "\n\n"
                        + "TODO: two or three sentences more, and **In Java**: where the JVM differs. Sources: "
                        + "[Item" + n + ".java](../src/main/java/workbench/item" + n + "/Item" + n + ".java).\n")
                .markdown("python-sketch", """
                        ## The idea in Python

                        A sketch of the book's idea (ours, not the book's code):

                        ```python
                        # TODO: ten lines of Python that show the idea
                        ```
                        """)
                .markdown("classpath-note", """
                        In Jupyter (rapaio kernel) the next cell puts the workbench on the class path; build it first \
                        with `mvn -q -DskipTests package`.
                        """)
                .code("classpath", "%jar ../target/workbench.jar\n")
                .markdown("in-java", """
                        ## In Java

                        TODO: call the item's own classes with small parameters, one idea per cell (cells must run \
                        in a few seconds: the test suite runs them all). The whole demo, for a start:
                        """)
                .code("demo", "import workbench.item" + n + ".*;\n\n"
                        + "new Item" + n + "().run(workbench.demo.Narrator.stdout());\n")
                .markdown("benchmark", "## Benchmark\n\n"
                        + "TODO: what one op of `Item" + n + "Benchmark` is and what you should see. The chart "
                        + "and table come from `java -jar target/workbench.jar bench " + n + "` and `java -jar "
                        + "target/workbench.jar report` on your machine.\n")
                .code("benchmark-results", "workbench.notebook.BenchmarkResults.show(" + n + ");\n")
                .markdown("next", """
                        ## What to try next

                        - TODO
                        """);
    }

    /** Whether two notebooks have the same cells (types and sources), outputs aside. */
    public static boolean sameCells(Notebook a, Notebook b) {
        List<Map<String, Object>> x = a.cells();
        List<Map<String, Object>> y = b.cells();
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!String.valueOf(x.get(i).get("cell_type")).equals(String.valueOf(y.get(i).get("cell_type")))
                    || !Notebook.source(x.get(i)).equals(Notebook.source(y.get(i)))) {
                return false;
            }
        }
        return true;
    }

    /** What executing one file found. */
    public record Outcome(Path file, int codeCells, List<NotebookExecutor.Problem> problems, boolean changed) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Executes {@code file}; with {@code write}, writes the outputs back (only when they changed). The index is
     * regenerated from the catalogue first, for the project at {@code root}.
     */
    public static Outcome execute(Path file, Path root, boolean write, NotebookExecutor executor)
            throws IOException, InterruptedException {
        Notebook notebook = isIndex(file) ? index(root) : Notebook.read(file);
        String before = Files.isRegularFile(file) ? Files.readString(file) : "";
        List<NotebookExecutor.Problem> problems = new ArrayList<>(executor.execute(notebook));
        int code = (int) notebook.cells().stream().filter(Notebook::isCode).count();
        String after = notebook.toJson();
        boolean changed = !after.equals(before);
        if (write && changed) {
            Files.writeString(file, after);
        }
        return new Outcome(file, code, problems, changed);
    }

    public static boolean isIndex(Path file) {
        return file.getFileName().toString().equals("index.ipynb");
    }
}
