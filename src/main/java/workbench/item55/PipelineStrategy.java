package workbench.item55;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The ways to push items through the download / resize / upload stages, named for their verdict: one thread doing
 * every stage of every item in turn ({@link #SEQUENTIAL}, the baseline), the book's blocking pipeline of threads
 * and queues ({@link #THREADS}, {@link Coordination#pipeline}), and one child JVM per stage joined by pipes
 * ({@link #PROCESSES}, {@link ProcessPipeline}). The demo, the benchmark and the tests run these; the stages are
 * the identity, so every strategy returns its items, and all but a multi-worker {@code THREADS} keep their order.
 */
public enum PipelineStrategy {

    SEQUENTIAL {
        @Override
        public List<String> run(List<String> items, List<Integer> workersPerStage, Stages stages, Duration timeout) {
            List<String> done = new ArrayList<>(items.size());
            for (String item : items) {
                done.add((String) stages.upload(stages.resize(stages.download(item))));
            }
            return done;
        }
    },
    THREADS {
        @Override
        public List<String> run(List<String> items, List<Integer> workersPerStage, Stages stages, Duration timeout)
                throws Exception {
            List<Object> done = new ArrayList<>(items.size());
            Coordination.pipeline(items, workersPerStage, stages, timeout, done);
            return done.stream().map(String.class::cast).toList();
        }
    },
    PROCESSES {
        @Override
        public List<String> run(List<String> items, List<Integer> workersPerStage, Stages stages, Duration timeout)
                throws Exception {
            return ProcessPipeline.run(items, stages, timeout);
        }
    };

    /**
     * Pushes {@code items} (one line of text each) through the three stages and returns what came out of the last.
     * {@code workersPerStage} (download/resize/upload) applies to {@link #THREADS} only: the others run one of each.
     */
    public abstract List<String> run(List<String> items, List<Integer> workersPerStage, Stages stages,
            Duration timeout) throws Exception;
}
