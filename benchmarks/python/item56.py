"""Item 56 in CPython: the sequential Game of Life, seconds per generation by grid size and I/O wait."""

from _life import measure, sequential


def main():
    measure(56, "sequential", lambda io: (sequential, lambda: None))


if __name__ == "__main__":
    main()
