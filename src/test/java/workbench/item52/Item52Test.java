package workbench.item52;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import workbench.demo.Narrator;
import workbench.proc.Child;
import workbench.proc.JavaLauncher;
import workbench.testing.DemoRun;
import workbench.testing.NoLeaks;

@Timeout(value = 90, unit = TimeUnit.SECONDS)
class Item52Test {

    private static final byte[] SALT = {1, 2, 3, 4, 5, 6, 7, 8};

    /** Both ways of making children; the OS tools only where they exist and work. */
    static Stream<ChildTools> tools() {
        return ChildTools.Os.works() ? Stream.of(ChildTools.os(), ChildTools.jvm()) : Stream.of(ChildTools.jvm());
    }

    @ParameterizedTest
    @MethodSource("tools")
    void demoPrintsEveryExampleInOrderAndLeavesNothingBehind(ChildTools tools) throws Throwable {
        DemoRun.Captured run = DemoRun.run(new Item52(tools));
        List<String> lines = run.lines();

        DemoRun.assertInOrder(lines, "--- Example 1:", "Hello from the child!", "--- Example 2:", "Working...",
                "Exit status 0", "--- Example 3-4:", "Finished in ", "--- Example 5-7:", "--- Example 8-10:",
                "--- Example 11:", "Exit status ");
        int ex1 = lines.indexOf("Hello from the child!");
        assertEquals("", lines.get(ex1 + 1), "print(result.stdout) adds a blank line after echo's newline");
        assertEquals(6, lines.stream().filter(l -> l.startsWith("b'") || l.startsWith("b\"")).count(),
                "three ciphertext tails and three digest tails");
        if (!JavaLauncher.isWindows()) {
            assertTrue(lines.contains("Exit status 143"), "SIGTERM: 128 + 15");
            assertEquals(List.of(143), run.facts("terminated-exit-status"));
        }
    }

    /**
     * The claim, not a speed: children sleeping at the same time finish sooner than the same children one after
     * another, timed in the same run (each sleep is real, so sequential takes at least 3 x 0.5 s).
     */
    @ParameterizedTest
    @MethodSource("tools")
    void parallelFanOutOverlapsTheChildrenSequentialDoesNot(ChildTools tools) throws Throwable {
        double sequential = NoLeaks.check(() -> Narrator.time(
                () -> FanOut.SEQUENTIAL.run(tools, 3, "0.5", Duration.ofSeconds(30))));
        double parallel = NoLeaks.check(() -> Narrator.time(
                () -> FanOut.PARALLEL.run(tools, 3, "0.5", Duration.ofSeconds(30))));
        assertTrue(sequential >= 1.5 && parallel >= 0.5, "every child really slept");
        assertTrue(parallel < sequential, "parallel " + parallel + " s, sequential " + sequential + " s");
    }

    @ParameterizedTest
    @MethodSource("tools")
    void chainedDigestEqualsJavasDigestOfTheSameCiphertext(ChildTools tools) throws Exception {
        List<byte[]> inputs = Item52.randomInputs(3, 100);
        List<byte[]> digests = Item52.encryptThenHash(tools, inputs, Optional.of(SALT));
        assertEquals(3, digests.size());
        for (int i = 0; i < inputs.size(); i++) {
            byte[] ciphertext = Des3Pbkdf2.encrypt(ChildTools.PASSWORD.toCharArray(), SALT, inputs.get(i));
            assertArrayEquals(Des3Pbkdf2.sha256(ciphertext), digests.get(i), "pipeline " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("tools")
    void encryptorsWriteSaltedCiphertext(ChildTools tools) throws Exception {
        List<byte[]> ciphertexts = Item52.encryptAll(tools, Item52.randomInputs(3, 10));
        for (byte[] ciphertext : ciphertexts) {
            // "Salted__", 8 bytes of salt, then 10 bytes padded to two 8-byte DES blocks.
            assertEquals(32, ciphertext.length);
            assertArrayEquals("Salted__".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(ciphertext, 8));
        }
    }

    @Test
    void javaEncryptionIsByteForByteOpenssls() throws Exception {
        assumeTrue(ChildTools.Os.works(), "openssl with -pbkdf2 is not available here");
        byte[] input = "attack at dawn".getBytes(StandardCharsets.UTF_8);
        byte[] openssl = Child.run(ChildTools.os().encrypt(Optional.of(SALT)), input,
                Duration.ofSeconds(20)).stdout();
        assertArrayEquals(Des3Pbkdf2.encrypt(ChildTools.PASSWORD.toCharArray(), SALT, input), openssl);
    }

    @ParameterizedTest
    @MethodSource("tools")
    void childOutlivingItsTimeoutIsTerminatedAndGone(ChildTools tools) throws Throwable {
        NoLeaks.check(() -> {
            int status = Item52.terminateAfterTimeout(tools.sleep("10"), Duration.ofMillis(100));
            if (!JavaLauncher.isWindows()) {
                assertEquals(143, status);
            }
            assertFalse(ProcessHandle.current().descendants().anyMatch(ProcessHandle::isAlive));
        });
    }

    @Test
    void passwordTravelsInTheEnvironmentNeverOnTheCommandLine() {
        for (ChildTools tools : List.of(ChildTools.os(), ChildTools.jvm())) {
            ProcessBuilder encrypt = tools.encrypt(Optional.empty());
            assertFalse(String.join(" ", encrypt.command()).contains(ChildTools.PASSWORD), tools.describe());
            assertEquals(ChildTools.PASSWORD, encrypt.environment().get(JavaTool.PASSWORD_VARIABLE));
        }
    }
}
