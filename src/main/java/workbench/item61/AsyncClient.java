package workbench.item61;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

import workbench.annotations.NotThreadSafe;
import workbench.eventloop.Async;
import workbench.eventloop.AsyncIterator;
import workbench.eventloop.AsyncStream;
import workbench.eventloop.EventLoop;

/**
 * The book's asyncio client ({@code AsyncClient} and {@code run_async_client}) on an {@link EventLoop}: the
 * {@link BlockingClient} ported line by line, each blocking call now returning a future. {@link #session} is the
 * {@code async with} context manager, {@link AsyncGame#requestNumbers} the async generator, {@link AsyncIterator#map}
 * the async comprehension and {@link AsyncIterator#forEach} the {@code async for}.
 *
 * <p>As in the book, {@link AsyncGame#reportOutcome} sleeps {@link #REPORT_PAUSE} after each {@code REPORT} so the
 * server (on the same loop in the demo) prints its line before the client goes on: the output keeps the threaded
 * version's order. Reads and connecting time out after {@link BlockingClient#TIMEOUT}. Confined to the loop's
 * thread, like the stream it wraps.
 */
@NotThreadSafe
public final class AsyncClient {

    /** The book's {@code await asyncio.sleep(0.01)} after each report. */
    public static final Duration REPORT_PAUSE = Duration.ofMillis(10);

    private final AsyncStream stream;
    private final Consumer<String> out;

    private AsyncClient(AsyncStream stream, Consumer<String> out) {
        this.stream = stream;
        this.out = out;
    }

    /** {@code asyncio.open_connection(address)}; call on the loop's thread. */
    public static CompletableFuture<AsyncClient> connect(EventLoop loop, InetSocketAddress address,
                                                         Consumer<String> out) {
        return loop.openConnection(address, BlockingClient.TIMEOUT, GuessSession.MAX_LINE_BYTES)
                .thenApply(stream -> {
                    stream.setReadTimeout(BlockingClient.TIMEOUT);
                    return new AsyncClient(stream, out);
                });
    }

    /**
     * {@code run_async_client}: game (1, 5, secret 3) through an async comprehension, game (10, 15, secret 12)
     * through {@code async for}, then close the connection and wait for it to close. Call on the loop's thread
     * ({@code loop.runCoroutineThreadsafe("run_async_client", () -> AsyncClient.runClient(loop, address, out))}
     * from outside).
     */
    public static CompletableFuture<List<Outcome>> runClient(EventLoop loop, InetSocketAddress address,
                                                             Consumer<String> out) {
        return connect(loop, address, out).thenCompose(client -> Async.tryFinally(
                () -> client.session(1, 5, 3, game -> game.requestNumbers(5)
                                .map(x -> game.reportOutcome(x).thenApply(outcome -> new Outcome(x, outcome))))
                        .thenCompose(results -> client.session(10, 15, 12, game -> game.requestNumbers(5)
                                .forEach(number -> game.reportOutcome(number)
                                        .thenAccept(outcome -> results.add(new Outcome(number, outcome)))))
                                .thenApply(done -> results)),
                client::close));
    }

    /** {@code writer.close(); await writer.wait_closed()}. */
    public CompletableFuture<Void> close() {
        stream.close();
        return stream.closed();
    }

    /**
     * {@code async with client.session(lower, upper, secret): await body(game)}: prints the
     * {@code Guess a number...} line, sends the range, runs {@code body}, and sends {@code PARAMS 0 -1} however
     * the body ended.
     */
    public <T> CompletableFuture<T> session(int lower, int upper, int secret,
                                            Function<AsyncGame, CompletableFuture<T>> body) {
        out.accept("Guess a number between " + lower + " and " + upper + "! Shhhhh, it's " + secret + ".");
        AsyncGame game = new AsyncGame(new Judge(secret));
        return stream.writeLine("PARAMS " + lower + " " + upper)
                .thenCompose(sent -> Async.tryFinally(() -> body.apply(game),
                        () -> stream.writeLine(GuessSession.RESET)));
    }

    /** One session of the async client. */
    public final class AsyncGame {

        private final Judge judge;

        private AsyncGame(Judge judge) {
            this.judge = judge;
        }

        /** The async generator {@code request_numbers(count)}: stops after {@code count}, or once correct. */
        public AsyncIterator<Integer> requestNumbers(int count) {
            int[] asked = {0};
            return () -> {
                if (asked[0] >= count || judge.solved()) {
                    return Async.done(null);
                }
                asked[0]++;
                return stream.writeLine("NUMBER")
                        .thenCompose(sent -> stream.readLine())
                        .thenApply(AsyncClient::parseNumber);
            };
        }

        /** {@code await report_outcome(number)}: judge, send {@code REPORT}, then pause {@link #REPORT_PAUSE}. */
        public CompletableFuture<Decision> reportOutcome(int number) {
            Decision decision = judge.judge(number);
            return stream.writeLine("REPORT " + decision)
                    .thenCompose(sent -> stream.loop().sleep(REPORT_PAUSE))
                    .thenApply(slept -> decision);
        }
    }

    private static Integer parseNumber(String line) {
        try {
            return BlockingClient.parseNumber(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
