package workbench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import workbench.examples.ItemExamples;

/**
 * The one list of the book's items. The CLI's {@code list}, the README's item index and the notebook index are
 * all generated from it; {@code ReadmeTest} fails when the README drifts from it.
 *
 * <p>Artifacts are found by convention, so an entry never names a class that does not exist yet: Item 53's demo
 * is {@code workbench.item53.Item53}, its benchmark {@code workbench.item53.Item53Benchmark}, its notebook
 * {@code notebooks/item53-<slug>.ipynb}, its comparing examples {@code workbench.item53.Item53Examples}. An item
 * whose demo class is absent is "not built yet" and says so.
 */
public final class Catalog {

    /** One book item, numbered as in the 2nd edition ({@code number}) and the 3rd ({@code thirdEdition}). */
    public record Item(int number, int thirdEdition, String title, String claim, String slug) {

        public String packageName() {
            return "workbench.item" + number;
        }

        public String demoClassName() {
            return packageName() + ".Item" + number;
        }

        public String benchmarkClassName() {
            return demoClassName() + "Benchmark";
        }

        public String notebookPath() {
            return "notebooks/item" + number + "-" + slug + ".ipynb";
        }

        /** The demo, or empty while the item is not built yet. */
        public Optional<Demo> demo() {
            return load(demoClassName()).map(type -> instantiate(type, Demo.class));
        }

        public Optional<Class<?>> benchmarkClass() {
            return load(benchmarkClassName());
        }

        public String examplesClassName() {
            return demoClassName() + "Examples";
        }

        /**
         * The item's declaration of its comparing examples ({@code workbench.itemNN.ItemNNExamples}).
         *
         * @throws IllegalStateException when the item declares none
         */
        public ItemExamples examples() {
            Class<?> type = load(examplesClassName()).orElseThrow(() -> new IllegalStateException(label()
                    + " declares no examples: " + examplesClassName() + " is missing"));
            return instantiate(type, ItemExamples.class);
        }

        public boolean built() {
            return load(demoClassName()).isPresent();
        }

        /** "Item 52 (3rd ed. 67)". */
        public String label() {
            return "Item " + number + " (3rd ed. " + thirdEdition + ")";
        }
    }

    public static final int FIRST = 52;
    public static final int LAST = 64;
    /** The 3rd edition numbers the same items 15 higher: 52 becomes 67, 64 becomes 79. */
    public static final int THIRD_EDITION_OFFSET = 15;

    private static final List<Item> ITEMS = List.of(
            new Item(52, 67, "Use subprocess to Manage Child Processes",
                    "Child processes run in parallel with the parent; manage them with timeouts and pipes.",
                    "subprocess"),
            new Item(53, 68, "Use Threads for Blocking I/O, Avoid for Parallelism",
                    "Python's threads overlap blocking calls but not CPU work (the GIL); Java's threads do both.",
                    "threads-blocking-io"),
            new Item(54, 69, "Use Lock to Prevent Data Races in Threads",
                    "A read-modify-write shared by threads loses updates unless a lock guards it.",
                    "locks"),
            new Item(55, 70, "Use Queue to Coordinate Work Between Threads",
                    "Blocking, bounded queues give pipelines backpressure, completion and clean shutdown.",
                    "queues"),
            new Item(56, 71, "Know How to Recognize When Concurrency Is Necessary",
                    "When each unit of work needs I/O, a program needs fan-out and fan-in.",
                    "when-concurrency"),
            new Item(57, 72, "Avoid Creating New Thread Instances for On-demand Fan-out",
                    "A thread per unit of work costs memory and start-up, and its exceptions never reach join.",
                    "thread-fanout"),
            new Item(58, 73, "Understand How Using Queue for Concurrency Requires Refactoring",
                    "A fixed pool of queue-fed workers scales, at the price of a much more complex program.",
                    "queue-refactoring"),
            new Item(59, 74, "Consider ThreadPoolExecutor When Threads Are Necessary for Concurrency",
                    "A thread pool reuses threads and re-raises a worker's exception in the caller.",
                    "thread-pool"),
            new Item(60, 75, "Achieve Highly Concurrent I/O with Coroutines",
                    "Coroutines (Java: virtual threads) make huge fan-out of blocking I/O cheap.",
                    "coroutines"),
            new Item(61, 76, "Know How to Port Threaded I/O to asyncio",
                    "Threaded blocking I/O ports to an event loop almost line by line.",
                    "porting-to-async"),
            new Item(62, 77, "Mix Threads and Coroutines to Ease the Transition to asyncio",
                    "Threads and an event loop interoperate, so a program can migrate one step at a time.",
                    "mixing-threads-coroutines"),
            new Item(63, 78, "Avoid Blocking the asyncio Event Loop to Maximize Responsiveness",
                    "Blocking calls on an event loop stall every task; move them to a dedicated thread.",
                    "event-loop-responsiveness"),
            new Item(64, 79, "Consider concurrent.futures for True Parallelism",
                    "A process pool runs CPU work in parallel past the GIL; Java's threads already do.",
                    "true-parallelism"));

    private Catalog() {
    }

    public static List<Item> items() {
        return ITEMS;
    }

    /** Finds an item by its 2nd-edition (52-64) or 3rd-edition (67-79) number. */
    public static Optional<Item> find(int number) {
        return ITEMS.stream()
                .filter(item -> item.number() == number || item.thirdEdition() == number)
                .findFirst();
    }

    /** The item {@code number} names, or an {@link IllegalArgumentException} that says which numbers exist. */
    public static Item require(int number) {
        return find(number).orElseThrow(() -> new IllegalArgumentException(
                "unknown item " + number + ": the book's items are " + FIRST + "-" + LAST
                        + " (2nd edition) or " + (FIRST + THIRD_EDITION_OFFSET) + "-" + (LAST + THIRD_EDITION_OFFSET)
                        + " (3rd edition)"));
    }

    /** The README's item index, one Markdown table row per item. */
    public static String markdownIndex() {
        StringBuilder table = new StringBuilder()
                .append("| Item | 3rd ed. | Title | The claim | Demo | Benchmark | Notebook |\n")
                .append("|---:|---:|---|---|---|---|---|\n");
        for (Item item : ITEMS) {
            String path = "src/main/java/workbench/item" + item.number() + "/Item" + item.number() + ".java";
            String bench = "benchmarks/src/main/java/workbench/item" + item.number()
                    + "/Item" + item.number() + "Benchmark.java";
            table.append("| ").append(item.number())
                    .append(" | ").append(item.thirdEdition())
                    .append(" | ").append(item.title())
                    .append(" | ").append(item.claim())
                    .append(" | ").append(item.built() ? "[Item" + item.number() + "](" + path + ")" : "not built yet")
                    .append(" | ").append(item.benchmarkClass().isPresent()
                            ? "[Item" + item.number() + "Benchmark](" + bench + ")" : "not built yet")
                    .append(" | ").append(Files.exists(Path.of(item.notebookPath()))
                            ? "[" + item.slug() + "](" + item.notebookPath() + ")" : "not written yet")
                    .append(" |\n");
        }
        return table.toString();
    }

    private static Optional<Class<?>> load(String className) {
        try {
            return Optional.of(Class.forName(className, false, Catalog.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    private static <T> T instantiate(Class<?> type, Class<T> kind) {
        if (!kind.isAssignableFrom(type)) {
            throw new IllegalStateException(type.getName() + " is named as an item's " + kind.getSimpleName()
                    + " but does not implement it");
        }
        try {
            return kind.cast(type.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + type.getName(), e);
        }
    }
}
