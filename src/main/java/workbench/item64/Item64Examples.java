package workbench.item64;

import java.util.List;

import workbench.examples.Example;
import workbench.examples.ItemExamples;
import workbench.parallel.Strategy;

/** Item 64's comparing example: the book's ten gcd pairs, each way of {@code Item64Benchmark.gcd}. */
public final class Item64Examples implements ItemExamples {

    /** The workers where a way has them: the pool of 2 of the book's example. */
    static final int WORKERS = 2;

    @Override
    public List<Example<?>> examples() {
        return List.of(Example.of(64, "gcd", "the ten gcd pairs, " + WORKERS + " workers where a way has them",
                List.of(Strategy.values()), (way, ctx) -> way.map(Item64::gcd, Item64.NUMBERS, WORKERS, ctx),
                Example.Benchmark.method("gcd")));
    }
}
