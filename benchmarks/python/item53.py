"""Item 53 in CPython: the 3rd edition's sixteen numbers (the workload of Item53Benchmark), serial vs one thread per
number; and sixteen 0.1 s blocking calls on 1-16 threads, as Item53Benchmark.blockingCalls makes them."""

import select
import socket
from threading import Lock, Thread

from _bench import emit

NUMBERS = [7775876, 6694411, 5038540, 5426782, 9934740, 9168996, 5271226, 8288002,
           9403196, 6678888, 6776096, 9582542, 7107467, 9633726, 5747908, 7613918]
CALLS = 16


def factorize(number):
    for i in range(1, number + 1):
        if number % i == 0:
            yield i


def serial():
    return [list(factorize(n)) for n in NUMBERS]


def threads():
    results = [None] * len(NUMBERS)

    def work(index, number):
        results[index] = list(factorize(number))

    ts = [Thread(target=work, args=(i, n)) for i, n in enumerate(NUMBERS)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return results


def blocking_call():
    # A real 0.1 s block, the book's: select on a socket that never becomes readable (the book's unconnected socket
    # returns at once on Linux, so a connected pair is used here).
    a, b = socket.socketpair()
    try:
        select.select([a], [], [], 0.1)
    finally:
        a.close()
        b.close()


def serial_calls():
    for _ in range(CALLS):
        blocking_call()


def threaded_calls(workers):
    def run():
        remaining = list(range(CALLS))
        lock = Lock()

        def worker():
            while True:
                with lock:
                    if not remaining:
                        return
                    remaining.pop()
                blocking_call()

        ts = [Thread(target=worker) for _ in range(workers)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
    return run


def main():
    expected = serial()
    assert threads() == expected
    emit(53, "factorize", "SEQUENTIAL", 1, serial, runs=1, warmup=0)
    emit(53, "factorize", "THREADS", len(NUMBERS), threads, runs=1, warmup=0)
    emit(53, "blockingCalls", "SEQUENTIAL", 1, serial_calls, runs=3)
    for workers in (1, 2, 4, 8, 16):
        emit(53, "blockingCalls", "THREADS", workers, threaded_calls(workers), runs=3)


if __name__ == "__main__":
    main()
