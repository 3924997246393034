"""Item 55 in CPython: the download / resize / upload pipeline of Item55Benchmark.

pipeline: 1000 one-line items through three stages, each stage sleeping latencyMillis per item, by strategy:
SEQUENTIAL (one thread does each item's three stages in turn), THREADS (closable queues and stoppable workers,
workers per stage download/resize/upload), PROCESSES (three python3 children joined by OS pipes, one of each stage:
a pipe has one reader; the end of input is the sentinel). As in Java, SEQUENTIAL and PROCESSES run one of each
stage, so they are measured once, as workers 1/1/1.
coordination: 1000 items through the book's two one-worker-per-stage designs: POLLING (a deque behind a lock,
workers that poll every 10 ms, a main thread that checks the done queue every 100 ms, the magic exit) and BLOCKING
(queue.Queue with a sentinel, join). idle: three workers with nothing to do for 100 ms. For these two,
workerCpuMicros is the stage threads' CPU time per op (time.thread_time), the price of waiting.
"""

import subprocess
import sys
import threading
import time
from collections import deque
from queue import Queue

from _bench import emit

ITEMS = 1000
TIMEOUT = 60
STAGES = ("download", "resize", "upload")
_DONE = object()


def stage_function(latency):
    """Every stage is the book's identity stub, after latency seconds of simulated I/O."""
    if latency <= 0:
        return lambda item: item

    def stage(item):
        time.sleep(latency)
        return item
    return stage


def sequential(items, latency):
    step = stage_function(latency)
    return [step(step(step(item))) for item in items]


class ClosableQueue(Queue):
    """A queue whose iteration ends at the sentinel that close() puts; every get is matched by task_done."""

    def close(self):
        self.put(_DONE)

    def __iter__(self):
        while True:
            item = self.get(timeout=TIMEOUT)
            try:
                if item is _DONE:
                    return
                yield item
            finally:
                self.task_done()


class MeasuredWorker(threading.Thread):
    """A stage thread that records the CPU time its work() used, the price of its way of waiting."""

    def __init__(self, func, in_queue, out_queue):
        super().__init__(daemon=True)
        self.func, self.in_queue, self.out_queue = func, in_queue, out_queue
        self.cpu = 0.0

    def run(self):
        start = time.thread_time()
        try:
            self.work()
        finally:
            self.cpu = time.thread_time() - start


class StageWorker(MeasuredWorker):
    """Examples 19-24: applies func to every item of in_queue until its sentinel."""

    def work(self):
        for item in self.in_queue:
            self.out_queue.put(self.func(item))


def start_workers(count, func, in_queue, out_queue):
    workers = [StageWorker(func, in_queue, out_queue) for _ in range(count)]
    for worker in workers:
        worker.start()
    return workers


def stop_workers(queue, workers):
    for _ in workers:
        queue.close()
    queue.join()
    for worker in workers:
        worker.join(TIMEOUT)
        if worker.is_alive():
            raise TimeoutError("a stage worker did not stop")


def threads(items, per_stage, latency):
    """Examples 23-24: per_stage workers on each stage, stopped stage by stage. Returns (results, worker CPU)."""
    queues = [ClosableQueue() for _ in STAGES]
    done = Queue()
    step = stage_function(latency)
    stages = []
    for index, count in enumerate(per_stage):
        out = queues[index + 1] if index + 1 < len(queues) else done
        stages.append(start_workers(count, step, queues[index], out))
    for item in items:
        queues[0].put(item)
    for queue, workers in zip(queues, stages):
        stop_workers(queue, workers)
    results = [done.get_nowait() for _ in range(done.qsize())]
    return results, sum(w.cpu for ws in stages for w in ws)


def processes(items, latency):
    """download | resize | upload as three python3 children; the pipes are the queues."""
    procs = []
    try:
        for index, name in enumerate(STAGES):
            procs.append(subprocess.Popen(
                [sys.executable, __file__, "--stage", name, repr(latency)],
                stdin=subprocess.PIPE if index == 0 else procs[-1].stdout, stdout=subprocess.PIPE))
            if index > 0:
                procs[-2].stdout.close()  # the child holds it now: EOF travels down the pipeline

        def feed():
            try:
                for item in items:
                    procs[0].stdin.write((item + "\n").encode())
            finally:
                procs[0].stdin.close()
        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        out, _ = procs[-1].communicate(timeout=TIMEOUT)
        feeder.join(TIMEOUT)
        for proc in procs:
            if proc.wait(TIMEOUT) != 0:
                raise RuntimeError(f"stage exited with {proc.returncode}")
        return out.decode().splitlines()
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)


def run_stage(latency):
    """One stage child: copy each line from stdin to stdout after the stage's latency, flushing every item."""
    step = stage_function(latency)
    for line in sys.stdin.buffer:
        sys.stdout.buffer.write(step(line))
        sys.stdout.buffer.flush()


class MyQueue:
    """Examples 2-4: a deque behind a lock; get raises IndexError when empty."""

    def __init__(self):
        self.items = deque()
        self.lock = threading.Lock()

    def put(self, item):
        with self.lock:
            self.items.append(item)

    def get(self):
        with self.lock:
            return self.items.popleft()


class PollingWorker(MeasuredWorker):
    """Examples 5-6: polls its queue every 10 ms when empty; setting in_queue to None is the magic exit."""

    def work(self):
        while True:
            try:
                item = self.in_queue.get()
            except IndexError:
                time.sleep(0.01)
            except AttributeError:
                return  # the magic exit
            else:
                self.out_queue.put(self.func(item))


def polling(items):
    queues = [MyQueue() for _ in range(4)]
    workers = [PollingWorker(lambda item: item, queues[i], queues[i + 1]) for i in range(3)]
    for worker in workers:
        worker.start()
    for item in range(items):
        queues[0].put(item)
    deadline = time.monotonic() + TIMEOUT
    while len(queues[3].items) < items:
        if time.monotonic() > deadline:
            raise TimeoutError("the polling pipeline did not finish")
        time.sleep(0.1)
    for worker in workers:
        worker.in_queue = None
    for worker in workers:
        worker.join(TIMEOUT)
    return len(queues[3].items), sum(w.cpu for w in workers)


def blocking(items):
    results, cpu = threads(range(items), (1, 1, 1), 0)
    return len(results), cpu


def idle_polling(idle=0.1):
    empty = MyQueue()
    workers = [PollingWorker(lambda item: item, empty, empty) for _ in STAGES]
    for worker in workers:
        worker.start()
    time.sleep(idle)
    for worker in workers:
        worker.in_queue = None
    for worker in workers:
        worker.join(TIMEOUT)
    return sum(w.cpu for w in workers)


def idle_blocking(idle=0.1):
    empty = ClosableQueue()
    workers = start_workers(len(STAGES), lambda item: item, empty, empty)
    time.sleep(idle)
    stop_workers(empty, workers)
    return sum(w.cpu for w in workers)


def with_cpu(func):
    """A timed callable for func (which returns worker CPU seconds) and the mean worker CPU per op in us."""
    spent = []
    return (lambda: spent.append(func())), lambda seconds: {"workerCpuMicros": round(1e6 * sum(spent) / len(spent))}


def main():
    items = [f"image-{i}" for i in range(ITEMS)]
    for latency_millis in (0, 1):
        latency = latency_millis / 1000
        expected = sequential(items, latency)
        assert sorted(threads(items, (3, 4, 5), latency)[0]) == sorted(expected)
        assert processes(items, latency) == expected
        heavy = latency_millis > 0
        emit(55, "pipeline", "SEQUENTIAL", "1/1/1", lambda: sequential(items, latency),
             runs=3, warmup=0 if heavy else 1, latencyMillis=latency_millis)
        for per_stage in ((1, 1, 1), (3, 4, 5)):
            emit(55, "pipeline", "THREADS", "/".join(map(str, per_stage)),
                 lambda: threads(items, per_stage, latency), runs=3, latencyMillis=latency_millis)
        emit(55, "pipeline", "PROCESSES", "1/1/1", lambda: processes(items, latency),
             runs=3, latencyMillis=latency_millis)
    assert polling(ITEMS)[0] == ITEMS and blocking(ITEMS)[0] == ITEMS
    designs = (("POLLING", polling, idle_polling), ("BLOCKING", blocking, idle_blocking))
    for name, run, _ in designs:
        op, cpu = with_cpu(lambda: run(ITEMS)[1])
        emit(55, "coordination", name, 3, op, runs=5, warmup=0, results=cpu)
    for name, _, idle in designs:
        op, cpu = with_cpu(idle)
        emit(55, "idle", name, 3, op, runs=5, warmup=0, results=cpu)

if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--stage":
        run_stage(float(sys.argv[3]))
    else:
        main()
