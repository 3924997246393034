package workbench.notebook;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import workbench.Catalog;

/**
 * {@code workbench notebooks}: execute the notebooks for real and write their outputs back, check them, regenerate
 * the index, or start a new item's notebook.
 *
 * <pre>
 *   workbench notebooks                       which notebooks exist, and which built items lack one
 *   workbench notebooks --execute [files...]  run every code cell, write the outputs back (index regenerated)
 *   workbench notebooks --check [files...]    run every code cell, write nothing, fail on any error
 *   workbench notebooks --index               regenerate notebooks/index.ipynb from the catalogue (no run)
 *   workbench notebooks --new 53              write the skeleton of Item 53's notebook
 * </pre>
 */
@Command(name = "notebooks", mixinStandardHelpOptions = true,
        description = "Execute the notebooks (notebooks/*.ipynb) in JShell and write their outputs back, check"
                + " them, regenerate the index, or start a new item's notebook.")
public final class NotebooksCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--execute", description = "Run every code cell and write the outputs back.")
    boolean execute;

    @Option(names = "--check", description = "Run every code cell without writing; fail on a compile error, an"
            + " exception or an incomplete cell, on index drift and on a built item without a notebook.")
    boolean check;

    @Option(names = "--index", description = "Regenerate notebooks/index.ipynb from the catalogue, without running"
            + " it.")
    boolean index;

    @Option(names = "--new", paramLabel = "<item>", description = "Write the skeleton of an item's notebook.")
    Integer newItem;

    @Option(names = "--cell-timeout", paramLabel = "<seconds>", defaultValue = "120",
            description = "The longest one cell may run (default: ${DEFAULT-VALUE} s).")
    int cellTimeoutSeconds;

    @Option(names = "--root", paramLabel = "<dir>", description = "The project's root (default: the working"
            + " directory, or its parent when run from notebooks/).")
    Path rootOption;

    @Parameters(paramLabel = "<file>", arity = "0..*", description = "Notebooks to run (default: all of them).")
    List<Path> files = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path root = rootOption != null ? rootOption.toAbsolutePath() : Notebooks.projectRoot();
        if (newItem != null) {
            return newNotebook(root, out, err);
        }
        if (index && !execute && !check) {
            Path file = root.resolve(Notebooks.INDEX);
            Notebooks.index(root).write(file);
            out.println("Wrote " + root.relativize(file));
            return 0;
        }
        if (!execute && !check) {
            return list(root, out);
        }
        if (!NotebookExecutor.available()) {
            err.println("workbench: running notebooks needs the jdk.jshell module, which this Java runtime lacks;"
                    + " run it with a full JDK 21+");
            return 1;
        }
        List<Path> targets = files.isEmpty() ? new ArrayList<>(Notebooks.all(root)) : files;
        if (files.isEmpty() && targets.stream().noneMatch(Notebooks::isIndex)) {
            targets.add(0, root.resolve(Notebooks.INDEX));
        }
        int failures = 0;
        if (check) {
            failures += checkCatalogue(root, err);
        }
        NotebookExecutor executor = new NotebookExecutor(Duration.ofSeconds(cellTimeoutSeconds));
        for (Path file : targets) {
            if (!Files.isRegularFile(file) && !Notebooks.isIndex(file)) {
                err.println("workbench: no such notebook: " + file);
                failures++;
                continue;
            }
            Notebooks.Outcome outcome = Notebooks.execute(file, root, execute && !check, executor);
            Path shown = file.toAbsolutePath().startsWith(root) ? root.relativize(file.toAbsolutePath()) : file;
            String what = outcome.codeCells() + " code cells";
            if (outcome.ok()) {
                out.println(shown + ": OK, " + what + (check ? "" : outcome.changed() ? ", outputs written"
                        : ", unchanged"));
            } else {
                failures++;
                err.println(shown + ": FAILED (" + what + (check ? "" : ", outputs written") + ")");
                outcome.problems().forEach(problem -> err.println("  " + problem));
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private int checkCatalogue(Path root, PrintWriter err) throws Exception {
        int failures = 0;
        for (Catalog.Item item : Notebooks.missing(root)) {
            err.println("workbench: " + item.label() + " is built but has no notebook " + item.notebookPath()
                    + " (start one with `workbench notebooks --new " + item.number() + "`)");
            failures++;
        }
        Path index = root.resolve(Notebooks.INDEX);
        if (!Files.isRegularFile(index) || !Notebooks.sameCells(Notebook.read(index), Notebooks.index(root))) {
            err.println("workbench: " + Notebooks.INDEX + " drifted from the catalogue; regenerate it with"
                    + " `workbench notebooks --execute " + Notebooks.INDEX + "`");
            failures++;
        }
        return failures;
    }

    private int list(Path root, PrintWriter out) throws Exception {
        for (Path file : Notebooks.all(root)) {
            out.println(root.relativize(file));
        }
        for (Catalog.Item item : Notebooks.missing(root)) {
            out.println("missing: " + item.notebookPath() + " (" + item.label() + " is built)");
        }
        return 0;
    }

    private int newNotebook(Path root, PrintWriter out, PrintWriter err) throws Exception {
        Catalog.Item item;
        try {
            item = Catalog.require(newItem);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path file = root.resolve(item.notebookPath());
        if (Files.exists(file)) {
            err.println("workbench: " + item.notebookPath() + " exists already; not overwritten");
            return 1;
        }
        Notebooks.skeleton(item).write(file);
        out.println("Wrote " + item.notebookPath() + (item.built() ? "" : " (" + item.label()
                + " is not built yet: its cells will not compile until it is)"));
        out.println("Fill in the TODOs, then: java -jar target/workbench.jar notebooks --execute "
                + item.notebookPath());
        return 0;
    }
}
