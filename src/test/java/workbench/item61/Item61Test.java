package workbench.item61;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.demo.Narrator;
import workbench.testing.NoLeaks;

@Timeout(30)
class Item61Test {

    @Test
    void theDemoPrintsTheBooksLinesAndLeavesNothingRunning() throws Throwable {
        String output = NoLeaks.check(() -> {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            new Item61().run(new Narrator(new PrintStream(bytes, true, UTF_8)));
            return bytes.toString(UTF_8);
        });
        List<String> lines = output.lines().toList();

        List<String> client = lines.stream().filter(line -> line.startsWith("Client: ")).toList();
        List<String> expectedClient = new ArrayList<>(GuessServerTest.THREADED_LINES);
        expectedClient.addAll(GuessServerTest.ASYNC_LINES);
        expectedClient.addAll(GuessServerTest.THREADED_LINES);
        expectedClient.addAll(GuessServerTest.THREADED_LINES);           // the pre-forked workers, reseeded
        assertEquals(expectedClient, client, output);

        List<String> server = lines.stream().filter(line -> line.startsWith("Server: ")).toList();
        assertEquals(GuessServerTest.serverLinesFor(expectedClient), server, output);

        assertEquals(8, lines.stream().filter(line -> line.startsWith("Guess a number between ")).count());
        for (String example : List.of("--- Example 1-13:", "--- Example 14-26:", "--- Example 13, Java:",
                "--- Beyond the book: the threaded client against 2 pre-forked worker JVMs")) {
            assertTrue(lines.stream().anyMatch(line -> line.startsWith(example)), example);
        }
        // Each run prints its Client lines only after the server printed all of its lines.
        int lastServerOfFirstRun = lines.indexOf("Server: 12 is Correct");
        int firstClient = lines.indexOf("Client: 4 is Unsure");
        assertTrue(lastServerOfFirstRun < firstClient, output);
    }
}
