"""Item 63 in CPython: how late the event loop's timers run while blocking writes happen on it, or beside it
(Item63Benchmark.heartbeat).

One op is one heartbeat: this thread runs asyncio.sleep(0.001) on the main loop (its own thread) with
run_coroutine_threadsafe and waits for it. Meanwhile a task on the same loop writes a line, then sleeps 1 ms, over
and over, to a simulated slow device (each write blocks its caller writeMillis; the bytes are discarded): ON_LOOP
writes on the loop's thread, as Item 62's run_tasks does; WRITE_THREAD hands each write to the book's WriteThread,
a thread with its own loop (run_coroutine_threadsafe + wrap_future), so the main loop only awaits. The row's
seconds is the median heartbeat; p90 and p99 its tail (Java samples, and reports the mean and percentiles).
There is no multi-process row, as in Java: responsiveness is a property of one loop's one thread.
"""

import asyncio
import threading
import time

from _bench import emit, loop_thread

TIMEOUT = 10
HEARTBEATS = 200
LINE = b"a line for a slow device\n"


class SlowDevice:
    def __init__(self, seconds):
        self.seconds = seconds

    def write(self, data):
        if self.seconds > 0:
            time.sleep(self.seconds)
        return len(data)


class WriteThread(threading.Thread):
    """The book's dedicated writer: its own loop on its own thread; write() is awaitable from another loop."""

    def __init__(self, device):
        super().__init__(daemon=True)
        self.device = device
        self.loop = asyncio.new_event_loop()

    def run(self):
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()
        self.loop.run_until_complete(asyncio.sleep(0))  # let the stopping side's future complete

    async def real_write(self, data):
        self.device.write(data)

    async def write(self, data):
        await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(self.real_write(data), self.loop))

    async def real_stop(self):
        self.loop.stop()

    async def __aenter__(self):
        await asyncio.get_running_loop().run_in_executor(None, self.start)  # even start() blocks
        return self

    async def __aexit__(self, *exc):
        await asyncio.wrap_future(asyncio.run_coroutine_threadsafe(self.real_stop(), self.loop))
        await asyncio.get_running_loop().run_in_executor(None, self.join, TIMEOUT)
        self.loop.close()


async def write_until(stopping, write):
    while not stopping.is_set():
        await write(LINE)
        await asyncio.sleep(0.001)


async def on_loop(device, stopping):
    async def write(data):
        device.write(data)  # blocks the loop, as the book's run_tasks does
    await write_until(stopping, write)


async def write_thread(device, stopping):
    async with WriteThread(device) as output:
        await write_until(stopping, output.write)


PLACEMENTS = {"ON_LOOP": on_loop, "WRITE_THREAD": write_thread}


def measure(placement, write_millis):
    with loop_thread(TIMEOUT) as loop:
        stopping = threading.Event()
        device = SlowDevice(write_millis / 1000)
        writer = asyncio.run_coroutine_threadsafe(PLACEMENTS[placement](device, stopping), loop)
        try:
            def heartbeat():
                asyncio.run_coroutine_threadsafe(asyncio.sleep(0.001), loop).result(TIMEOUT)
            emit(63, "heartbeat", placement, 1, heartbeat, runs=HEARTBEATS, warmup=20, tail=True,
                 writeMillis=write_millis)
        finally:
            stopping.set()
            writer.result(TIMEOUT)


def main():
    for placement in PLACEMENTS:
        for write_millis in (0, 5, 20):
            measure(placement, write_millis)


if __name__ == "__main__":
    main()
