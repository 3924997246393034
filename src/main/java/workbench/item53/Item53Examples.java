package workbench.item53;

import java.util.List;

import workbench.examples.Example;
import workbench.examples.ItemExamples;
import workbench.parallel.Strategy;

/**
 * Item 53's comparing examples: CPU work ({@code factorize}), the book's slow system calls ({@code blocking-calls})
 * and, beyond the book, I/O beside CPU work under the GIL model ({@code convoy}), each the ways of its benchmark.
 */
public final class Item53Examples implements ItemExamples {

    /** The workers of the factorize example where a way has them. */
    static final int WORKERS = 4;

    @Override
    public List<Example<?>> examples() {
        return List.of(
                // The 3rd edition's sixteen numbers: the 2nd's four take ~20 ms once compiled, too short for more
                // than a hand-off or two of a 5 ms switch interval.
                Example.of(53, "factorize", "factorize the 3rd edition's 16 numbers, " + WORKERS
                                + " workers where a way has them",
                        List.of(Strategy.SEQUENTIAL, Strategy.THREADS, Strategy.GIL_THREADS, Strategy.PROCESSES),
                        (way, ctx) -> way.map(Item53::factorize, Item53.NUMBERS_3RD_EDITION, WORKERS, ctx),
                        Example.Benchmark.method("factorize")),
                Example.of(53, "blocking-calls", "five slow system calls of " + Item53.BLOCK.toMillis()
                                + " ms, on five threads where a way has them", List.of(BlockingCalls.values()),
                        (way, ctx) -> way.run(5, 5, Item53.BLOCK), Example.Benchmark.method("blockingCalls")),
                Example.of(53, "convoy", Convoy.ROUND_TRIPS + " one-byte round trips between two threads",
                        List.of(Convoy.Setup.values()),
                        (way, ctx) -> way.run(Convoy.ROUND_TRIPS),
                        Example.Benchmark.method("convoy")));
    }
}
