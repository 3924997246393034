"""Item 61 in CPython: guess-the-number sessions served with C clients playing at once (Item61Benchmark.round).

One op is one round: each of the `clients` connections (opened once per style and client count, each driven by its
own thread of a pool, blocking sockets) plays the book's first game at the same time: PARAMS 1 5, then NUMBER /
REPORT until correct (secret 3), then PARAMS 0 -1. The row's seconds is the median round; sessionsPerSecond is
clients / seconds, the figure to set beside Java's `sessions`. The server's guesses come from one shared, locked
random.Random(1234). Connecting is not measured. Servers bind 127.0.0.1 on an ephemeral port; TCP_NODELAY on both
ends, as in Java.

Styles: PLATFORM_THREADS (the book's threaded server: a thread per connection), EVENT_LOOP (the book's asyncio
server, its loop on one background thread), PRE_FORKED_PROCESSES (two worker processes forked after bind, each
accepting on the shared listening socket and serving its connections a thread each, each with its own copy of the
generator: the Unix pre-fork that Java cannot do, so Java's parent relays lines to its worker JVMs instead; the
workload, sessions served, is the same, the plumbing is not). VIRTUAL_THREADS has no CPython counterpart.
Clients and server share one interpreter (and its GIL) for the first two styles, as they share one JVM in Java.

`python3 item61.py serve threads|asyncio` is the server alone, for `workbench load 61` (Item61Load), whose one
Java load generator drives it beside the Java styles: it raises its open-file limit to the hard one, listens on
127.0.0.1 (an ephemeral port, backlog 4096), prints `LISTENING <port>` and serves until its stdin ends.
"""

import asyncio
import contextlib
import multiprocessing
import os
import random
import resource
import socket
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from _bench import emit, loop_thread

CLIENTS = (1, 4, 16, 64)
PRE_FORKED_WORKERS = 2
TIMEOUT = 10
BACKLOG = 4096  # a burst of connects waits in the accept queue (Linux caps it at net.core.somaxconn)


class Game:
    """The server's side of one connection: the book's Session state machine, without the I/O."""

    def __init__(self, rng, lock):
        self.rng, self.lock = rng, lock
        self.reset(0, -1)

    def reset(self, lower, upper):
        self.lower, self.upper, self.secret, self.guesses = lower, upper, None, []

    def handle(self, line):
        """Answers one command line; returns the reply line, or None when the command has none."""
        parts = line.split(" ")
        if parts[0] == "PARAMS":
            self.reset(int(parts[1]), int(parts[2]))
            return None
        if parts[0] == "NUMBER":
            if self.secret is None:
                with self.lock:
                    guess = self.rng.randint(self.lower, self.upper)
                    while guess in self.guesses:
                        guess = self.rng.randint(self.lower, self.upper)
                self.guesses.append(guess)
                return str(guess)
            return str(self.secret)
        if parts[0] == "REPORT":
            if parts[1] == "Correct":
                self.secret = self.guesses[-1]
            return None
        raise ValueError(f"unknown command: {line!r}")


def serve_connection(conn, rng, lock):
    """Thread per connection: read lines until the client closes (or vanishes)."""
    game = Game(rng, lock)
    with conn, conn.makefile("rb") as lines:
        try:
            for raw in lines:
                reply = game.handle(raw[:-1].decode())
                if reply is not None:
                    conn.sendall((reply + "\n").encode())
        except ConnectionError:
            pass


async def serve_async_connection(reader, writer, rng, lock):
    """The asyncio handler: the same loop, each blocking call awaited."""
    game = Game(rng, lock)
    writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        while raw := await reader.readline():
            reply = game.handle(raw[:-1].decode())
            if reply is not None:
                writer.write((reply + "\n").encode())
                await writer.drain()
    except ConnectionError:
        pass
    finally:
        writer.close()


def accept_loop(listener, rng, lock, stop=None):
    handlers = []
    while stop is None or not stop.is_set():
        try:
            conn, _ = listener.accept()
        except socket.timeout:
            continue
        except OSError:
            break
        conn.settimeout(None)
        conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        handler = threading.Thread(target=serve_connection, args=(conn, rng, lock), daemon=True)
        handler.start()
        handlers.append(handler)
    for handler in handlers:
        handler.join(TIMEOUT)


def listen():
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(BACKLOG)
    return listener


class ThreadServer:
    def __enter__(self):
        self.listener = listen()
        self.listener.settimeout(0.1)
        self.stop = threading.Event()
        self.thread = threading.Thread(target=accept_loop, args=(self.listener, random.Random(1234),
                                                                  threading.Lock(), self.stop), daemon=True)
        self.thread.start()
        return self.listener.getsockname()

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(TIMEOUT)
        self.listener.close()


@contextlib.contextmanager
def async_server():
    with loop_thread(TIMEOUT) as loop:
        rng, lock = random.Random(1234), threading.Lock()

        async def start():
            return await asyncio.start_server(lambda r, w: serve_async_connection(r, w, rng, lock), "127.0.0.1", 0,
                                              backlog=BACKLOG)

        async def stop():
            server.close()
            await server.wait_closed()
            await asyncio.sleep(0.05)  # let the handlers see their clients' EOF
        server = asyncio.run_coroutine_threadsafe(start(), loop).result(TIMEOUT)
        try:
            yield server.sockets[0].getsockname()
        finally:
            asyncio.run_coroutine_threadsafe(stop(), loop).result(TIMEOUT)


def pre_forked_worker(listener):
    accept_loop(listener, random.Random(1234), threading.Lock())


class PreForkedServer:
    def __enter__(self):
        self.listener = listen()
        context = multiprocessing.get_context("fork")
        self.workers = [context.Process(target=pre_forked_worker, args=(self.listener,), daemon=True)
                        for _ in range(PRE_FORKED_WORKERS)]
        for worker in self.workers:
            worker.start()
        return self.listener.getsockname()

    def __exit__(self, *exc):
        for worker in self.workers:
            worker.terminate()
        for worker in self.workers:
            worker.join(TIMEOUT)
            if worker.is_alive():
                worker.kill()
                worker.join(TIMEOUT)
        self.listener.close()


class Client:
    """One blocking connection that plays the book's first game: range 1-5, secret 3, at most 5 guesses."""

    def __init__(self, address):
        self.sock = socket.create_connection(address, timeout=TIMEOUT)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.lines = self.sock.makefile("rb")

    def send(self, line):
        self.sock.sendall((line + "\n").encode())

    def play(self, lower=1, upper=5, secret=3, count=5):
        self.send(f"PARAMS {lower} {upper}")
        guesses, last = 0, None
        try:
            for _ in range(count):
                self.send("NUMBER")
                number = int(self.lines.readline()[:-1])
                guesses += 1
                distance = abs(number - secret)
                if distance == 0:
                    decision = "Correct"
                elif last is None or distance == last:
                    decision = "Unsure"
                else:
                    decision = "Warmer" if distance < last else "Colder"
                last = distance
                self.send(f"REPORT {decision}")
                if distance == 0:
                    break
        finally:
            self.send("PARAMS 0 -1")
        return guesses

    def close(self):
        self.lines.close()
        self.sock.close()


def measure(style, server_type):
    for clients in CLIENTS:
        with server_type() as address, ThreadPoolExecutor(max_workers=clients) as players:
            connections = [Client(address) for _ in range(clients)]
            try:
                def round_():
                    played = [players.submit(c.play) for c in connections]
                    return sum(p.result(TIMEOUT) for p in played)
                for _ in range(3):
                    assert 1 <= round_() <= 5 * clients
                start = time.perf_counter()
                round_()
                runs = max(5, min(500, int(1.0 / max(time.perf_counter() - start, 1e-4))))
                emit(61, "round", style, clients, round_, runs=runs, warmup=0,
                     results=lambda seconds: {"sessionsPerSecond": round(clients / seconds)})
            finally:
                for connection in connections:
                    connection.close()


def serve(mode):
    """One server until stdin ends: `threads` (a thread per connection) or `asyncio` (the book's asyncio server)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    rng, lock = random.Random(1234), threading.Lock()

    def stop_at_end_of_stdin():
        sys.stdin.buffer.read()
        os._exit(0)  # the handler threads are daemons; the listening socket goes with the process

    def announce(port):
        print(f"LISTENING {port}", flush=True)
        threading.Thread(target=stop_at_end_of_stdin, daemon=True).start()

    if mode == "threads":
        listener = listen()
        announce(listener.getsockname()[1])
        accept_loop(listener, rng, lock)
    elif mode == "asyncio":
        async def main_async():
            server = await asyncio.start_server(lambda r, w: serve_async_connection(r, w, rng, lock), "127.0.0.1",
                                                0, backlog=BACKLOG)
            announce(server.sockets[0].getsockname()[1])
            async with server:
                await server.serve_forever()
        asyncio.run(main_async())
    else:
        sys.exit(f"item61.py serve: unknown mode {mode!r}; expected threads or asyncio")


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "serve":
        serve(sys.argv[2])
        return
    for style, server_type in (("PLATFORM_THREADS", ThreadServer), ("EVENT_LOOP", async_server),
                               ("PRE_FORKED_PROCESSES", PreForkedServer)):
        measure(style, server_type)


if __name__ == "__main__":
    main()
