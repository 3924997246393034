"""The Game of Life of Items 56-60 in CPython (our own code), with a simulated I/O wait per cell.

Each strategy steps one generation; the itemNN.py scripts time them with the same grid sizes and waits as the
Java benchmarks (size 5x9 with the book's glider, or 20x20 seeded; ioMillis 0, 1 or 10 per cell).
"""

import asyncio
import random
import time
from concurrent.futures import ThreadPoolExecutor
from queue import Queue
from threading import Lock, Thread

ALIVE = "*"
EMPTY = "-"


class Grid:
    def __init__(self, height, width):
        self.height = height
        self.width = width
        self.rows = [[EMPTY] * width for _ in range(height)]

    def get(self, y, x):
        return self.rows[y % self.height][x % self.width]

    def set(self, y, x, state):
        self.rows[y % self.height][x % self.width] = state

    def __eq__(self, other):
        return self.rows == other.rows


class LockingGrid(Grid):
    def __init__(self, height, width):
        super().__init__(height, width)
        self.lock = Lock()

    def get(self, y, x):
        with self.lock:
            return super().get(y, x)

    def set(self, y, x, state):
        with self.lock:
            return super().set(y, x, state)


def make_grid(size, grid_type=Grid):
    height, width = (int(n) for n in size.split("x"))
    grid = grid_type(height, width)
    if size == "5x9":
        for y, x in ((0, 3), (1, 4), (2, 2), (2, 3), (2, 4)):
            grid.set(y, x, ALIVE)
    else:
        rng = random.Random(1234)
        for y in range(height):
            for x in range(width):
                if rng.random() < 0.3:
                    grid.set(y, x, ALIVE)
    return grid


def count_neighbors(y, x, get):
    offsets = ((-1, 0), (-1, 1), (0, 1), (1, 1), (1, 0), (1, -1), (0, -1), (-1, -1))
    return sum(1 for dy, dx in offsets if get(y + dy, x + dx) == ALIVE)


def rules(state, neighbors):
    if state == ALIVE and (neighbors < 2 or neighbors > 3):
        return EMPTY
    if state == EMPTY and neighbors == 3:
        return ALIVE
    return state


def game_logic(io_seconds):
    def logic(state, neighbors):
        if io_seconds:
            time.sleep(io_seconds)  # the blocking I/O the book only describes
        return rules(state, neighbors)
    return logic


def step_cell(y, x, get, set_, logic):
    set_(y, x, logic(get(y, x), count_neighbors(y, x, get)))


def sequential(grid, logic):
    next_grid = Grid(grid.height, grid.width)
    for y in range(grid.height):
        for x in range(grid.width):
            step_cell(y, x, grid.get, next_grid.set, logic)
    return next_grid


def thread_per_cell(grid, logic):
    next_grid = LockingGrid(grid.height, grid.width)
    threads = []
    for y in range(grid.height):
        for x in range(grid.width):
            thread = Thread(target=step_cell, args=(y, x, grid.get, next_grid.set, logic))
            thread.start()
            threads.append(thread)
    for thread in threads:
        thread.join()
    return next_grid


class QueueWorkers:
    """Item 58: a fixed set of game_logic workers fed by a queue; the main thread counts neighbours."""

    def __init__(self, logic, workers):
        self.in_queue = Queue()
        self.out_queue = Queue()
        self.threads = [Thread(target=self.work, args=(logic,), daemon=True) for _ in range(workers)]
        for thread in self.threads:
            thread.start()

    def work(self, logic):
        while True:
            item = self.in_queue.get()
            if item is None:
                return
            y, x, state, neighbors = item
            self.out_queue.put((y, x, logic(state, neighbors)))

    def __call__(self, grid, _logic):
        cells = 0
        for y in range(grid.height):
            for x in range(grid.width):
                self.in_queue.put((y, x, grid.get(y, x), count_neighbors(y, x, grid.get)))
                cells += 1
        next_grid = Grid(grid.height, grid.width)
        for _ in range(cells):
            y, x, state = self.out_queue.get()
            next_grid.set(y, x, state)
        return next_grid

    def close(self):
        for _ in self.threads:
            self.in_queue.put(None)
        for thread in self.threads:
            thread.join()


class ThreadPool:
    """Item 59: a ThreadPoolExecutor(max_workers=10) stepping every cell."""

    def __init__(self, workers):
        self.pool = ThreadPoolExecutor(max_workers=workers)

    def __call__(self, grid, logic):
        next_grid = LockingGrid(grid.height, grid.width)
        futures = [self.pool.submit(step_cell, y, x, grid.get, next_grid.set, logic)
                   for y in range(grid.height) for x in range(grid.width)]
        for future in futures:
            future.result()
        return next_grid

    def close(self):
        self.pool.shutdown()


def coroutines(io_seconds):
    """Item 60: one coroutine per cell, asyncio.gather, the wait an asyncio.sleep."""

    async def logic(state, neighbors):
        if io_seconds:
            await asyncio.sleep(io_seconds)
        return rules(state, neighbors)

    async def step(y, x, get, set_):
        set_(y, x, await logic(get(y, x), count_neighbors(y, x, get)))

    async def simulate(grid):
        next_grid = Grid(grid.height, grid.width)
        await asyncio.gather(*(step(y, x, grid.get, next_grid.set)
                               for y in range(grid.height) for x in range(grid.width)))
        return next_grid

    def run(grid, _logic):
        return asyncio.run(simulate(grid))
    return run


def measure(item, strategy_name, make, sizes=("5x9", "20x20"), ios=(0, 1, 10), workers=None, skip=()):
    """Emits one row per size and wait: the median seconds per generation of `make(io_seconds)`."""
    from _bench import emit

    for size in sizes:
        for io_millis in ios:
            if (size, io_millis) in skip:
                continue
            io_seconds = io_millis / 1000
            step, close = make(io_seconds)
            grid = make_grid(size)
            expected = sequential(grid, game_logic(0))
            assert step(grid, game_logic(io_seconds)) == expected, strategy_name
            runs = 1 if size == "20x20" and io_millis == 10 else 3
            extra = {"size": size, "ioMillis": io_millis}
            emit(item, "generation", strategy_name, workers or 1,
                 lambda: step(grid, game_logic(io_seconds)), runs=runs, warmup=0, **extra)
            close()
