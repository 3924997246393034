"""Item 64 in CPython: brute-force gcd over the 3rd edition's ten pairs (the 2nd edition's times ten, the workload of
Item64Benchmark): serial, a thread pool, a process pool; and a warm pool's round trip for a trivial task."""

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

from _bench import emit

NUMBERS = [(a * 10, b * 10) for a, b in [
    (1963309, 2265973), (2030677, 3814172), (1551645, 2229620), (2039045, 2020802),
    (1823712, 1924928), (2293129, 1020491), (1281238, 2273782), (3823812, 4237281),
    (3812741, 4729139), (1292391, 2123811),
]]


def gcd(pair):
    a, b = pair
    low = min(a, b)
    for i in range(low, 0, -1):
        if a % i == 0 and b % i == 0:
            return i
    raise RuntimeError("Not reachable")


def serial():
    return list(map(gcd, NUMBERS))


def pooled(executor_type, workers):
    def run():
        with executor_type(max_workers=workers) as pool:
            return list(pool.map(gcd, NUMBERS))
    return run


def round_trip(pool):
    return lambda: pool.submit(abs, -1).result()


def main():
    expected = [10 * g for g in [1, 1, 5, 1, 32, 1, 14, 9, 1, 9]]
    assert serial() == expected
    emit(64, "gcd", "SEQUENTIAL", 1, serial, runs=1, warmup=0)
    for workers in (1, 2, 4, 8, 16):
        emit(64, "gcd", "THREADS", workers, pooled(ThreadPoolExecutor, workers), runs=1, warmup=0)
        emit(64, "gcd", "PROCESSES", workers, pooled(ProcessPoolExecutor, workers), runs=1, warmup=0)
    with ProcessPoolExecutor(max_workers=2) as pool:
        pool.submit(abs, -1).result()
        emit(64, "roundTrip", "PROCESSES", 2, round_trip(pool), runs=200, warmup=20)


if __name__ == "__main__":
    main()
