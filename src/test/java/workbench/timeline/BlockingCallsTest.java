package workbench.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import workbench.Catalog;
import workbench.examples.Example;
import workbench.examples.RunContext;
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

    private Timeline record(Example.Task body) throws Throwable {
        Path jfr = dir.resolve("run.jfr");
        TimelineRecorder.Recorded recorded = NoLeaks.check(() -> TimelineRecorder.record("calls", jfr, body));
        return TimelineReader.read(jfr, recorded.workers());
    }

    @Test
    void theConvoysIoThreadIsBlockedInItsPipeReads() throws Throwable {
        ThreadFactory threads = Thread.ofPlatform().factory();
        Timeline timeline = record(ctx -> Convoy.run(Gil.create(), true, Convoy.Peer.REMOTE, 50, threads));
        Lane io = timeline.lane("convoy-io").orElseThrow();
        assertTrue(io.segments().stream().anyMatch(s -> s.state() == State.BLOCKED_CALL
                && s.call().equals("pipe read") && s.label().endsWith("pipe read")), "a labelled pipe read");
        TimelineTest.assertStatesSumToLifetimes(timeline);
    }

    /**
     * One game against the thread server (warmed first, as the timeline command does): every {@code accept} its
     * acceptor made, as the acceptor itself recorded it, is drawn as "blocked: accept" for the whole of the call:
     * none of that wait is drawn as running, runnable or not measured. (Which stretch is longest depends on how
     * soon the client connects and the server closes, so that is not asserted.)
     */
    @Test
    void theAcceptorOfTheThreadServerIsBlockedInAccept() throws Throwable {
        Example.Run game = Catalog.require(61).examples().runs().stream()
                .filter(run -> run.way().slug().equals("platform-threads")).findFirst().orElseThrow();
        NoLeaks.check(() -> game.task().run(RunContext.PLAIN));
        Timeline timeline = record(game.task());
        Lane acceptor = timeline.lanes().stream().filter(l -> l.name().startsWith("guess-acceptor-")).findFirst()
                .orElseThrow(() -> new AssertionError("no acceptor lane in " + timeline.lanes()));
        List<long[]> accepts = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(dir.resolve("run.jfr"))) {
            if (e.getEventType().getName().equals("workbench.BlockingCall") && e.getThread() != null
                    && e.getThread().getJavaName().equals(acceptor.name()) && "accept".equals(e.getString("call"))) {
                accepts.add(new long[] {TimelineReader.nanos(e.getStartTime()), TimelineReader.nanos(e.getEndTime())});
            }
        }
        assertFalse(accepts.isEmpty(), "the acceptor recorded its accept calls");
        for (long[] call : accepts) {
            long drawnOtherwise = acceptor.segments().stream().filter(s -> s.state() != State.BLOCKED_CALL
                    || !s.call().equals("accept")).mapToLong(s -> Math.max(0, Math.min(s.end(), call[1])
                    - Math.max(s.start(), call[0]))).sum();
            assertEquals(0, drawnOtherwise, "an accept call drawn as something else: " + acceptor.segments());
        }
        TimelineTest.assertStatesSumToLifetimes(timeline);
    }
}
