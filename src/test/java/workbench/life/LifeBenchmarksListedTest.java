package workbench.life;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;

import org.junit.jupiter.api.Test;

/** JMH's annotation processor ran over the benchmarks of Items 55-59: each is in META-INF/BenchmarkList. */
class LifeBenchmarksListedTest {

    @Test
    void items55To59BenchmarksAreListed() throws Exception {
        String list;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/BenchmarkList")) {
            assertNotNull(in, "no META-INF/BenchmarkList: JMH's annotation processor did not run");
            list = new String(in.readAllBytes(), UTF_8);
        }
        for (int item = 55; item <= 59; item++) {
            String name = "workbench.item" + item + ".Item" + item + "Benchmark";
            assertTrue(list.contains(name), name + " missing from META-INF/BenchmarkList");
        }
    }
}
