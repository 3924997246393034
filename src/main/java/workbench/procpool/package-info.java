/**
 * A pool of worker JVMs: Java's answer to Python's {@code concurrent.futures.ProcessPoolExecutor}.
 *
 * <p>Floor: an engine below the items; it may import the bottom floor (its flight-recorder events in
 * {@code recording}, the annotations) and the engine it builds on, {@code proc}; never an item or the tooling.
 *
 * <p><b>Why.</b> In CPython the GIL lets only one thread run Python bytecode at a time, so CPU-bound work needs
 * processes (Items 53, 64). The JVM has no GIL, and a thread pool already runs Java code on every core; this
 * package exists so that the items can show the book's process-based variant faithfully, with its real costs
 * (serialisation, a process per worker, a round trip per task), and so that "the one change" between the
 * threaded and the multi-process variant is the executor:
 *
 * <pre>
 *   try (ExecutorService pool = Executors.newFixedThreadPool(4)) { ... }     // threads
 *   try (ExecutorService pool = ProcessPool.of(4)) { ... }                   // worker JVMs
 * </pre>
 *
 * <p>Tasks must be serialisable. A lambda is serialisable when its target type is: {@code pool.submit(() -> f(x))}
 * on a {@code ProcessPool} picks {@link workbench.procpool.SerializableCallable}, but code that holds the pool as
 * a plain {@code ExecutorService} passes a plain, unserialisable {@code Callable} (it fails at submit, clearly).
 * There, write the task as a {@code SerializableCallable} ({@code SerializableCallable.of(() -> f(x))}, a field,
 * a method's return type): it is still a {@code Callable}, so the same code runs unchanged on a thread pool.
 *
 * <p><b>Python to Java.</b>
 * <table>
 *   <caption>ProcessPoolExecutor and ProcessPool</caption>
 *   <tr><th>Python</th><th>Java</th></tr>
 *   <tr><td>{@code ProcessPoolExecutor(max_workers=4)}</td><td>{@code ProcessPool.of(4)},
 *       {@code ProcessPool.builder()...build()}</td></tr>
 *   <tr><td>{@code with ... as pool:}</td><td>try-with-resources ({@link java.util.concurrent.ExecutorService}
 *       is {@link java.lang.AutoCloseable})</td></tr>
 *   <tr><td>{@code pool.submit(fn, arg)}</td><td>{@code pool.submit(fn, arg)},
 *       {@code pool.submit(() -> fn(arg))}</td></tr>
 *   <tr><td>{@code list(pool.map(fn, items, chunksize=n))}</td><td>{@code pool.map(fn, items, n)}</td></tr>
 *   <tr><td>pickle, by reference for functions</td><td>Java serialisation; a lambda typed as
 *       {@link workbench.procpool.SerializableCallable} or {@link workbench.procpool.SerializableFunction}
 *       travels as a {@link java.lang.invoke.SerializedLambda}, which names its class and method</td></tr>
 *   <tr><td>{@code unpickle} (trusts the bytes)</td><td>an {@link java.io.ObjectInputFilter} allow-list on both
 *       sides; anything else fails with {@link workbench.procpool.ClassNotAllowedException}</td></tr>
 *   <tr><td>the exception, with {@code _RemoteTraceback} as {@code __cause__}</td><td>the original exception
 *       (Java serialises its stack trace, so its frames are the worker's) with a
 *       {@link workbench.procpool.RemoteTaskException} note; or, when its class may not cross, a
 *       {@code RemoteTaskException} with the class name, message, frames and causes</td></tr>
 *   <tr><td>{@code BrokenProcessPool}</td><td>{@link workbench.procpool.BrokenProcessPoolException}</td></tr>
 *   <tr><td>{@code shutdown(wait=True)}</td><td>{@code close()}: waits a grace period, then kills</td></tr>
 *   <tr><td>{@code shutdown(cancel_futures=True)} and terminating workers</td><td>{@code shutdownNow()}</td></tr>
 * </table>
 *
 * <p><b>Design.</b> Each worker is a JVM started with this JVM's own {@code java} and class path
 * ({@link workbench.proc.JavaLauncher}) running {@link workbench.procpool.Worker}.
 * Workers start on demand up to the maximum, or all at once with {@code prestart()}, and are reused; each runs one
 * task at a time. Tasks and answers travel over the worker's stdin and stdout as length-prefixed frames
 * ({@code int length, byte kind, long id, payload}), each payload one object serialised on its own, so a bad
 * object spoils one task, never the stream. The parent serialises a task once, at submit (a task that does not
 * serialise fails there); a submitting thread writes straight to an idle worker, else the task waits in a FIFO
 * queue that each worker's reader thread drains as its answers arrive. A round trip is two pipe writes and three
 * thread wake-ups, with no process start. The pool's one lock guards its state, queue and slots, and is never held
 * across a process start, a pipe write or a kill: a new worker's slot is reserved under it, its JVM started
 * without it, and the worker published after. The worker moves {@code System.out} to stderr and empties
 * {@code System.in} before serving, and starts with HotSpot's warnings and logging sent to stderr
 * ({@code -XX:+DisplayVMOutputToStderr -Xlog:all=warning:stderr}), so that neither a task's output nor the JVM's
 * can corrupt the protocol; the parent forwards each
 * worker's stderr to its own with a {@code [procpool worker pid N]} prefix, bounded per line and in all.
 *
 * <p><b>Failure.</b> A worker whose output ends while the pool runs (crash, {@code System.exit} in a task,
 * SIGKILL) breaks the pool as Python's breaks: running and queued futures fail with
 * {@code BrokenProcessPoolException}, the other workers are killed, later submits throw at once. A worker exits at
 * the end of its stdin, and while busy it polls its parent pid, so a parent killed with SIGKILL leaves no orphans.
 *
 * <p><b>Limits.</b> Native code, or a child process started with {@code inheritIO()}, could still write to the
 * worker's real stdout and break the pool. Cancelling a running task does not stop it: it finishes in its worker
 * and its answer is dropped. Workers keep the full JIT ({@link workbench.procpool.ProcessPool#WORKER_FLAGS}): they
 * live for many tasks, so C2's slower start pays for itself on CPU-bound work.
 */
package workbench.procpool;
