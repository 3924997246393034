package workbench.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import workbench.Catalog;
import workbench.notebook.Notebook;
import workbench.notebook.NotebookExecutor;
import workbench.notebook.Notebooks;

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
final class NotebooksCommand extends Subcommand {

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
        PrintStream out = out();
        PrintStream err = err();
        Path root = rootOption != null ? rootOption.toAbsolutePath() : Notebooks.projectRoot();
        if (!Files.exists(root)) {
            throw new NoSuchFileException(root.toString());
        }
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(root.toString());
        }
        if (newItem != null) {
            return newNotebook(root, out, err);
        }
        if (index && !execute && !check) {
            Path file = root.resolve(Notebooks.INDEX);
            Notebooks.index(root).write(file);
            out.println("Wrote " + root.relativize(file));
            return ExitCode.OK;
        }
        if (!execute && !check) {
            return list(root, out);
        }
        if (!NotebookExecutor.available()) {
            err.println("workbench: running notebooks needs the jdk.jshell module, which this Java runtime lacks;"
                    + " run it with a full JDK 21+");
            return ExitCode.FAILED;
        }
        List<Path> targets = files.isEmpty() ? new ArrayList<>(Notebooks.all(root)) : files;
        if (files.isEmpty() && targets.stream().noneMatch(Notebooks::isIndex)) {
            targets.add(0, root.resolve(Notebooks.INDEX));
        }
        int failures = 0;
        if (check) {
            failures += checkCatalogue(root, err);
        }
        NotebookExecutor executor = new NotebookExecutor(java.time.Duration.ofSeconds(cellTimeoutSeconds));
        for (Path file : targets) {
            if (!Files.isRegularFile(file) && !Notebooks.isIndex(file)) {
                err.println("workbench: no such notebook: " + file);
                failures++;
                continue;
            }
            Notebooks.Outcome outcome;
            try {
                outcome = Notebooks.execute(file, root, execute && !check, executor);
            } catch (IOException e) {  // unreadable, not a notebook, or not writable: say which, go on
                err.println(ErrorLine.of(e));
                if (debug()) {
                    e.printStackTrace(err);
                }
                failures++;
                continue;
            }
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
        return failures == 0 ? ExitCode.OK : ExitCode.FAILED;
    }

    private int checkCatalogue(Path root, PrintStream err) throws Exception {
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

    private int list(Path root, PrintStream out) throws Exception {
        for (Path file : Notebooks.all(root)) {
            out.println(root.relativize(file));
        }
        for (Catalog.Item item : Notebooks.missing(root)) {
            out.println("missing: " + item.notebookPath() + " (" + item.label() + " is built)");
        }
        return ExitCode.OK;
    }

    private int newNotebook(Path root, PrintStream out, PrintStream err) throws Exception {
        Catalog.Item item;
        try {
            item = Catalog.require(newItem);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path file = root.resolve(item.notebookPath());
        if (Files.exists(file)) {
            err.println("workbench: " + item.notebookPath() + " exists already; not overwritten");
            return ExitCode.FAILED;
        }
        Notebooks.skeleton(item).write(file);
        out.println("Wrote " + item.notebookPath() + (item.built() ? "" : " (" + item.label()
                + " is not built yet: its cells will not compile until it is)"));
        out.println("Fill in the TODOs, then: java -jar target/workbench.jar notebooks --execute "
                + item.notebookPath());
        return ExitCode.OK;
    }
}
