package workbench.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import workbench.annotations.GuardedBy;

/**
 * Where a demo prints. Lines the book prints go through {@link #println} and {@link #printf} (always in
 * {@link Locale#ROOT}, so {@code 0.123} never becomes {@code 0,123}); the workbench's own commentary is
 * set apart: {@link #example} heads each of the book's examples and {@link #java} marks what Java shows
 * differently from Python.
 *
 * <p>A demo also records what it computed as {@link #fact facts} (never printed): tests assert those values, so
 * the commentary can be reworded without breaking a test. {@link #took} times a step and prints the book's line.
 */
public final class Narrator {

    /** A step a demo times that computes a value. */
    @FunctionalInterface
    public interface Work<T> {
        T call() throws Exception;
    }

    /** A step a demo times that computes nothing. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    /** What a timed step computed and how long it took. */
    public record Timed<T>(T value, double seconds) {
    }

    /** The fact key under which {@link #verdict} records each verdict. */
    public static final String VERDICT = "verdict";

    private final PrintStream out;
    @GuardedBy("facts")
    private final Map<String, List<Object>> facts = new LinkedHashMap<>();

    public Narrator(PrintStream out) {
        this.out = out;
    }

    public static Narrator stdout() {
        return new Narrator(System.out);
    }

    /** Heads one of the book's examples, e.g. {@code example("3-4", "fan-out: ten children at once")}. */
    public void example(String number, String title) {
        out.println();
        out.println("--- Example " + number + ": " + title);
    }

    /** Heads a part the book does not have: a variant or measurement that shows what Java does. */
    public void beyond(String title) {
        out.println();
        out.println("--- Beyond the book: " + title);
    }

    /** A line the book's example prints (Python's {@code print(...)}). */
    public void println(Object line) {
        out.println(line);
    }

    public void println() {
        out.println();
    }

    public void printf(String format, Object... args) {
        out.print(String.format(Locale.ROOT, format, args));
    }

    /** Runs {@code work}, prints the book's {@code Took {delta:.3f} seconds} and returns its value and time. */
    public <T> Timed<T> took(Work<T> work) throws Exception {
        Timed<T> timed = time(work);
        printf("Took %.3f seconds%n", timed.seconds());
        return timed;
    }

    /** Runs {@code step}, prints the book's {@code Took {delta:.3f} seconds} and returns the seconds it took. */
    public double took(Step step) throws Exception {
        return took(() -> {
            step.run();
            return null;
        }).seconds();
    }

    /** Times {@code work} without printing: the demos' one stopwatch. */
    public static <T> Timed<T> time(Work<T> work) throws Exception {
        long start = System.nanoTime();
        T value = work.call();
        return new Timed<>(value, (System.nanoTime() - start) / 1e9);
    }

    /** Times {@code step} without printing; returns the seconds it took. */
    public static double time(Step step) throws Exception {
        return time(() -> {
            step.run();
            return null;
        }).seconds();
    }

    /** Where Java differs from Python: printed after the book's lines, marked so nobody mistakes it for them. */
    public void java(String note) {
        out.println("  [Java] " + note);
    }

    public void javaf(String format, Object... args) {
        java(String.format(Locale.ROOT, format, args));
    }

    /** Records what the demo computed under {@code key} (not printed), e.g. {@code fact("factors-agree", true)}. */
    public void fact(String key, Object value) {
        synchronized (facts) {
            facts.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
    }

    /** Every value recorded under {@code key}, in order (empty if none). */
    public List<Object> facts(String key) {
        synchronized (facts) {
            return List.copyOf(facts.getOrDefault(key, List.of()));
        }
    }

    /** The keys recorded so far, in first-recorded order. */
    public List<String> factKeys() {
        synchronized (facts) {
            return List.copyOf(facts.keySet());
        }
    }

    /**
     * The demo's last line: how to see its examples as a timeline of who ran when ({@code workbench timeline}
     * writes the lanes as PNG, a Trace Event JSON for the Perfetto UI, and the flight recording).
     */
    public void seeTimeline(int item) {
        out.println();
        out.println("See it: `java -jar target/workbench.jar timeline " + item + "` records these examples and draws"
                + " who ran when (PNG, Perfetto JSON, .jfr).");
    }

    public PrintStream stream() {
        return out;
    }

    /**
     * Words a timed comparison's figure ({@link Verdict#words}) and records the verdict under the fact key
     * {@link #VERDICT}, so that a check can compare it with the benchmark's figure for the same comparison.
     *
     * @param comparison the comparison's name, as the check's table of benchmark rows knows it
     * @param ratio      how many times faster the variant ran than its baseline
     * @param ideal      the most it can be, or {@link Verdict#NO_IDEAL}
     */
    public String verdict(String comparison, double ratio, double ideal) {
        Verdict verdict = new Verdict(comparison, ratio, ideal);
        fact(VERDICT, verdict);
        return verdict.words();
    }

    /** The verdicts this demo printed, in order. */
    public List<Verdict> verdicts() {
        return facts(VERDICT).stream().map(Verdict.class::cast).toList();
    }

    /** Prints the book's {@code Took {delta:.3f} seconds} for a step timed beforehand. */
    public void tookLine(Timed<?> timed) {
        printf("Took %.3f seconds%n", timed.seconds());
    }

    /**
     * Times each of {@code works} {@code runs} times, taking turns (the first, the second, ..., then the first
     * again), and returns each one's median run, in order: a timed comparison in a demo times every side alike, and
     * a busy moment of the machine falls on every side rather than on one.
     */
    public static <T> List<Timed<T>> medians(int runs, List<Work<T>> works) throws Exception {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be positive: " + runs);
        }
        List<List<Timed<T>>> timed = new ArrayList<>();
        works.forEach(w -> timed.add(new ArrayList<>()));
        for (int run = 0; run < runs; run++) {
            for (int i = 0; i < works.size(); i++) {
                timed.get(i).add(time(works.get(i)));
            }
        }
        List<Timed<T>> medians = new ArrayList<>();
        for (List<Timed<T>> each : timed) {
            each.sort(Comparator.comparingDouble(Timed::seconds));
            medians.add(each.get(runs / 2));
        }
        return medians;
    }

    /** Seconds since {@code startNanos} (a {@link System#nanoTime} reading). */
    public static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
