package workbench.item61;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import workbench.annotations.NotThreadSafe;
import workbench.pyrandom.PyRandom;

/**
 * The server's side of one connection: the book's {@code Session} state machine, with no I/O in it. Every server
 * style feeds it the lines it reads and sends back what it answers, so the threaded, virtual-thread and
 * event-loop servers run literally the same protocol code (the book keeps two copies, {@code Session} and
 * {@code AsyncSession}, that differ only in their {@code await}s).
 *
 * <p>The protocol (lines of UTF-8 text ending in {@code '\n'}):
 * <ul>
 *   <li>{@code PARAMS <lower> <upper>}: start over with that range, secret unknown, no guesses. No answer.
 *       A client leaves a session with {@code PARAMS 0 -1}.</li>
 *   <li>{@code NUMBER}: answers a guess: the secret once it is known, otherwise {@code randint(lower, upper)}
 *       drawn from the shared {@link PyRandom} until it is not a previous guess of this session.</li>
 *   <li>{@code REPORT <decision>}: the client's verdict on the last guess; {@code Correct} makes it the secret.
 *       Prints {@code Server: <last> is <decision>}. No answer.</li>
 * </ul>
 *
 * <p><b>Errors, an extension.</b> The book raises {@code UnknownCommandError} (or fails an {@code assert}, or a
 * {@code ValueError}) and so drops the connection, and a {@code NUMBER} after every number of the range was
 * guessed loops forever. Here each of these answers one line starting {@code ERROR } and the session carries on,
 * state unchanged. Also stricter than the book: {@code NUMBER} takes no arguments and a decision must be one of
 * the four words. An empty line, which ends the book's {@code while command := ...} loop, is an unknown command.
 * Over-long lines are the transport's business: it answers {@link #lineTooLong} and closes.
 */
@NotThreadSafe
public final class GuessSession {

    /** The longest line (bytes before the newline) a server reads; longer ones end the connection. */
    public static final int MAX_LINE_BYTES = 1024;
    /** The kind of unit of work a session is in a timeline (the servers record one per connection). */
    public static final String UNIT = "session";

    /** The range a client sends to leave a session ({@code PARAMS 0 -1}). */
    public static final String RESET = "PARAMS 0 -1";

    private static final int MAX_ECHO = 64;

    private final PyRandom random;
    private final Consumer<String> log;
    private Integer lower;
    private Integer upper;
    private Integer secret;
    private final List<Integer> guesses = new ArrayList<>();
    private final Set<Integer> guessed = new HashSet<>();

    /**
     * @param random where guesses come from; the book's is Python's global {@code random}, shared by every
     *               session in the process ({@link PyRandom#global()})
     * @param log    where {@code Server: 4 is Unsure} lines go (the book prints them)
     */
    public GuessSession(PyRandom random, Consumer<String> log) {
        this.random = random;
        this.log = log;
    }

    /** Handles one line (without its newline) and returns the line to answer, or {@code null} for none. */
    public String onLine(String command) {
        String[] parts = command.split(" ", -1);
        return switch (parts[0]) {
            case "PARAMS" -> setParams(command, parts);
            case "NUMBER" -> parts.length == 1 ? nextNumber()
                    : error("malformed command " + quote(command) + ": expected 'NUMBER'");
            case "REPORT" -> receiveReport(command, parts);
            default -> error("unknown command " + quote(parts[0]));
        };
    }

    /** The answer to a line longer than {@code limit} bytes, just before the connection is closed. */
    public static String lineTooLong(int limit) {
        return error("line longer than " + limit + " bytes; closing the connection");
    }

    /** Whether {@code line} is an error answer. */
    public static boolean isError(String line) {
        return line.startsWith("ERROR ");
    }

    private String setParams(String command, String[] parts) {
        if (parts.length == 3) {
            try {
                int newLower = Integer.parseInt(parts[1]);
                int newUpper = Integer.parseInt(parts[2]);
                clear(newLower, newUpper);
                return null;
            } catch (NumberFormatException e) {
                // fall through to the error
            }
        }
        return error("malformed command " + quote(command) + ": expected 'PARAMS <lower> <upper>'");
    }

    private void clear(Integer newLower, Integer newUpper) {
        lower = newLower;
        upper = newUpper;
        secret = null;
        guesses.clear();
        guessed.clear();
    }

    private String nextNumber() {
        int guess;
        if (secret != null) {
            guess = secret;
        } else if (lower == null) {
            return error("NUMBER before PARAMS");
        } else if (lower > upper) {
            return error("no numbers between " + lower + " and " + upper);
        } else if (guessed.size() >= (long) upper - lower + 1) {
            return error("no numbers left between " + lower + " and " + upper + ": all were guessed");
        } else {
            do {
                guess = random.randint(lower, upper);
            } while (guessed.contains(guess));
        }
        guesses.add(guess);
        guessed.add(guess);
        return Integer.toString(guess);
    }

    private String receiveReport(String command, String[] parts) {
        if (parts.length != 2) {
            return error("malformed command " + quote(command) + ": expected 'REPORT <decision>'");
        }
        var decision = Decision.parse(parts[1]);
        if (decision.isEmpty()) {
            return error("unknown decision " + quote(parts[1]) + ": expected Warmer, Colder, Unsure or Correct");
        }
        if (guesses.isEmpty()) {
            return error("REPORT before any NUMBER");
        }
        int last = guesses.get(guesses.size() - 1);
        if (decision.get() == Decision.CORRECT) {
            secret = last;
        }
        log.accept("Server: " + last + " is " + decision.get());
        return null;
    }

    private static String error(String message) {
        return "ERROR " + message;
    }

    /** {@code 'text'} with control characters shown as {@code ?} and at most {@value #MAX_ECHO} characters. */
    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("'");
        text.codePoints().limit(MAX_ECHO).forEach(c -> quoted.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        if (text.codePointCount(0, text.length()) > MAX_ECHO) {
            quoted.append("...");
        }
        return quoted.append('\'').toString();
    }
}
