package workbench.item60;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import workbench.testing.NoLeaks;

class FetcherTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    @Timeout(60)
    void everyClientStyleReturnsTheHundredBodiesInOrder() throws Throwable {
        List<String> expected = IntStream.range(0, 100).mapToObj(Fetcher.Server::body).toList();
        NoLeaks.check(() -> {
            try (Fetcher.Server server = new Fetcher.Server(Duration.ofMillis(5));
                 HttpClient client = Fetcher.client(TIMEOUT)) {
                List<URI> urls = server.urls(100);
                for (Fetcher.Style style : Fetcher.Style.values()) {
                    assertEquals(expected, Fetcher.fetch(style, client, urls, TIMEOUT), style.name());
                }
            }
        });
    }
}
