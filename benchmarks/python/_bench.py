"""Shared timing helpers for the workbench's CPython measurements.

Each itemNN.py script measures the same workload as the Java benchmark of that item and prints one JSON
object per line: {"item", "benchmark", "strategy", "workers", "seconds" (the median), "min", "max", "count", "python", ...}.
Keys beyond those are the workload's parameters (named as the Java benchmark's @Params), except the figures
CPython.java knows as results (lost, p90, p99, workerCpuMicros, sessionsPerSecond), which the report shows as notes.
A row lines up with a Java row (SideBySide.java) when "benchmark" is the Java method, "strategy" the Java row's way
(its strategy/style/coordination/placement/child/kind @Param value, any case), the workload parameters are Java's,
and "workers" is Java's worker count where the Java benchmark varies it; "seconds" is per operation as Java's op
counts them (pass ops= for work too short to time one at a time). The report converts it to the Java unit.
`workbench bench NN` runs the script right after the JMH run and records its lines beside the JMH JSON, with a
sidecar carrying the same run id, the date and the load average.
"""

import asyncio
import contextlib
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
    }
    if tail:
        ordered = sorted(times)
        row["p90"] = ordered[min(len(ordered) - 1, int(0.90 * len(ordered)))]
        row["p99"] = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    row.update(extra)
    if results is not None:
        row.update(results(seconds))
    print(json.dumps(row), flush=True)
    return seconds
