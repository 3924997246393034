package workbench.proc;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineSinkTest {

    @Test
    void eachLineArrivesWholeHoweverTheBytesAreSplit() throws java.io.IOException {
        List<String> lines = new ArrayList<>();
        LineSink sink = new LineSink(lines::add);
        byte[] bytes = "LISTENING 1234\nServer: 3 is Correct\n\nnaïve €\npartial".getBytes(UTF_8);
        for (int i = 0; i < bytes.length; i += 3) {                // splits lines and a multi-byte character
            sink.write(bytes, i, Math.min(3, bytes.length - i));
        }
        assertEquals(List.of("LISTENING 1234", "Server: 3 is Correct", "", "naïve €"), lines);
    }

    @Test
    void aChildsStdoutComesLineByLineWhileItRuns() throws Exception {
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Child child = Child.start(new ProcessBuilder("printf", "one\\ntwo\\n"), new LineSink(lines::add))) {
            assertEquals(0, child.communicate(Duration.ofSeconds(10)).exitCode());
        }
        assertEquals(List.of("one", "two"), lines);
    }
}
