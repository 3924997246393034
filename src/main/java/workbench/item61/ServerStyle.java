package workbench.item61;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

import workbench.examples.Way;
import workbench.pyrandom.PyRandom;

/**
 * The ways to serve the game, each a {@link GuessServer} running the same {@link GuessSession}: the demo, the
 * tests and {@code Item61Benchmark} iterate these. The first three are threads and the event loop in one JVM; the
 * last spreads the sessions over worker JVMs, as a multi-process Python server would.
 */
public enum ServerStyle implements Way {

    /** The book's threaded server: an accept loop and a platform (OS) thread per connection. */
    PLATFORM_THREADS(1234, "a platform thread per connection") {
        @Override
        public GuessServer create(int port, PyRandom random, Consumer<String> log) {
            return new ThreadPerConnectionServer(
                    Thread.ofPlatform().name("guess-platform-", 1).factory(), loopback(port), random, log);
        }
    },

    /** The Java twist: the very same threaded server, handed a virtual-thread factory. */
    VIRTUAL_THREADS(1234, "a virtual thread per connection") {
        @Override
        public GuessServer create(int port, PyRandom random, Consumer<String> log) {
            return new ThreadPerConnectionServer(
                    Thread.ofVirtual().name("guess-virtual-", 1).factory(), loopback(port), random, log);
        }
    },

    /** The asyncio port: one thread, one selector, every connection a coroutine. */
    EVENT_LOOP(4321, "one event-loop thread for every connection") {
        @Override
        public GuessServer create(int port, PyRandom random, Consumer<String> log) {
            return new EventLoopServer(loopback(port), random, log);
        }
    },

    /**
     * Beyond the book, the multi-process row: {@value PreForkedServer#WORKERS} worker JVMs hold the sessions, the
     * parent accepts and relays their lines ({@link PreForkedServer}; each worker draws from its own copy of the
     * generator, so the book's lines hold for one client at a time).
     */
    PRE_FORKED_PROCESSES(1234, "a few worker JVMs holding the sessions, behind one accepting parent") {
        @Override
        public GuessServer create(int port, PyRandom random, Consumer<String> log) {
            return new PreForkedServer(PreForkedServer.WORKERS, loopback(port), random, log);
        }
    };

    private final int bookPort;
    private final String description;

    ServerStyle(int bookPort, String description) {
        this.bookPort = bookPort;
        this.description = description;
    }

    /** A server of this style for 127.0.0.1:{@code port} (0: any free port), not yet started. */
    public abstract GuessServer create(int port, PyRandom random, Consumer<String> log);

    /** The port the book uses for this kind of server: 1234 threaded, 4321 asyncio. */
    public int bookPort() {
        return bookPort;
    }

    public String description() {
        return description;
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }
}
