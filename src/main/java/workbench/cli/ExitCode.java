package workbench.cli;

import picocli.CommandLine;

/** What the workbench exits with: 0 done; 1 a demo, benchmark or file failed, or the item is not built yet; 2 bad usage. */
public final class ExitCode {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = CommandLine.ExitCode.USAGE;

    private ExitCode() {
    }
}
