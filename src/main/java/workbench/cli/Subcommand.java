package workbench.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import picocli.CommandLine.ParentCommand;

/** A subcommand of {@code workbench}: it prints through the top command's streams. */
abstract class Subcommand implements Callable<Integer> {

    @ParentCommand
    WorkbenchCommand parent;

    PrintStream out() {
        return parent.out;
    }

    PrintStream err() {
        return parent.err;
    }

    boolean debug() {
        return parent.debug;
    }
}
