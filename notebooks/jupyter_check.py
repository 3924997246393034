#!/usr/bin/env python3
"""Runs the notebooks under Jupyter with the rapaio Java kernel, the way a reader runs them, and fails on any error.

The workbench's own executor (`java -jar target/workbench.jar notebooks --execute`) writes the outputs in the files
and the tests run every cell through JShell; this script checks the other promise: that the notebooks also run,
top to bottom, in Jupyter with the `rapaio-jupyter-kernel` (see README.md here for installing it). It writes
nothing back unless asked (--write DIR puts the executed copies there).

    python3 notebooks/jupyter_check.py                      # every notebook
    python3 notebooks/jupyter_check.py notebooks/item52-subprocess.ipynb --write /tmp/executed

Needs python3 with nbclient and nbformat (Debian: jupyter-nbconvert), the kernel installed, the jar built
(`mvn -q -DskipTests package`) and a JDK 21+ first on the PATH: the kernelspec starts `java` from the PATH.
The kernel is known to hang on some starts; a start that does not answer in --startup seconds is retried, up to
--tries times, and said so.
"""

import argparse
import glob
import os
import sys
import tempfile
import time

try:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError
except ImportError as missing:
    sys.exit(f"jupyter_check: {missing}: run it with the python3 that has Jupyter (Debian: apt install "
             f"jupyter-nbconvert, then /usr/bin/python3 notebooks/jupyter_check.py)")

KERNEL = "rapaio-jupyter-kernel"
HERE = os.path.dirname(os.path.abspath(__file__))
LOGS = tempfile.mkdtemp(prefix="jupyter_check-")


def run(path, args):
    """Returns None when every cell ran, else what went wrong."""
    for attempt in range(1, args.tries + 1):
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(notebook, kernel_name=KERNEL, timeout=args.timeout,
                                startup_timeout=args.startup, resources={"metadata": {"path": HERE}})
        started = time.monotonic()
        log = os.path.join(LOGS, os.path.basename(path) + f".kernel-{attempt}.log")
        try:
            with open(log, "wb") as kernel_output:  # the kernel's own chatter, kept out of this report
                client.execute(stdout=kernel_output, stderr=kernel_output)
        except CellExecutionError as error:
            return f"{str(error).strip().splitlines()[-1]} (kernel log: {log})"
        except RuntimeError as error:
            if "didn't respond" in str(error) and attempt < args.tries:
                print(f"  the kernel did not answer in {args.startup} s (known to hang on some starts): "
                      f"try {attempt + 1} of {args.tries}", flush=True)
                continue
            return f"{error} (after {attempt} tries; kernel log: {log})"
        errors = [output for cell in notebook.cells if cell.cell_type == "code"
                  for output in cell.get("outputs", []) if output.get("output_type") == "error"]
        if errors:
            return f"{errors[0].get('ename')}: {errors[0].get('evalue')}"
        if args.write:
            os.makedirs(args.write, exist_ok=True)
            nbformat.write(notebook, os.path.join(args.write, os.path.basename(path)))
        print(f"  ran {sum(c.cell_type == 'code' for c in notebook.cells)} code cells in "
              f"{time.monotonic() - started:.0f} s", flush=True)
        return None
    return "no try succeeded"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="default: every notebooks/*.ipynb")
    parser.add_argument("--write", metavar="DIR", help="write the executed notebooks into DIR")
    parser.add_argument("--timeout", type=int, default=180, help="seconds a cell may run (default 180)")
    parser.add_argument("--startup", type=int, default=20,
                        help="seconds the kernel may take to answer its first request (default 20)")
    parser.add_argument("--tries", type=int, default=5, help="kernel starts per notebook (default 5)")
    args = parser.parse_args()
    paths = args.notebooks or sorted(glob.glob(os.path.join(HERE, "*.ipynb")))
    failed = []
    for path in paths:
        print(os.path.relpath(path), flush=True)
        problem = run(path, args)
        if problem:
            print(f"  FAILED: {problem}", flush=True)
            failed.append(path)
    print(f"{len(paths) - len(failed)} of {len(paths)} notebooks ran in Jupyter with {KERNEL}"
          + (f"; failed: {', '.join(os.path.basename(p) for p in failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    status = main()
    sys.stdout.flush()
    # Every kernel is shut down by now (a hung start too: nbclient interrupts and stops it). What is left are
    # nbclient's at-exit hooks for the clients whose start failed, which only print an AssertionError each.
    os._exit(status)
