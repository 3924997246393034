"""Shared timing helpers for the workbench's CPython measurements.

Each itemNN.py script measures the same workload as the Java benchmark of that item and prints one JSON
object per line: {"item", "benchmark", "strategy", "workers", "seconds" (the median), "min", "max", "count", "python", ...}.
`workbench bench NN` runs the script when python3 is present and records its lines beside the JMH JSON.
"""

import json
import os
import platform
import statistics
import sys
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


def emit(item, benchmark, strategy, workers, func, runs=5, warmup=1, **extra):
    seconds, times = median_seconds(func, runs=runs, warmup=warmup)
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
    row.update(extra)
    print(json.dumps(row), flush=True)
    return seconds
