package workbench.item61;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import workbench.annotations.NotThreadSafe;

/**
 * The book's threaded client ({@code Client} and {@code run_client}): plain blocking socket calls, bounded by
 * {@link #TIMEOUT} for connecting and for every read.
 *
 * <p>{@link #session} is the book's {@code with client.session(...)} context manager (here a try-with-resources
 * {@link Game}); {@link Game#requestNumbers} its generator, lazily asking for one number per step and stopping
 * once a guess was correct. Methods of {@link Game} throw {@link UncheckedIOException} so they can sit in a stream
 * pipeline, the stand-in for the book's list comprehension.
 */
@NotThreadSafe
public final class BlockingClient implements AutoCloseable {

    /** The bound on connecting and on waiting for any answer. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final LineSocket lines;
    private final Consumer<String> out;

    private BlockingClient(LineSocket lines, Consumer<String> out) {
        this.lines = lines;
        this.out = out;
    }

    /** {@code socket.create_connection(address)}, with a connect and read timeout of {@link #TIMEOUT}. */
    public static BlockingClient connect(InetSocketAddress address, Consumer<String> out) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address, (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            return new BlockingClient(new LineSocket(socket, GuessSession.MAX_LINE_BYTES), out);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * {@code run_client}: game (1, 5, secret 3) collected through a stream pipeline (the book's list
     * comprehension), then game (10, 15, secret 12) through a for loop; the results of both, in order.
     */
    public static List<Outcome> runClient(InetSocketAddress address, Consumer<String> out) throws IOException {
        try (BlockingClient client = connect(address, out)) {
            List<Outcome> results;
            try (Game game = client.session(1, 5, 3)) {
                results = new ArrayList<>(game.requestNumbers(5).stream()
                        .map(x -> new Outcome(x, game.reportOutcome(x)))
                        .toList());
            }
            try (Game game = client.session(10, 15, 12)) {
                for (int number : game.requestNumbers(5)) {
                    Decision outcome = game.reportOutcome(number);
                    results.add(new Outcome(number, outcome));
                }
            }
            return results;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Enters a session: prints {@code Guess a number between 1 and 5! Shhhhh, it's 3.} and sends the range. The
     * game's {@link Game#close} sends {@code PARAMS 0 -1}.
     */
    public Game session(int lower, int upper, int secret) throws IOException {
        out.accept("Guess a number between " + lower + " and " + upper + "! Shhhhh, it's " + secret + ".");
        lines.send("PARAMS " + lower + " " + upper);
        return new Game(new Judge(secret));
    }

    @Override
    public void close() {
        lines.close();
    }

    /** One session: ask for numbers, report on each; closing it leaves the session. */
    public final class Game implements AutoCloseable {

        private final Judge judge;

        private Game(Judge judge) {
            this.judge = judge;
        }

        /**
         * The book's generator {@code request_numbers(count)}: each step sends {@code NUMBER} and reads the guess;
         * it stops after {@code count} numbers, or as soon as the last one was reported correct.
         */
        public Numbers requestNumbers(int count) {
            return new Numbers(count);
        }

        /** {@code report_outcome}: judges {@code number} against the secret and sends {@code REPORT}. */
        public Decision reportOutcome(int number) {
            Decision decision = judge.judge(number);
            try {
                lines.send("REPORT " + decision);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return decision;
        }

        /** Leaves the session: sends {@code PARAMS 0 -1}. */
        @Override
        public void close() throws IOException {
            lines.send(GuessSession.RESET);
        }

        /** The numbers of {@link #requestNumbers}: iterate them once, in a for loop or as a stream. */
        public final class Numbers implements Iterable<Integer> {

            private final int count;

            private Numbers(int count) {
                this.count = count;
            }

            public Stream<Integer> stream() {
                return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED),
                        false);
            }

            @Override
            public Iterator<Integer> iterator() {
                return new Iterator<>() {
                    private int asked;
                    private Integer next;

                    @Override
                    public boolean hasNext() {
                        if (next == null && asked < count && !judge.solved()) {
                            asked++;
                            next = ask();
                        }
                        return next != null;
                    }

                    @Override
                    public Integer next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Integer number = next;
                        next = null;
                        return number;
                    }
                };
            }
        }

        private int ask() {
            try {
                lines.send("NUMBER");
                return parseNumber(lines.receive());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A guess from the server's answer line; {@code null} is end of stream (the book's {@code EOFError}). */
    static int parseNumber(String line) throws IOException {
        if (line == null) {
            throw new EOFException("Connection closed");
        }
        if (GuessSession.isError(line)) {
            throw new ProtocolException("server answered: " + line);
        }
        try {
            return Integer.parseInt(line);
        } catch (NumberFormatException e) {
            throw new ProtocolException("server answered no number: '" + line + "'");
        }
    }
}
