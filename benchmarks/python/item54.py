"""Item 54 in CPython: threads x 100,000 increments, unlocked vs locked, seconds per increment (as Java's
`increment` rows: its op is one increment); also the updates lost with the book's 5 threads. Strategy names are the
Java benchmark's: the book's LockingCounter is LOCKING."""

import json
from threading import Barrier, Lock, Thread

from _bench import emit

HOW_MANY = 10**5
THREADS = 5


class Counter:
    def __init__(self):
        self.count = 0

    def increment(self, offset):
        self.count += offset


class LockingCounter:
    def __init__(self):
        self.lock = Lock()
        self.count = 0

    def increment(self, offset):
        with self.lock:
            self.count += offset


def run(counter_type, threads=THREADS):
    counter = counter_type()
    barrier = Barrier(threads)

    def worker():
        barrier.wait(timeout=30)
        for _ in range(HOW_MANY):
            counter.increment(1)

    ts = [Thread(target=worker) for _ in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return counter.count


def sequential():
    counter = Counter()
    for _ in range(HOW_MANY * THREADS):
        counter.increment(1)
    return counter.count


def main():
    emit(54, "increment", "SEQUENTIAL", 1, sequential, runs=3, ops=HOW_MANY * THREADS)
    for threads in (1, 2, 4, 8, 16):
        emit(54, "increment", "UNSAFE", threads, lambda n=threads: run(Counter, n), runs=3, ops=HOW_MANY * threads)
        emit(54, "increment", "LOCKING", threads, lambda n=threads: run(LockingCounter, n), runs=3,
             ops=HOW_MANY * threads)
    lost = [HOW_MANY * THREADS - run(Counter) for _ in range(5)]
    print(json.dumps({"item": 54, "benchmark": "lostUpdates", "strategy": "UNSAFE", "workers": THREADS,
                      "lost": lost}), flush=True)


if __name__ == "__main__":
    main()
