package workbench.timeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import workbench.gil.Gil;
import workbench.item52.ChildTools;
import workbench.item52.FanOut;
import workbench.item53.BlockingCalls;
import workbench.item53.Convoy;
import workbench.item53.Item53;
import workbench.item54.CounterKind;
import workbench.item54.Sensors;
import workbench.item55.Coordination;
import workbench.item55.Stages;
import workbench.item56.Sequential;
import workbench.item57.ThreadPerCell;
import workbench.item58.QueueWorkers;
import workbench.item59.ThreadPool;
import workbench.item60.AsyncLife;
import workbench.item60.EventLoopCells;
import workbench.item60.VirtualThreadPerCell;
import workbench.item61.BlockingClient;
import workbench.item61.GuessServer;
import workbench.item61.ServerStyle;
import workbench.item62.Migration;
import workbench.item63.Item63;
import workbench.item63.Placement;
import workbench.item64.Item64;
import workbench.life.Life;
import workbench.life.LockingGrid;
import workbench.life.Rules;
import workbench.life.Simulation;
import workbench.parallel.CpuTask;
import workbench.parallel.Strategy;
import workbench.procpool.ProcessPool;
import workbench.pyrandom.PyRandom;
import workbench.tail.LogHarness;
import workbench.tail.Workload;

/**
 * The central example of each item, once per strategy it compares: what {@code workbench timeline <item>}
 * records. Each body is the item's own code (its demo's example), run once.
 */
public final class TimelineExamples {

    private TimelineExamples() {
    }

    /** One recordable run: an item's example under one strategy. */
    public record Example(int item, String strategy, String title, TimelineRecorder.Body body, List<String> notes) {

        public Example(int item, String strategy, String title, TimelineRecorder.Body body) {
            this(item, strategy, title, body, List.of());
        }

        /** The files' common stem: {@code timeline-<item>-<strategy>}. */
        public String stem() {
            return "timeline-" + item + "-" + strategy;
        }
    }

    /** Every example recorded for {@code item}; empty if the item has no timeline yet. */
    public static List<Example> of(int item) {
        List<Example> examples = new ArrayList<>();
        switch (item) {
            case 52 -> {
                // The book's Example 3-4 with 0.1 s sleeps instead of 1 s, so the sequential run stays short.
                List<String> notes = List.of("the children are OS processes (or JVMs) JFR does not see; the lanes are"
                        + " this JVM's threads draining their pipes and waiting for them to exit");
                ChildTools tools = ChildTools.detect(); // its probe's children stay out of the recording
                for (FanOut way : FanOut.values()) {
                    String name = way.name().toLowerCase(Locale.ROOT);
                    examples.add(new Example(52, name, "Item 52: ten children sleeping 0.1 s each, " + (way
                            == FanOut.SEQUENTIAL ? "one after another" : "all started before any is waited for"),
                            () -> way.run(tools, 10, "0.1", Duration.ofSeconds(30)), notes));
                }
            }
            case 53 -> {
                // The 3rd edition's sixteen numbers: the 2nd's four take ~20 ms once compiled, too short for more
                // than a hand-off or two of a 5 ms switch interval.
                examples.add(new Example(53, "gil-threads", "Item 53: factorize the 3rd edition's 16 numbers on 16"
                        + " threads under the GIL model",
                        () -> Item53.factorizeOnThreads(Item53.NUMBERS_3RD_EDITION, Gil.create())));
                examples.add(new Example(53, "java-threads", "Item 53: factorize the 3rd edition's 16 numbers on 16"
                        + " Java threads", () -> Item53.factorizeOnThreads(Item53.NUMBERS_3RD_EDITION, null)));
                examples.add(new Example(53, "processes", "Item 53: factorize the 3rd edition's 16 numbers in a"
                        + " pool of 4 worker JVMs",
                        () -> onProcesses(Item53::factorize, Item53.NUMBERS_3RD_EDITION, 4)));
                examples.add(new Example(53, "blocking-serial", "Item 53: five slow system calls, one after another",
                        () -> BlockingCalls.SEQUENTIAL.run(5, 1, Item53.BLOCK)));
                examples.add(new Example(53, "blocking-threads", "Item 53: five slow system calls on five threads",
                        () -> BlockingCalls.THREADS.run(5, 5, Item53.BLOCK)));
                examples.add(new Example(53, "blocking-gil", "Item 53: five slow system calls on five threads under"
                        + " the GIL model", () -> BlockingCalls.GIL_THREADS.run(5, 5, Item53.BLOCK)));
                // Beyond the book: the convoy effect, the I/O thread's round trips alone and beside a CPU thread.
                for (boolean besideCpu : List.of(false, true)) {
                    examples.add(new Example(53, besideCpu ? "convoy-beside-cpu" : "convoy-alone", "Item 53: "
                            + Convoy.ROUND_TRIPS + " one-byte round trips under the GIL model, " + (besideCpu
                            ? "beside a CPU-bound thread" : "alone"), () -> Convoy.run(Gil.create(), besideCpu,
                            Convoy.ROUND_TRIPS, Thread.ofPlatform().factory())));
                }
            }
            case 54 -> {
                for (CounterKind kind : List.of(CounterKind.UNSAFE, CounterKind.LOCKING, CounterKind.SYNCHRONIZED)) {
                    examples.add(new Example(54, kind.name().toLowerCase(Locale.ROOT), "Item 54: five"
                            + " sensors incrementing a " + kind.className() + " 100,000 times each",
                            () -> Sensors.run(kind.create(), 5, 100_000)));
                }
            }
            case 55 -> {
                for (Coordination way : Coordination.values()) {
                    examples.add(new Example(55, way.name().toLowerCase(Locale.ROOT), "Item 55: 100 items"
                            + " through download, resize and upload (1 ms each), " + way.name().toLowerCase(
                            Locale.ROOT) + " workers",
                            () -> way.run(100, new Stages(Duration.ofMillis(1)), Duration.ofSeconds(30))));
                }
            }
            case 56 -> examples.add(new Example(56, "sequential", "Item 56: one generation of the glider (45 cells,"
                    + " 10 ms of I/O each), one cell after another", () -> generation(
                    new Sequential(Rules.withIo(Duration.ofMillis(10))))));
            case 60 -> {
                Rules rules = Rules.withIo(Duration.ofMillis(10));
                Duration timeout = Duration.ofSeconds(30);
                String what = "one generation of the glider (45 cells, 10 ms of I/O each) ";
                examples.add(new Example(60, "virtual-threads", "Item 60: " + what + "on a virtual thread per cell",
                        () -> generation(new VirtualThreadPerCell(rules, timeout))));
                examples.add(new Example(60, "event-loop", "Item 60: " + what + "as coroutines on one event loop",
                        () -> generation(new EventLoopCells(Rules.BOOK, Duration.ZERO, Duration.ofMillis(10),
                                AsyncLife.StepCell.AWAIT_GAME_LOGIC, timeout))));
            }
            case 57, 58, 59 -> {
                // One generation of the book's 5 x 9 glider with 10 ms of I/O per cell, on the item's strategy.
                Rules rules = Rules.withIo(Duration.ofMillis(10));
                Duration timeout = Duration.ofSeconds(30);
                String what = "one generation of the glider (45 cells, 10 ms of I/O each) ";
                if (item == 57) {
                    examples.add(new Example(57, "thread-per-cell", "Item 57: " + what + "on a thread per cell",
                            () -> generation(new ThreadPerCell(rules, timeout))));
                } else if (item == 58) {
                    examples.add(new Example(58, "queue-workers", "Item 58: " + what + "on 10 queue workers",
                            () -> generation(new QueueWorkers(10, rules, timeout))));
                } else {
                    examples.add(new Example(59, "thread-pool", "Item 59: " + what + "on a pool of 10 threads",
                            () -> generation(new ThreadPool(10, rules, timeout))));
                }
            }
            case 61 -> {
                for (ServerStyle style : List.of(ServerStyle.PLATFORM_THREADS, ServerStyle.EVENT_LOOP)) {
                    String name = style == ServerStyle.EVENT_LOOP ? "event-loop" : "threads";
                    examples.add(new Example(61, name, "Item 61: one game of the book's guessing client against a"
                            + " server with " + style.description(), () -> oneGame(style)));
                }
            }
            case 62 -> {
                for (Migration step : Migration.values()) {
                    String name = step.name().toLowerCase(Locale.ROOT).replace('_', '-');
                    examples.add(new Example(62, name, "Item 62: merging the book's five logs, " + step, () -> {
                        try (LogHarness harness = LogHarness.setup(Workload.BOOK)) {
                            harness.run(step);
                        }
                    }));
                }
            }
            case 63 -> {
                examples.add(new Example(63, "on-loop", "Item 63: " + Item63.DRILL_WRITES + " writes of "
                        + Item63.DRILL_WRITE_COST.toMillis() + " ms to a slow device on the loop, a heartbeat ticking",
                        () -> Item63.slowDeviceDrill(Placement.ON_LOOP, Item63.DRILL_WRITES, Item63.DRILL_WRITE_COST)));
                examples.add(new Example(63, "write-thread", "Item 63: the same writes on a WriteThread, the loop"
                        + " only handing lines over", () -> Item63.slowDeviceDrill(Placement.WRITE_THREAD,
                        Item63.DRILL_WRITES, Item63.DRILL_WRITE_COST)));
            }
            case 64 -> {
                examples.add(new Example(64, "serial", "Item 64: the ten gcd pairs, one after another",
                        () -> Strategy.SEQUENTIAL.map(Item64::gcd, Item64.NUMBERS, 1)));
                examples.add(new Example(64, "threads", "Item 64: the ten gcd pairs on a thread pool of 2",
                        () -> Strategy.THREADS.map(Item64::gcd, Item64.NUMBERS, 2)));
                examples.add(new Example(64, "gil-threads", "Item 64: the ten gcd pairs on 2 threads under the GIL"
                        + " model", () -> Strategy.GIL_THREADS.map(Item64::gcd, Item64.NUMBERS, 2)));
                examples.add(new Example(64, "processes", "Item 64: the ten gcd pairs on a process pool of 2",
                        () -> onProcesses(Item64::gcd, Item64.NUMBERS, 2)));
            }
            default -> {
            }
        }
        return examples;
    }

    /**
     * {@link Strategy#PROCESSES}'s map, its worker JVMs recording their own parts while a timeline is recorded
     * ({@link TimelineRecorder#workerFlags()}).
     */
    static <A, R> List<R> onProcesses(CpuTask<A, R> task, List<A> inputs, int workers) throws Exception {
        try (ProcessPool pool = ProcessPool.builder().workers(workers).allow("workbench.**")
                .addJvmFlags(TimelineRecorder.workerFlags())
                .build()) {
            return Strategy.runAll(pool, task, inputs);
        }
    }

    /** One generation of the book's glider on {@code simulation}, which is then closed. */
    private static void generation(Simulation simulation) throws Exception {
        try (simulation) {
            simulation.step(Life.glider(new LockingGrid(5, 9)));
        }
    }

    /** One game of Item 61's blocking client against a server of {@code style} on a free loopback port. */
    private static void oneGame(ServerStyle style) throws Exception {
        try (GuessServer server = style.create(0, new PyRandom(1234), line -> { }).start()) {
            BlockingClient.runClient(server.address(), line -> { });
            server.awaitIdle(Duration.ofSeconds(20));
        }
    }

    /** The items that have timelines. */
    public static List<Integer> items() {
        return List.of(52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64);
    }

    /** The example of {@code item} named {@code strategy}, if there is one. */
    public static Optional<Example> find(int item, String strategy) {
        return of(item).stream().filter(e -> e.strategy().equals(strategy)).findFirst();
    }
}
