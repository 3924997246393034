"""Shared timing helpers for the workbench's CPython measurements.

Each itemNN.py script measures the same workload as the Java benchmark of that item and prints one JSON
object per line: {"item", "benchmark", "strategy", "workers", "seconds" (the median), "min", "max", "count", "python",
"date", "loadAverage", ...}.
Keys beyond those are the workload's parameters (named as the Java benchmark's @Params), except the figures
CPython.java knows as results (lost, p90, p99, workerCpuMicros, sessionsPerSecond), which the report shows as notes.
A row lines up with a Java row (SideBySide.java) when "benchmark" is the Java method, "strategy" the Java row's way
(its strategy/style/coordination/placement/child/kind @Param value, any case), the workload parameters are Java's,
and "workers" is Java's worker count where the Java benchmark varies it; "seconds" is per operation as Java's op
counts them (pass ops= for work too short to time one at a time). The report converts it to the Java unit.
`workbench bench NN` runs the script right after the JMH run and records its lines beside the JMH JSON, with a
sidecar carrying the same run id, the date and the load average.
"""

import argparse
import asyncio
import contextlib
import datetime
import json
import os
import platform
import statistics
import sys
import threading
import time


def median_seconds(func, runs=5, warmup=1):
    """Runs func warmup + runs times; returns the median wall time of the measured runs, in seconds."""
    for _ in range(warmup):
        func()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


@contextlib.contextmanager
def loop_thread(timeout=10):
    """An asyncio event loop running on its own daemon thread, stopped and closed on exit."""
    loop = asyncio.new_event_loop()
    thread = threading.Thread(target=loop.run_forever, name="loop", daemon=True)
    thread.start()
    try:
        yield loop
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout)
        loop.run_until_complete(loop.shutdown_default_executor())
        loop.close()


def emit(item, benchmark, strategy, workers, func, runs=5, warmup=1, ops=1, tail=False, results=None, **extra):
    """Measures func and prints its row. ops: how many operations one call of func does (the row's times are per
    operation, for work too short to time one at a time); tail: add the 90th and 99th percentiles (p90, p99);
    results: a callable of the median seconds, run after the measured runs, returning more result fields."""
    seconds, times = median_seconds(func, runs=runs, warmup=warmup)
    times = [t / ops for t in times]
    seconds /= ops
    row = {
        "item": item,
        "benchmark": benchmark,
        "strategy": strategy,
        "workers": workers,
        "seconds": seconds,
        "min": min(times),
        "max": max(times),
        "count": len(times),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "gil": getattr(sys, "_is_gil_enabled", lambda: True)(),
        "cores": os.cpu_count(),
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "loadAverage": os.getloadavg()[0] if hasattr(os, "getloadavg") else -1,
    }
    if tail:
        ordered = sorted(times)
        row["p90"] = ordered[min(len(ordered) - 1, int(0.90 * len(ordered)))]
        row["p99"] = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    row.update(extra)
    if results is not None:
        row.update(results(seconds))
    print(json.dumps(row), flush=True)
    _emitted.append(row)
    return seconds


_emitted = []


def main(benchmarks, argv=None):
    """Runs the script's benchmarks ({name: function printing that benchmark's rows}): all of them, or only those
    named on the command line. With --into FILE (a recorded python-itemNN.json), the rows of the benchmarks run
    replace theirs in FILE and the other rows stay: `python3 item53.py convoy --into ../results/<machine>/...`."""
    parser = argparse.ArgumentParser(description="CPython's side of a workbench benchmark; prints JSON lines.")
    parser.add_argument("names", nargs="*", metavar="benchmark", help="run only these: " + ", ".join(benchmarks))
    parser.add_argument("--into", metavar="FILE", help="also record the rows into this python-itemNN.json")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in benchmarks]
    if unknown:
        parser.error("no benchmark " + ", ".join(unknown) + "; this script has " + ", ".join(benchmarks))
    names = args.names or list(benchmarks)
    for name in names:
        benchmarks[name]()
    if args.into:
        kept = []
        if os.path.exists(args.into):
            with open(args.into) as f:
                kept = [row for row in json.load(f) if row.get("benchmark") not in names]
        os.makedirs(os.path.dirname(os.path.abspath(args.into)), exist_ok=True)
        with open(args.into, "w") as f:
            f.write(json.dumps(kept + _emitted, indent=2) + "\n")
        print("Recorded %d rows into %s" % (len(_emitted), args.into), file=sys.stderr)
