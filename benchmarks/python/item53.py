"""Item 53 in CPython: the 3rd edition's sixteen numbers (the workload of Item53Benchmark), serial vs one thread per
number; sixteen 0.1 s blocking calls on 1-16 threads, as Item53Benchmark.blockingCalls makes them; and the GIL convoy
(Item53Benchmark.convoy, workbench.item53.Convoy): 200 one-byte round trips between two threads over a socket pair,
alone and beside a CPU-bound thread, at the default switch interval and at 1 ms and 0.1 ms.

`python3 item53.py` runs everything; `python3 item53.py convoy` only the convoy (a few seconds)."""

import select
import socket
import statistics
import sys
import time
from threading import Lock, Thread

import _bench
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


ROUND_TRIPS = 200
CONVOY_RUNS = 5  # a race decides how many round trips wait: the median of five, as the Java demo takes
TIMEOUT = 60


def convoy_run(beside_cpu, round_trips):
    """One run: the main thread makes the round trips with an echo thread, optionally beside a thread that spins;
    appends each round trip's seconds to round_trips."""
    client, server = socket.socketpair()
    client.settimeout(TIMEOUT)
    server.settimeout(TIMEOUT)
    running = [True]

    def spin():
        n = 0
        while running[0]:
            n += 1

    def echo():
        for _ in range(ROUND_TRIPS):
            server.sendall(server.recv(1))

    threads = ([Thread(target=spin, daemon=True)] if beside_cpu else []) + [Thread(target=echo, daemon=True)]
    try:
        for t in threads:
            t.start()
        for _ in range(ROUND_TRIPS):
            start = time.perf_counter()
            client.sendall(b"x")
            if client.recv(1) != b"x":
                raise RuntimeError("the echo thread answered wrongly")
            round_trips.append(time.perf_counter() - start)
    finally:
        running[0] = False
        for t in threads:
            t.join(TIMEOUT)
        client.close()
        server.close()


def convoy():
    default = sys.getswitchinterval()
    # The strategies are the Java benchmark's (workbench.item53.Convoy.Setup), so the report pairs them; the switch
    # interval each sets is recorded beside it.
    for strategy, interval in (("ALONE", default), ("BESIDE_CPU", default), ("SWITCH_1MS", 0.001),
                               ("SWITCH_100US", 0.0001)):
        round_trips = []
        sys.setswitchinterval(interval)
        try:
            emit(53, "convoy", strategy, 1, lambda: convoy_run(strategy != "ALONE", round_trips),
                 runs=CONVOY_RUNS, warmup=1, switchInterval=interval,
                 results=lambda _: {"medianRoundTrip": statistics.median(round_trips[-CONVOY_RUNS * ROUND_TRIPS:])})
        finally:
            sys.setswitchinterval(default)


def factorize_rows():
    expected = serial()
    assert threads() == expected
    emit(53, "factorize", "SEQUENTIAL", 1, serial, runs=1, warmup=0)
    emit(53, "factorize", "THREADS", len(NUMBERS), threads, runs=1, warmup=0)


def blocking_calls_rows():
    emit(53, "blockingCalls", "SEQUENTIAL", 1, serial_calls, runs=3)
    for workers in (1, 2, 4, 8, 16):
        emit(53, "blockingCalls", "THREADS", workers, threaded_calls(workers), runs=3)


if __name__ == "__main__":
    _bench.main({"factorize": factorize_rows, "blockingCalls": blocking_calls_rows, "convoy": convoy})
