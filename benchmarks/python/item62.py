"""Item 62 in CPython: what each step of the thread-to-asyncio migration costs (Item62Benchmark).

merge: one op is one whole harness run on 5 files x 5 lines (each file's writer thread sleeps a random [0, 2) ms
before each line; tails poll every 1 ms when nothing is new): make the temp files and start the writers, merge
with the strategy, confirm the merge, delete everything. The strategies are the book's four: THREADS (a thread per
tail, writes under a lock), TOP_DOWN (each blocking tail in the loop's default executor, writing through
run_coroutine_threadsafe(...).result()), FULLY_ASYNC (a task per tail, readline in the executor, asyncio.sleep, the
write on the loop), BOTTOM_UP (a thread per tail, each running tail_async on its own new event loop). As in Java,
the closer joins the writers and then tells the tails that their files are complete (the book's fixed 1 s close can
lose a late line); a tail that finds nothing after that stops.
writeOneLine: one op is one line written from a plain thread: LOCK, under a lock; LOOP_HOP, by
run_coroutine_threadsafe(write_async(line), loop).result() on a running loop. The output discards the bytes.
There is no multi-process row, as in Java: the item is about threads and one loop handing work to each other.
"""

import asyncio
import os
import random
import shutil
import tempfile
import threading
import time
from collections import defaultdict

from _bench import emit, loop_thread

FILES = 5
LINES = 5
MAX_WRITE_DELAY = 0.002
INTERVAL = 0.001
TIMEOUT = 30


class Handle:
    """A reader handle: the next complete line appended to a growing file, or None; writers_done says it is full."""

    def __init__(self, path):
        self.path = path
        self.file = open(path, "rb")
        self.writers_done = False

    def readline(self):
        position = self.file.tell()
        line = self.file.readline()
        if not line.endswith(b"\n"):
            self.file.seek(position)  # nothing, or a line still being written
            return None
        return line

    def close(self):
        self.file.close()


def tail_file(handle, interval, write):
    while True:
        done = handle.writers_done
        line = handle.readline()
        if line is not None:
            write(line)
        elif done:
            return
        else:
            time.sleep(interval)


async def tail_async(handle, interval, write_async):
    loop = asyncio.get_running_loop()
    while True:
        done = handle.writers_done
        line = await loop.run_in_executor(None, handle.readline)
        if line is not None:
            await write_async(line)
        elif done:
            return
        else:
            await asyncio.sleep(interval)


def run_threads(handles, interval, output, tail=tail_file):
    lock = threading.Lock()

    def write(data):
        with lock:
            output.write(data)
    tails = [threading.Thread(target=tail, args=(h, interval, write)) for h in handles]
    for t in tails:
        t.start()
    for t in tails:
        t.join(TIMEOUT)


async def run_top_down(handles, interval, output):
    loop = asyncio.get_running_loop()

    async def write_async(data):
        output.write(data)

    def write(data):
        asyncio.run_coroutine_threadsafe(write_async(data), loop).result(TIMEOUT)
    await asyncio.gather(*(loop.run_in_executor(None, tail_file, h, interval, write) for h in handles))


async def run_fully_async(handles, interval, output):
    async def write_async(data):
        output.write(data)
    await asyncio.gather(*(asyncio.create_task(tail_async(h, interval, write_async)) for h in handles))


def tail_file_bottom_up(handle, interval, write):
    """Bottom-up: the synchronous tail_file, now a wrapper that runs tail_async on this thread's own loop."""
    async def write_async(data):
        write(data)
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(tail_async(handle, interval, write_async))
        loop.run_until_complete(loop.shutdown_default_executor())
    finally:
        loop.close()


STRATEGIES = {
    "THREADS": lambda handles, output: run_threads(handles, INTERVAL, output),
    "TOP_DOWN": lambda handles, output: asyncio.run(run_top_down(handles, INTERVAL, output)),
    "FULLY_ASYNC": lambda handles, output: asyncio.run(run_fully_async(handles, INTERVAL, output)),
    "BOTTOM_UP": lambda handles, output: run_threads(handles, INTERVAL, output, tail=tail_file_bottom_up),
}


def write_lines(path, rng):
    with open(path, "ab") as out:
        for i in range(LINES):
            time.sleep(rng.random() * MAX_WRITE_DELAY)
            letters = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(10))
            out.write(f"{path}-{i:02}-{letters}\n".encode())
            out.flush()


def confirm_merge(input_paths, output_path):
    found = defaultdict(list)
    with open(output_path, "rb") as merged:
        for line in merged:
            found[line.decode().rsplit("-", 2)[0]].append(line)
    for path in input_paths:
        with open(path, "rb") as source:
            assert found[path] == source.readlines(), f"{path}: merged lines differ"


def harness_run(strategy, seed=[0]):
    """Sets up the files and writers, merges with strategy, confirms, deletes: one op."""
    seed[0] += 1
    rng = random.Random(seed[0])
    directory = tempfile.mkdtemp(prefix="workbench-tail-")
    try:
        paths = [os.path.join(directory, str(i)) for i in range(FILES)]
        for path in paths:
            open(path, "wb").close()
        handles = [Handle(path) for path in paths]
        writers = [threading.Thread(target=write_lines, args=(p, random.Random(rng.random()))) for p in paths]

        def close_when_written():
            for writer in writers:
                writer.join(TIMEOUT)
            for handle in handles:
                handle.writers_done = True
        closer = threading.Thread(target=close_when_written)
        for writer in writers:
            writer.start()
        closer.start()
        output_path = os.path.join(directory, "merged")
        try:
            with open(output_path, "wb") as output:
                STRATEGIES[strategy](handles, output)
        finally:
            closer.join(TIMEOUT)
            for handle in handles:
                handle.close()
        confirm_merge(paths, output_path)
    finally:
        shutil.rmtree(directory)


class NullOutput:
    def write(self, data):
        return len(data)


def write_under_lock(line, count):
    lock, output = threading.Lock(), NullOutput()

    def run():
        for _ in range(count):
            with lock:
                output.write(line)
    return run


def write_by_loop_hop(loop, line, count):
    output = NullOutput()

    async def write_async(data):
        output.write(data)

    def run():
        for _ in range(count):
            asyncio.run_coroutine_threadsafe(write_async(line), loop).result(TIMEOUT)
    return run


def main():
    for strategy in STRATEGIES:
        emit(62, "merge", strategy, FILES, lambda: harness_run(strategy), runs=40, warmup=5, files=FILES,
             lines=LINES)
    line = b"/tmp/workbench-tail-0/0-00-abcdefghij\n"
    emit(62, "writeOneLine", "LOCK", 1, write_under_lock(line, 100_000), runs=5, ops=100_000)
    with loop_thread(TIMEOUT) as loop:
        emit(62, "writeOneLine", "LOOP_HOP", 1, write_by_loop_hop(loop, line, 5_000), runs=5, ops=5_000)


if __name__ == "__main__":
    main()
