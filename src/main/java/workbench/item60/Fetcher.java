package workbench.item60;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import workbench.annotations.ThreadSafe;
import workbench.futures.Futures;

/**
 * Beyond the book: the classic coroutine showcase, fetching many URLs, with real sockets. A local HTTP server
 * ({@link Server}, the JDK's {@link HttpServer} bound to loopback on an ephemeral port) answers {@code /item/N}
 * with {@code item N} after a set latency, its handlers on virtual threads; the client fetches {@code n} URLs in
 * one of four {@link Style}s. Both are closed after use ({@link HttpClient} is {@link AutoCloseable} since 21).
 */
public final class Fetcher {

    /** The client styles; each returns the bodies in the order of the URLs. */
    public enum Style {
        /** One {@code HttpClient.send} after another: n x latency. */
        SEQUENTIAL,
        /** {@code sendAsync} for every URL, then {@code allOf}: the client's own non-blocking I/O. */
        SEND_ASYNC_ALL_OF,
        /** Blocking {@code send} on a fixed pool of {@link #POOL_SIZE} platform threads: about n / 10 latencies. */
        FIXED_POOL,
        /** Blocking {@code send} on a virtual thread per URL: direct style, about one latency. */
        VIRTUAL_THREADS;

        public String label() {
            return switch (this) {
                case SEQUENTIAL -> "sequential send";
                case SEND_ASYNC_ALL_OF -> "sendAsync + allOf";
                case FIXED_POOL -> "fixed pool of " + POOL_SIZE + ", send";
                case VIRTUAL_THREADS -> "virtual thread per URL, send";
            };
        }
    }

    public static final int POOL_SIZE = 10;

    private Fetcher() {
    }

    /** A loopback HTTP server whose every answer takes {@code latency}. */
    @ThreadSafe
    public static final class Server implements AutoCloseable {

        private final HttpServer server;
        private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();

        public Server(Duration latency) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
            server.createContext("/item/", exchange -> answer(exchange, latency));
            server.setExecutor(handlers);
            server.start();
        }

        private static void answer(HttpExchange exchange, Duration latency) throws IOException {
            try (exchange) {
                Thread.sleep(latency);
                String path = exchange.getRequestURI().getPath();
                byte[] body = ("item " + path.substring("/item/".length())).getBytes(UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** {@code http://127.0.0.1:PORT/item/0} ... {@code /item/(n-1)}. */
        public List<URI> urls(int n) {
            List<URI> urls = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                urls.add(URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                        + server.getAddress().getPort() + "/item/" + i));
            }
            return urls;
        }

        /** The body {@code /item/i} answers. */
        public static String body(int i) {
            return "item " + i;
        }

        /** Stops the server at once and its handler executor (bounded by the handlers' latency). */
        @Override
        public void close() {
            server.stop(0);
            handlers.close();
        }
    }

    /** A client for the local server: HTTP/1.1, bounded connect time. Close it. */
    public static HttpClient client(Duration timeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** Fetches every URL in {@code style}; the bodies in URL order. A failed fetch throws its own exception. */
    public static List<String> fetch(Style style, HttpClient client, List<URI> urls, Duration timeout)
            throws InterruptedException, TimeoutException {
        return switch (style) {
            case SEQUENTIAL -> {
                List<String> bodies = new ArrayList<>(urls.size());
                for (URI url : urls) {
                    bodies.add(send(client, url, timeout));
                }
                yield bodies;
            }
            case SEND_ASYNC_ALL_OF -> {
                List<CompletableFuture<String>> futures = new ArrayList<>(urls.size());
                for (URI url : urls) {
                    futures.add(client.sendAsync(request(url, timeout), HttpResponse.BodyHandlers.ofString())
                            .thenApply(HttpResponse::body));
                }
                AsyncLife.await(AsyncLife.gather(futures), timeout);
                yield futures.stream().map(CompletableFuture::join).toList();
            }
            case FIXED_POOL -> {
                try (ExecutorService pool = Executors.newFixedThreadPool(POOL_SIZE)) {
                    yield onExecutor(pool, client, urls, timeout);
                }
            }
            case VIRTUAL_THREADS -> {
                try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                    yield onExecutor(executor, client, urls, timeout);
                }
            }
        };
    }

    private static List<String> onExecutor(ExecutorService executor, HttpClient client, List<URI> urls,
            Duration timeout) throws InterruptedException, TimeoutException {
        List<Future<String>> futures = new ArrayList<>(urls.size());
        try {
            for (URI url : urls) {
                futures.add(executor.submit(() -> send(client, url, timeout)));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            List<String> bodies = new ArrayList<>(urls.size());
            for (Future<String> future : futures) {
                try {
                    bodies.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
                } catch (java.util.concurrent.ExecutionException e) {
                    throw Futures.rethrow(e);
                }
            }
            return bodies;
        } finally {
            futures.forEach(future -> future.cancel(true));        // no-op for the finished ones
        }
    }

    private static String send(HttpClient client, URI url, Duration timeout) throws InterruptedException {
        try {
            HttpResponse<String> response = client.send(request(url, timeout), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpRequest request(URI url, Duration timeout) {
        return HttpRequest.newBuilder(url).timeout(timeout).GET().build();
    }
}
