package workbench.recording;

import java.lang.management.ManagementFactory;

/** This JVM's CPU time, as the timeline's run event and a worker's task events record it. */
public final class ProcessCpu {

    private ProcessCpu() {
    }

    /** This JVM's CPU time so far, all its threads, in nanoseconds; -1 where the platform does not report it. */
    public static long nanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
