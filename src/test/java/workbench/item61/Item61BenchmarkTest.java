package workbench.item61;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.annotations.Param;

import workbench.testing.NoLeaks;

@Timeout(20)
class Item61BenchmarkTest {

    @Test
    void theBenchmarkIsInJmhsListAndCoversEveryStyle() throws IOException {
        try (InputStream list = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertNotNull(list, "JMH's annotation processor did not run");
            assertTrue(new String(list.readAllBytes(), UTF_8).contains("workbench.item61.Item61Benchmark"));
        }
    }

    private static String[] styleParams() {
        try {
            return Item61Benchmark.Served.class.getField("style").getAnnotation(Param.class)
                    .value();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void oneRoundPlaysOneSessionPerClientOnEveryStyle() throws Throwable {
        assertEquals(Arrays.stream(ServerStyle.values()).map(Enum::name).toList(), Arrays.asList(styleParams()));
        NoLeaks.check(() -> {
            for (ServerStyle style : ServerStyle.values()) {
                Item61Benchmark benchmark = new Item61Benchmark();
                Item61Benchmark.Served served = new Item61Benchmark.Served();
                served.style = style;
                served.clients = 4;
                served.start();
                try {
                    Item61Benchmark.Sessions sessions = new Item61Benchmark.Sessions();
                    int guesses = benchmark.round(served, sessions) + benchmark.round(served, sessions);
                    assertEquals(8, sessions.sessions);
                    assertTrue(guesses >= 8 && guesses <= 40, "1 to 5 guesses a session, got " + guesses);
                } finally {
                    served.stop();
                }
            }
        });
    }
}
