package workbench.examples;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One comparing example of an item: the same work done each of {@code ways}, declared once in the item's package
 * ({@link ItemExamples}) and iterated by the benchmark's {@code @Param} check, the timeline, the tests and the
 * notebooks.
 *
 * @param item      the book item (2nd edition number) that declares it
 * @param name      its name in the CLI and the files, lower-kebab ({@code factorize})
 * @param title     what one run does, in a sentence's words ({@code factorize the 3rd edition's 16 numbers})
 * @param ways      the ways it compares, in the order they are shown
 * @param body      how to run it one way
 * @param benchmark the JMH benchmark whose {@code @Param} lists exactly these ways' {@link Way#param()}s, or why
 *                  none does
 * @param notes     what a reader of its timeline must know that the recording cannot show
 * @param <W>       the enum of its ways
 */
public record Example<W extends Enum<W> & Way>(int item, String name, String title, List<W> ways, Body<W> body,
        Benchmark benchmark, List<String> notes) {

    public Example {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(benchmark, "benchmark: name the method, or say why none measures these ways");
        if (!name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("an example's name is lower-kebab, got '" + name + "'");
        }
        ways = List.copyOf(ways);
        if (ways.isEmpty() || new HashSet<>(ways).size() != ways.size()) {
            throw new IllegalArgumentException(name + ": the ways must be distinct and at least one: " + ways);
        }
        notes = List.copyOf(notes);
    }

    /** An example without notes. */
    public static <W extends Enum<W> & Way> Example<W> of(int item, String name, String title, List<W> ways,
            Body<W> body, Benchmark benchmark) {
        return new Example<>(item, name, title, ways, body, benchmark, List.of());
    }

    /** This example with {@code notes} for its timelines. */
    public Example<W> withNotes(String... notes) {
        return new Example<>(item, name, title, ways, body, benchmark, List.of(notes));
    }

    /** This example comparing {@code other} ways (the same body): what a test of the {@code @Param} check feeds it. */
    public Example<W> withWays(List<W> other) {
        return new Example<>(item, name, title, other, body, benchmark, notes);
    }

    /** The way of this example whose {@link Way#slug()} is {@code slug}, if it compares one. */
    public Optional<W> way(String slug) {
        return ways.stream().filter(w -> w.slug().equals(slug)).findFirst();
    }

    /** Each way as a run, in declaration order. */
    public List<Run> runs() {
        return ways.stream().map(way -> new Run(this, way, ctx -> body.run(way, ctx))).toList();
    }

    /** How to run an example one way. */
    @FunctionalInterface
    public interface Body<W> {
        void run(W way, RunContext ctx) throws Exception;
    }

    /** A run with everything decided but its context. */
    @FunctionalInterface
    public interface Task {
        void run(RunContext ctx) throws Exception;
    }

    /**
     * The JMH benchmark that measures an example's ways: the item's benchmark class's {@code method}, whose
     * {@code @Param param} lists exactly the ways' {@link Way#param()}s; or none ({@code method} null), and why.
     */
    public record Benchmark(String method, String param, String whyNone) {

        public Benchmark {
            if ((method == null) == (whyNone == null)) {
                throw new IllegalArgumentException("either a benchmark method or the reason there is none");
            }
        }

        /** {@code method}, its ways in {@code @Param strategy}. */
        public static Benchmark method(String method) {
            return new Benchmark(method, "strategy", null);
        }

        /** {@code method}, its ways in {@code @Param param}. */
        public static Benchmark method(String method, String param) {
            return new Benchmark(method, param, null);
        }

        /** No benchmark measures exactly these ways, because {@code why}. */
        public static Benchmark none(String why) {
            return new Benchmark(null, null, why);
        }

        public boolean measured() {
            return method != null;
        }
    }

    /**
     * One example run one way: what a timeline records ({@code timeline-<item>-<example>-<way>.*}).
     *
     * @param example the example
     * @param way     one of its ways
     * @param task    the example's body for that way
     */
    public record Run(Example<?> example, Way way, Task task) {

        /** The files' common stem: {@code timeline-<item>-<example>-<way slug>}. */
        public String stem() {
            return "timeline-" + example.item() + "-" + example.name() + "-" + way.slug();
        }

        /** {@code Item 53 factorize, gil-threads: <title>}. */
        public String title() {
            return "Item " + example.item() + " " + example.name() + ", " + way.slug() + ": " + example.title();
        }
    }
}
