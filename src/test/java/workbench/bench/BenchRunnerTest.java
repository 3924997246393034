package workbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.options.Options;

class BenchRunnerTest {

    @Test
    void forksOnJdk24AndLaterAllowJmhsUnsafeMemoryAccessAndOlderForksGetNoUnknownFlag() {
        for (int feature : List.of(24, 25, 30)) {
            assertTrue(BenchRunner.forkJvmArgs(feature).contains(BenchRunner.ALLOW_UNSAFE_MEMORY_ACCESS), "" + feature);
        }
        for (int feature : List.of(21, 22, 23)) {
            assertEquals(List.of(), BenchRunner.forkJvmArgs(feature), "JDK " + feature + " does not know the flag");
        }
    }

    @Test
    void theOptionsEveryBenchmarkRunsWithCarryTheForkFlagsOfThisJdk() {
        Options options = BenchRunner.options(BenchRunnerTest.class).build();
        List<String> appended = List.copyOf(options.getJvmArgsAppend().orElse(List.of()));
        assertEquals(BenchRunner.forkJvmArgs(Runtime.version().feature()), appended);
        if (Runtime.version().feature() >= 24) {
            assertTrue(appended.contains("--sun-misc-unsafe-memory-access=allow"), appended.toString());
        }
        assertEquals(List.of("^\\Qworkbench.bench.BenchRunnerTest\\E\\."), options.getIncludes());
    }
}
