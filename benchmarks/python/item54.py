"""Item 54 in CPython: 5 threads x 100,000 increments, unlocked vs locked; also reports updates lost."""

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
    emit(54, "increments", "SEQUENTIAL", 1, sequential, runs=3)
    emit(54, "increments", "UNSAFE", THREADS, lambda: run(Counter), runs=3)
    emit(54, "increments", "LOCKED", THREADS, lambda: run(LockingCounter), runs=3)
    lost = [HOW_MANY * THREADS - run(Counter) for _ in range(5)]
    print(json.dumps({"item": 54, "benchmark": "lostUpdates", "strategy": "UNSAFE", "workers": THREADS,
                      "lost": lost}), flush=True)


if __name__ == "__main__":
    main()
