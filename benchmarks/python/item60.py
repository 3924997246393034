"""Item 60 in CPython: one coroutine per cell gathered by asyncio, seconds per generation; and the fan-out,
`tasks` coroutines each awaiting a 10 ms sleep on one event loop, all gathered (Java's fanOut EVENT_LOOP rows).
Strategy names are the Java benchmark's: asyncio's coroutines are its eventLoop / EVENT_LOOP rows."""

import asyncio

from _bench import emit
from _life import coroutines, measure

LATENCY_MILLIS = 10


def fan_out(tasks, latency=LATENCY_MILLIS / 1000):
    async def wait():
        await asyncio.sleep(latency)

    async def gather():
        await asyncio.gather(*(wait() for _ in range(tasks)))

    asyncio.run(gather())


def main():
    measure(60, "eventLoop", lambda io: (coroutines(io), lambda: None))
    for tasks in (10, 100, 1000, 10000, 100000):
        emit(60, "fanOut", "EVENT_LOOP", 1, lambda tasks=tasks: fan_out(tasks), runs=3,
             tasks=tasks, latencyMillis=LATENCY_MILLIS)


if __name__ == "__main__":
    main()
