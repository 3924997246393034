"""Item 57 in CPython: a new thread per cell, seconds per generation by grid size and I/O wait."""

from _life import measure, thread_per_cell


def main():
    measure(57, "threadPerCell", lambda io: (thread_per_cell, lambda: None))


if __name__ == "__main__":
    main()
