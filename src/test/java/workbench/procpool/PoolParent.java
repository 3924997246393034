package workbench.procpool;

import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * A small parent JVM for the parent-death test: it starts a pool of two workers, keeps one busy with a long
 * task, prints {@code READY <worker pids>} and then waits to be killed (60 s at most).
 */
public final class PoolParent {

    private PoolParent() {
    }

    public static void main(String[] args) throws Exception {
        try (ProcessPool pool = ProcessPool.builder().workers(2).allow("workbench.procpool.*").build()) {
            pool.prestart();
            Future<Integer> busy = pool.submit(() -> {
                Thread.sleep(60_000);
                return 1;
            });
            System.out.println("READY " + pool.workerProcesses().stream()
                    .map(p -> Long.toString(p.pid())).collect(Collectors.joining(" ")));
            System.out.flush();
            Thread.sleep(60_000);
            busy.cancel(false);
        }
    }
}
