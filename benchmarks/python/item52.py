"""Item 52 in CPython: N children sleeping 0.1 s, one after another vs all at once; and one `true` child."""

import subprocess

from _bench import emit


def sequential(n):
    for _ in range(n):
        subprocess.run(["sleep", "0.1"], check=True, timeout=30)


def parallel(n):
    procs = [subprocess.Popen(["sleep", "0.1"]) for _ in range(n)]
    for proc in procs:
        proc.communicate(timeout=30)
        assert proc.returncode == 0


def main():
    for n in (1, 2, 4, 8, 16):
        emit(52, "fanOut", "SEQUENTIAL", n, lambda: sequential(n), runs=3)
        emit(52, "fanOut", "PARALLEL", n, lambda: parallel(n), runs=3)
    emit(52, "spawn", "os", 1, lambda: subprocess.run(["true"], check=True, timeout=30), runs=50)


if __name__ == "__main__":
    main()
