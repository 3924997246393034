"""Item 59 in CPython: a ThreadPoolExecutor of 10 stepping every cell, seconds per generation."""

from _life import ThreadPool, measure


def make(_io_seconds):
    pool = ThreadPool(10)
    return pool, pool.close


def main():
    measure(59, "threadPool", make, workers=10)


if __name__ == "__main__":
    main()
