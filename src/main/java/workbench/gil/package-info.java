/**
 * A model of CPython's global interpreter lock, so the items that compare "Python's threads" with Java's threads
 * (Items 53, 54 and 64 of Effective Python, 2nd ed.; 68, 69 and 79 of the 3rd) can run the same Java work both
 * ways: under {@link workbench.gil.Gil}, one thread at a time as CPython runs it, and without it, in parallel.
 *
 * <p>Floor: an engine below the items; it may import the bottom floor (its flight-recorder events in
 * {@code recording}, the annotations) and nothing else of the workbench.
 *
 * <h2>Usage</h2>
 *
 * <pre>{@code
 * Gil gil = Gil.create();                        // CPython 3.10+: 5 ms, checks at calls and back edges
 * // Gil.builder().switchInterval(Duration.ofMillis(1)).policy(CheckPolicy.EVERY_INSTRUCTION).build()
 * // Gil.freeThreaded()                          // CPython 3.13t: same calls, no GIL
 *
 * Thread t = gil.startThread("factorize", () -> {   // threading.Thread(target=...).start()
 *     for (int i = 1; i <= number; i++) {
 *         if (number % i == 0) {
 *             factors.add(i);
 *         }
 *         gil.check(Site.BACK_EDGE);                 // the end of each loop iteration
 *     }
 *     gil.releaseAround(() -> Thread.sleep(100));    // a blocking call: other threads run meanwhile
 * });
 * t.join();                                          // Java's join: no GIL needed to wait for a thread
 *
 * try (Gil.Attached held = gil.enter()) {            // or gil.runAsPythonThread(() -> ...)
 *     int v = counter.count;                         // Item 54's racy increment, bytecode by bytecode
 *     gil.check(Site.INSTRUCTION);                   // a switch may fall here before CPython 3.10
 *     counter.count = v + 1;
 * }
 * GilStats stats = gil.stats();                      // switches, forced drops, waits: for the demo's output
 * }</pre>
 *
 * <p>Rules for code written for the model: run it while holding the GIL (a thread from {@code startThread}, a
 * body passed to {@code runAsPythonThread}, or inside {@code enter()}); mark check points where CPython has them
 * ({@link workbench.gil.Site#BACK_EDGE} once per loop iteration, {@link workbench.gil.Site#CALL} where the Python
 * code calls a function, {@link workbench.gil.Site#INSTRUCTION} between the reads and writes of one statement that
 * the lesson is about); wrap everything that blocks (sleeps, I/O, {@code join}, barriers, latches, queues, locks)
 * in {@code releaseAround}, as CPython's own blocking functions release the GIL. A thread that blocks while holding
 * the GIL stops every other Python thread: that is faithful, and a demo may show it on purpose.
 *
 * <h2>The design it models (CPython 3.2+, {@code Python/ceval_gil.c})</h2>
 *
 * <ul>
 *   <li><b>One holder.</b> The GIL is a flag ({@code gil->locked}) guarded by a mutex and two condition variables;
 *       here a {@link java.util.concurrent.locks.ReentrantLock} with two {@link
 *       java.util.concurrent.locks.Condition}s.</li>
 *   <li><b>Switch interval and drop request.</b> A thread that wants the GIL waits on {@code gil->cond} for the
 *       switch interval ({@code sys.setswitchinterval}, default 5 ms). If the interval passes and no switch
 *       happened meanwhile ({@code gil->switch_number} unchanged), it sets {@code gil_drop_request} and waits
 *       again. There are no ticks and no priorities: the waiter asks, the holder yields.</li>
 *   <li><b>Check points.</b> The holder's eval loop reads the drop request at its "eval breaker"; when it is set,
 *       the holder calls {@code drop_gil} and then {@code take_gil}. Here that is {@link
 *       workbench.gil.Gil#check(workbench.gil.Site)}: one volatile read while no one waits. Which sites check is
 *       the {@link workbench.gil.CheckPolicy}: every instruction (before 3.10), or only calls and backward jumps
 *       (3.10+, commit 4958f5d, bpo-29988, which is why Item 54's unlocked counter rarely races on modern
 *       CPython).</li>
 *   <li><b>Forced switching ({@code FORCE_SWITCHING}).</b> A holder that drops on request waits on
 *       {@code gil->switch_cond} until another thread has taken the GIL, so it cannot grab it straight back and the
 *       waiter that asked really runs. The taker clears the drop request.</li>
 *   <li><b>Blocking calls.</b> {@code Py_BEGIN_ALLOW_THREADS} / {@code Py_END_ALLOW_THREADS} around a system call
 *       drop the GIL and take it back: here {@link workbench.gil.Gil#releaseAround}. Several threads can then
 *       block at once, which is why Item 53's threads overlap their slow system calls.</li>
 *   <li><b>Free-threaded builds.</b> CPython 3.13t (PEP 703) runs without a GIL; {@link
 *       workbench.gil.Gil#freeThreaded()} keeps every call and takes no lock, so the same code runs in parallel
 *       and its races become real Java races.</li>
 * </ul>
 *
 * <p>So the model shows what CPython shows: CPU-bound threads take turns (the total throughput of N threads is
 * about that of one, plus a small switching cost), blocking calls overlap, a thread waiting for the GIL gets it
 * within a few switch intervals, and a read-modify-write loses updates only when a check point the policy enables
 * falls between its read and its write. All hand-overs go through the mutex, so they are also Java
 * happens-before edges: code under the GIL sees every write made under it before.
 *
 * <h2>Limits</h2>
 *
 * <ul>
 *   <li>It is not a bytecode interpreter. Work opts in: code switches only where it calls {@code check}, and a
 *       loop without check points holds the GIL for as long as it runs. Java also runs the work one to two orders
 *       of magnitude faster than CPython, so a loop that spans many switch intervals in Python may span few here;
 *       shorten the switch interval, rather than slow the work, to get as many switches per run.</li>
 *   <li>Only the threads that use the model take part. Other Java threads (the JIT, the GC, a test's main thread
 *       that merely joins) run freely, as C code that never takes the GIL would.</li>
 *   <li>Which waiter gets the GIL after a drop follows the Java condition's order (oldest waiter first), where
 *       CPython leaves it to the OS's condition variable; neither promises an order, and no test depends on
 *       one.</li>
 *   <li>Not modelled: the GIL's priority requests from signal handling and pending calls, async exceptions,
 *       {@code PyGILState} reentrancy (entering twice is an error here), sub-interpreters with their own GILs
 *       (PEP 684), and the GIL's effect on I/O buffering. Interrupting a waiting thread is the model's own
 *       addition (CPython cannot interrupt {@code take_gil}): the thread stops waiting and ends up without the
 *       GIL.</li>
 * </ul>
 */
package workbench.gil;
