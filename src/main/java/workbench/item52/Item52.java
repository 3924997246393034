package workbench.item52;

import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import workbench.Demo;
import workbench.demo.Narrator;
import workbench.demo.PyFormat;
import workbench.proc.Child;
import workbench.proc.ChildProcessException;
import workbench.proc.ChildTimeoutException;

/**
 * Item 52 (3rd ed. 67): Use subprocess to Manage Child Processes.
 *
 * <p><b>Book claim.</b> Child processes run in parallel with their parent: a parent can keep many busy, feed
 * them input, chain one's output into another's input, and must bound every wait with a timeout.
 *
 * <p><b>In Java.</b> {@link ProcessBuilder} is {@code subprocess}; {@link Child} adds what {@code communicate}
 * gives (both pipes drained at once, so no deadlock) and ends a timed-out child with its descendants.
 * {@link ProcessBuilder#startPipeline} wires child to child. SIGTERM gives exit status 143 (Python: -15). Where
 * {@code openssl} or {@code sleep} is missing, the children are small Java programs ({@link JavaTool}).
 *
 * <p><b>You should see</b> ten one-second children finish in about one second, three ciphertexts and three
 * digests that change on every run, and a ten-second child stopped after 0.1 s with exit status 143.
 *
 * <p><b>Run it:</b> {@code java -jar target/workbench.jar run 52}, or this class's {@code main} from an IDE.
 */
public final class Item52 implements Demo {

    /** The most any one child may take in this demo before it is ended and the demo fails. */
    static final Duration CHILD_TIMEOUT = Duration.ofSeconds(30);

    private final ChildTools tools;

    public Item52() {
        this(ChildTools.detect());
    }

    public Item52(ChildTools tools) {
        this.tools = tools;
    }

    public static void main(String[] args) throws Exception {
        new Item52().run(Narrator.stdout());
    }

    @Override
    public void run(Narrator out) throws Exception {
        if (tools instanceof ChildTools.Jvm) {
            out.java("echo, sleep or openssl is missing here: the children are " + tools.describe() + ".");
        }

        out.example("1", "run a child and read its output (subprocess.run)");
        Child.Result hello = Child.run(tools.echo("Hello from the child!"), null, CHILD_TIMEOUT);
        out.println(hello.stdoutText());

        out.example("2", "poll a child while the parent keeps working");
        pollWhileWorking(out);

        out.example("3-4", "fan out: ten children sleeping 1 s each, started before any is waited for");
        double delta = Narrator.time(() -> FanOut.PARALLEL.run(tools, 10, "1", CHILD_TIMEOUT));
        out.println("Finished in " + PyFormat.general(delta, 3) + " seconds");
        out.javaf("%.2f s, not 10 s: the OS runs the children in parallel.", delta);

        out.example("5-7", "pipe random bytes through three encrypting children (password via the environment)");
        for (byte[] ciphertext : encryptAll(tools, randomInputs(3, 10))) {
            out.println(PyFormat.bytesRepr(PyFormat.tail(ciphertext, 10)));
        }

        out.example("8-10", "chain each encryptor's stdout into a hashing child's stdin");
        for (byte[] digest : encryptThenHash(tools, randomInputs(3, 100))) {
            out.println(PyFormat.bytesRepr(PyFormat.tail(digest, 10)));
        }
        out.java("startPipeline joins each pair with an OS pipe the parent never reads.");
        out.java("sha256 and -pbkdf2, as in the 3rd edition: OpenSSL 3 rejects the 2nd edition's whirlpool.");

        out.example("11", "a child that outlives its timeout is terminated");
        int status = terminateAfterTimeout(tools.sleep("10"), Duration.ofMillis(100));
        out.println("Exit status " + status);
        out.fact("terminated-exit-status", status);
        out.java(explainTermination(status));

        out.seeTimeline(52);
    }

    /** Example 2: prints {@code Working...} every 0.3 s while a 1 s child runs, then its exit status. */
    private void pollWhileWorking(Narrator out) throws ChildProcessException, InterruptedException {
        try (Child child = Child.start(tools.sleep("1"))) {
            long deadline = System.nanoTime() + CHILD_TIMEOUT.toNanos();
            while (child.poll().isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new ChildTimeoutException(child.command(), CHILD_TIMEOUT);
                }
                out.println("Working...");
                Thread.sleep(300);
            }
            out.println("Exit status " + child.poll().getAsInt());
        }
    }

    /** {@code count} inputs of {@code size} random bytes each (Python's {@code os.urandom(size)}). */
    static List<byte[]> randomInputs(int count, int size) {
        SecureRandom random = new SecureRandom();
        List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            inputs.add(data);
        }
        return inputs;
    }

    /**
     * Examples 5-7: starts one encrypting child per input, writes each its input (flushed, stdin left open, as
     * the book does), then collects every ciphertext. All children run at once.
     */
    public static List<byte[]> encryptAll(ChildTools tools, List<byte[]> inputs)
            throws ChildProcessException, InterruptedException, IOException {
        List<Child> children = new ArrayList<>();
        try {
            for (byte[] input : inputs) {
                Child child = Child.start(tools.encrypt(Optional.empty()));
                children.add(child);
                OutputStream stdin = child.stdin();
                stdin.write(input);
                stdin.flush();
            }
            List<byte[]> ciphertexts = new ArrayList<>();
            for (Child child : children) {
                ciphertexts.add(child.communicate(CHILD_TIMEOUT).checkExitCode().stdout());
            }
            return ciphertexts;
        } finally {
            children.forEach(Child::close);
        }
    }

    /** Examples 8-10 with openssl's random salt. */
    public static List<byte[]> encryptThenHash(ChildTools tools, List<byte[]> inputs)
            throws ChildProcessException, InterruptedException, IOException {
        return encryptThenHash(tools, inputs, Optional.empty());
    }

    /**
     * Examples 8-10: one encrypt-to-hash pipeline per input, all running at once. The encryptor's output goes
     * straight into the hasher; the parent writes the plaintext and reads the digest, nothing in between.
     * Every encryptor must exit with status 0, as the book asserts.
     */
    public static List<byte[]> encryptThenHash(ChildTools tools, List<byte[]> inputs, Optional<byte[]> salt)
            throws ChildProcessException, InterruptedException, IOException {
        List<List<Child>> pipelines = new ArrayList<>();
        try {
            for (byte[] input : inputs) {
                List<Child> pipeline = Child.startPipeline(List.of(tools.encrypt(salt), tools.sha256()));
                pipelines.add(pipeline);
                OutputStream stdin = pipeline.get(0).stdin();
                stdin.write(input);
                stdin.flush();
            }
            for (List<Child> pipeline : pipelines) {
                pipeline.get(0).communicate(CHILD_TIMEOUT).checkExitCode();
            }
            List<byte[]> digests = new ArrayList<>();
            for (List<Child> pipeline : pipelines) {
                digests.add(pipeline.get(1).communicate(CHILD_TIMEOUT).checkExitCode().stdout());
            }
            return digests;
        } finally {
            pipelines.forEach(pipeline -> pipeline.forEach(Child::close));
        }
    }

    /**
     * Example 11: waits {@code timeout} for the child, and when it is still running terminates it (SIGTERM),
     * waits for it to go and returns its exit status.
     */
    public static int terminateAfterTimeout(ProcessBuilder command, Duration timeout)
            throws ChildProcessException, InterruptedException {
        try (Child child = Child.start(command)) {
            try {
                child.communicate(timeout);
            } catch (ChildTimeoutException expected) {
                child.terminate();
                child.waitFor(CHILD_TIMEOUT);
            }
            return child.poll().orElseThrow();
        }
    }

    /** What an exit status after SIGTERM means, beside what Python would print. */
    static String explainTermination(int status) {
        if (status == 128 + 15) {
            return "Python prints -15 (minus SIGTERM's number); Java reports 128 + 15 = 143.";
        }
        return "Python prints -15 on Unix (minus SIGTERM's number); this platform reported " + status
                + " for a terminated child.";
    }
}
