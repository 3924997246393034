"""Item 53 in CPython: the book's factorization, serial vs one thread per number; and five 0.1 s blocking calls."""

import select
import socket
from threading import Thread

from _bench import emit

NUMBERS = [2139079, 1214759, 1516637, 1852285]


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
    # A real 0.1 s block: select on a socket that never becomes readable (the book's unconnected socket
    # returns at once on Linux, so a connected pair is used here).
    a, b = socket.socketpair()
    try:
        select.select([a], [], [], 0.1)
    finally:
        a.close()
        b.close()


def serial_calls():
    for _ in range(5):
        blocking_call()


def threaded_calls():
    ts = [Thread(target=blocking_call) for _ in range(5)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()


def main():
    assert serial() == threads()
    emit(53, "factorize", "SEQUENTIAL", 1, serial, runs=3)
    emit(53, "factorize", "THREADS", len(NUMBERS), threads, runs=3)
    emit(53, "blockingCalls", "SEQUENTIAL", 1, serial_calls, runs=3)
    emit(53, "blockingCalls", "THREADS", 5, threaded_calls, runs=3)


if __name__ == "__main__":
    main()
