"""Item 60 in CPython: one coroutine per cell gathered by asyncio, seconds per generation."""

from _life import coroutines, measure


def main():
    measure(60, "coroutines", lambda io: (coroutines(io), lambda: None))


if __name__ == "__main__":
    main()
