package workbench.examples;

import java.util.List;

/**
 * What a run of an example is handed, passed forward from whoever starts it: the JVM flags every worker JVM the
 * run starts must get (a timeline's recording gives them so that each worker records its own part; empty when
 * nothing is recorded). No example reads its settings from a static.
 *
 * @param workerJvmFlags the flags for any worker JVM the run starts, in order
 */
public record RunContext(List<String> workerJvmFlags) {

    /** A plain run: nothing recorded, no flags. */
    public static final RunContext PLAIN = new RunContext(List.of());

    public RunContext {
        workerJvmFlags = List.copyOf(workerJvmFlags);
    }
}
