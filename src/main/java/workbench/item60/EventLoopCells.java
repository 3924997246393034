package workbench.item60;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import workbench.annotations.ThreadSafe;
import workbench.eventloop.EventLoop;
import workbench.life.Grid;
import workbench.life.Rules;
import workbench.life.Simulation;

/**
 * asyncio as it really is: every cell is a task on one single-threaded {@link EventLoop}, and the simulated I/O
 * is a loop timer ({@link EventLoop#sleep}, asyncio's {@code await asyncio.sleep}), never a blocking sleep. The
 * book's {@code async def simulate} exactly: a plain {@link Grid}, no lock, because every {@code get}, every
 * {@code set} and every continuation runs on the loop's thread; 45 step futures (fan-out), then
 * {@link AsyncLife#gather} (fan-in).
 *
 * <p>The book calls {@code asyncio.run(simulate(grid))} once per generation, making a new loop each time (its
 * issue #132 calls that an anti-pattern); here one loop, started by the constructor, serves every generation, and
 * {@link #step} hands it each generation ({@code run_coroutine_threadsafe}), waiting for the result or the
 * coroutine's own exception, unwrapped. {@link #close} stops the loop and waits for its thread to end.
 *
 * <p>{@code rules} must not block: they run on the loop ({@link Rules#BOOK}, or a failing version); the I/O is
 * {@code countIo} and {@code logicIo}.
 */
@ThreadSafe
public final class EventLoopCells implements Simulation {

    private final Rules rules;
    private final Duration countIo;
    private final Duration logicIo;
    private final AsyncLife.StepCell stepCell;
    private final Duration timeout;
    private final EventLoop loop;

    public EventLoopCells(Rules rules, Duration countIo, Duration logicIo, AsyncLife.StepCell stepCell,
            Duration timeout) throws IOException {
        this.rules = rules;
        this.countIo = countIo;
        this.logicIo = logicIo;
        this.stepCell = stepCell;
        this.timeout = timeout;
        this.loop = EventLoop.start("item60-event-loop");
    }

    /** The book's pure functions, no I/O, on a loop. */
    public EventLoopCells(AsyncLife.StepCell stepCell, Duration timeout) throws IOException {
        this(Rules.BOOK, Duration.ZERO, Duration.ZERO, stepCell, timeout);
    }

    @Override
    public Grid step(Grid grid) throws InterruptedException, TimeoutException {
        return AsyncLife.await(loop.runCoroutineThreadsafe("simulate", () -> simulate(grid)), timeout);
    }

    /** {@code async def simulate(grid)}, on the loop's thread. */
    private CompletableFuture<Grid> simulate(Grid grid) {
        AsyncRules onLoop = AsyncRules.onLoop(loop, rules, countIo, logicIo);
        Grid nextGrid = new Grid(grid.height(), grid.width());
        List<CompletableFuture<Void>> tasks = new ArrayList<>();
        for (int y = 0; y < grid.height(); y++) {
            for (int x = 0; x < grid.width(); x++) {
                tasks.add(stepCell.step(y, x, grid::get, nextGrid::set, onLoop));                 // fan-out
            }
        }
        return AsyncLife.gather(tasks).thenApply(done -> nextGrid);                              // fan-in
    }

    /** The loop, for running other coroutines on it (the demo's Example 5). */
    public EventLoop loop() {
        return loop;
    }

    /** Stops the loop and waits (boundedly) for its thread to end. */
    @Override
    public void close() {
        loop.close();
    }

    @Override
    public String name() {
        return "eventLoop";
    }
}
