package workbench.item52;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The Java stand-ins for the book's command-line tools, run as child JVMs where {@code echo}, {@code sleep} or
 * {@code openssl} is missing (Windows, a minimal container). Same inputs, same outputs, same exit codes:
 * <pre>
 *   JavaTool echo TEXT...            prints TEXT and a newline
 *   JavaTool sleep SECONDS           sleeps
 *   JavaTool true                    does nothing, successfully
 *   JavaTool encrypt [-S SALT_HEX]   stdin -> openssl enc -des3 -pbkdf2 -pass env:password -> stdout
 *   JavaTool sha256                  stdin -> openssl dgst -sha256 -binary -> stdout
 *   JavaTool fail CODE MESSAGE       prints MESSAGE on stderr and exits with CODE
 * </pre>
 */
public final class JavaTool {

    /** The environment variable that carries the encryption password, as in the book ({@code env:password}). */
    public static final String PASSWORD_VARIABLE = "password";

    private JavaTool() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 0) {
            usage("no tool named");
        }
        switch (args[0]) {
            case "echo" -> System.out.println(String.join(" ", Arrays.asList(args).subList(1, args.length)));
            case "sleep" -> {
                if (args.length != 2) {
                    usage("sleep takes SECONDS");
                }
                Thread.sleep(Duration.ofNanos((long) (Double.parseDouble(args[1]) * 1e9)));
            }
            case "true" -> {
                // nothing to do: exit status 0 is the point
            }
            case "encrypt" -> {
                String password = System.getenv(PASSWORD_VARIABLE);
                if (password == null) {
                    usage("encrypt reads its password from the environment variable '" + PASSWORD_VARIABLE + "'");
                }
                byte[] input = System.in.readAllBytes();
                byte[] out = args.length == 3 && args[1].equals("-S")
                        ? Des3Pbkdf2.encrypt(password.toCharArray(), HexFormat.of().parseHex(args[2]), input)
                        : Des3Pbkdf2.encryptSalted(password.toCharArray(), input);
                System.out.write(out);
                System.out.flush();
            }
            case "sha256" -> {
                System.out.write(Des3Pbkdf2.sha256(System.in.readAllBytes()));
                System.out.flush();
            }
            case "fail" -> {
                System.err.println(args.length > 2 ? args[2] : "failing as asked");
                System.exit(Integer.parseInt(args[1]));
            }
            default -> usage("unknown tool '" + args[0] + "'");
        }
    }

    private static void usage(String problem) {
        System.err.println("JavaTool: " + problem
                + "; usage: JavaTool echo|sleep|true|encrypt|sha256|fail ...");
        System.exit(2);
    }
}
