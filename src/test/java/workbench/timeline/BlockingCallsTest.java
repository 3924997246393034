package workbench.timeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import workbench.gil.Gil;
import workbench.item53.Convoy;
import workbench.testing.NoLeaks;

/**
 * Blocking calls the JDK records no event for are drawn as blocked, named by the code that made them: the
 * convoy's pipe reads, the thread server's accept.
 */
class BlockingCallsTest {

    @TempDir
    Path dir;

    private Timeline record(TimelineRecorder.Body body) throws Throwable {
        Path jfr = dir.resolve("run.jfr");
        TimelineRecorder.Recorded recorded = NoLeaks.check(() -> TimelineRecorder.record("calls", jfr, body));
        return TimelineReader.read(jfr, recorded.workers());
    }

    @Test
    void theConvoysIoThreadIsBlockedInItsPipeReads() throws Throwable {
        ThreadFactory threads = Thread.ofPlatform().factory();
        Timeline timeline = record(() -> Convoy.run(Gil.create(), true, 50, threads));
        Lane io = timeline.lane("convoy-io").orElseThrow();
        assertTrue(io.segments().stream().anyMatch(s -> s.state() == State.BLOCKED_CALL
                && s.call().equals("pipe read") && s.label().endsWith("pipe read")), "a labelled pipe read");
        TimelineTest.assertStatesSumToLifetimes(timeline);
    }

    /**
     * One game against the thread server (warmed first, as the timeline command does): its acceptor waits in
     * {@code accept} for the client, and after it until the server closes: its longest stretch is that wait, drawn
     * blocked in accept, and it is blocked there longer than it is running or runnable.
     */
    @Test
    void theAcceptorOfTheThreadServerIsBlockedInAccept() throws Throwable {
        TimelineExamples.Example example = TimelineExamples.find(61, "threads").orElseThrow();
        NoLeaks.check(() -> example.body().run());
        Timeline timeline = record(example.body());
        Lane acceptor = timeline.lanes().stream().filter(l -> l.name().startsWith("guess-acceptor-")).findFirst()
                .orElseThrow(() -> new AssertionError("no acceptor lane in " + timeline.lanes()));
        long accept = acceptor.segments().stream()
                .filter(s -> s.state() == State.BLOCKED_CALL && s.call().equals("accept"))
                .mapToLong(Lane.Segment::nanos).sum();
        long running = acceptor.segments().stream().filter(s -> s.state().running()).mapToLong(Lane.Segment::nanos)
                .sum();
        Lane.Segment longest = acceptor.segments().stream().max(java.util.Comparator.comparingLong(Lane.Segment::nanos))
                .orElseThrow();
        assertTrue(longest.state() == State.BLOCKED_CALL && longest.call().equals("accept"),
                "the acceptor's longest stretch is its wait in accept: " + acceptor.segments());
        assertTrue(running < accept, "running or runnable " + running + " ns, in accept " + accept + " ns");
        TimelineTest.assertStatesSumToLifetimes(timeline);
    }
}
