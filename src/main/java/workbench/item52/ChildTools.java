package workbench.item52;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import workbench.proc.Child;
import workbench.proc.ChildProcessException;
import workbench.proc.JavaLauncher;

/**
 * The programs Item 52 starts as children, two ways: the book's own command-line tools ({@link #os()}:
 * {@code echo}, {@code sleep}, {@code openssl}), or Java stand-ins started with this JVM's own {@code java}
 * ({@link #jvm()}, see {@link JavaTool}) where those tools are missing. The demo, the tests and the benchmark
 * take either; the lesson is the same.
 *
 * <p>The encryption password is handed to the child through its environment, never its command line, where
 * any user could read it in the process list.
 */
public sealed interface ChildTools {

    /** The book's password. Not a secret: it is printed in the book. */
    String PASSWORD = "zf7ShyBhZOraQDdE/FiZpm/m/8f9X+M1";

    /** A short description for the demo's output. */
    String describe();

    ProcessBuilder echo(String text);

    ProcessBuilder sleep(String seconds);

    /** A child that exits at once with status 0: the cost of a process, nothing else. */
    ProcessBuilder doNothing();

    /** {@code openssl enc -des3 -pbkdf2 -pass env:password}, with an optional fixed salt (8 bytes). */
    ProcessBuilder encrypt(Optional<byte[]> salt);

    /** {@code openssl dgst -sha256 -binary}. */
    ProcessBuilder sha256();

    static ChildTools os() {
        return Os.INSTANCE;
    }

    static ChildTools jvm() {
        return Jvm.INSTANCE;
    }

    /**
     * The OS tools where they exist and work (openssl 1.1.1+ for {@code -pbkdf2}), else the Java stand-ins.
     * {@code -Dworkbench.children=jvm} (or {@code os}) forces one.
     */
    static ChildTools detect() {
        String forced = System.getProperty("workbench.children", "");
        if (forced.equals("jvm")) {
            return jvm();
        }
        if (forced.equals("os") || Os.works()) {
            return os();
        }
        return jvm();
    }

    /** The book's command-line tools. */
    enum Os implements ChildTools {
        INSTANCE;

        @Override
        public String describe() {
            return "the OS's echo, sleep and openssl";
        }

        @Override
        public ProcessBuilder echo(String text) {
            return new ProcessBuilder("echo", text);
        }

        @Override
        public ProcessBuilder sleep(String seconds) {
            return new ProcessBuilder("sleep", seconds);
        }

        @Override
        public ProcessBuilder doNothing() {
            return new ProcessBuilder("true");
        }

        @Override
        public ProcessBuilder encrypt(Optional<byte[]> salt) {
            ProcessBuilder builder = new ProcessBuilder("openssl", "enc", "-des3", "-pbkdf2", "-pass",
                    "env:" + JavaTool.PASSWORD_VARIABLE);
            salt.ifPresent(s -> builder.command().addAll(List.of("-S", HexFormat.of().formatHex(s))));
            builder.environment().put(JavaTool.PASSWORD_VARIABLE, PASSWORD);
            return builder;
        }

        @Override
        public ProcessBuilder sha256() {
            return new ProcessBuilder("openssl", "dgst", "-sha256", "-binary");
        }

        /** True when echo, sleep and an openssl that knows {@code -pbkdf2} all run here. */
        static boolean works() {
            try {
                Duration limit = Duration.ofSeconds(10);
                Child.run(INSTANCE.sleep("0"), null, limit);
                Child.run(INSTANCE.echo("probe"), null, limit);
                return Child.run(INSTANCE.encrypt(Optional.empty()), new byte[] {1}, limit).stdout().length > 0
                        && Child.run(INSTANCE.sha256(), new byte[] {1}, limit).stdout().length == 32;
            } catch (ChildProcessException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** Java stand-ins, each a child JVM running {@link JavaTool}. */
    enum Jvm implements ChildTools {
        INSTANCE;

        @Override
        public String describe() {
            return "Java stand-ins (child JVMs running " + JavaTool.class.getSimpleName() + ")";
        }

        @Override
        public ProcessBuilder echo(String text) {
            return JavaLauncher.builder(JavaTool.class, "echo", text);
        }

        @Override
        public ProcessBuilder sleep(String seconds) {
            return JavaLauncher.builder(JavaTool.class, "sleep", seconds);
        }

        @Override
        public ProcessBuilder doNothing() {
            return JavaLauncher.builder(JavaTool.class, "true");
        }

        @Override
        public ProcessBuilder encrypt(Optional<byte[]> salt) {
            ProcessBuilder builder = salt
                    .map(s -> JavaLauncher.builder(JavaTool.class, "encrypt", "-S", HexFormat.of().formatHex(s)))
                    .orElseGet(() -> JavaLauncher.builder(JavaTool.class, "encrypt"));
            builder.environment().put(JavaTool.PASSWORD_VARIABLE, PASSWORD);
            return builder;
        }

        @Override
        public ProcessBuilder sha256() {
            return JavaLauncher.builder(JavaTool.class, "sha256");
        }
    }
}
