"""Item 58 in CPython: five game_logic workers fed by a queue, seconds per generation."""

from _life import QueueWorkers, game_logic, measure


def make(io_seconds):
    workers = QueueWorkers(game_logic(io_seconds), 5)
    return workers, workers.close


def main():
    measure(58, "queueWorkers", make, workers=5)


if __name__ == "__main__":
    main()
