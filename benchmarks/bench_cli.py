"""Time the command line's start-up: ``peergraph --help`` and every ``peergraph CMD --help``.

    python benchmarks/bench_cli.py [--runs 10]

Each is a new process, as a user runs it; the interpreter's own start-up (``python -c pass``) is
measured too, so the part that is peergraph's can be read off. Prints a Markdown table (median
and best of the runs) to paste into docs/performance.md. The budget is 0.2 s for
``peergraph --help``: nothing on that path may import an RDF library (tests/test_cli_basics.py
checks the imports; this script measures the time).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time


def _times(command: list[str], runs: int) -> list[float]:
    found = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        found.append(time.perf_counter() - started)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()

    from peergraph.cli.registry import commands

    python = [sys.executable]
    cases = [("`python -c pass` (the interpreter alone)", [*python, "-c", "pass"])]
    cases.append(("`peergraph --help`", [*python, "-m", "peergraph", "--help"]))
    cases += [
        (f"`peergraph {c.name} --help`", [*python, "-m", "peergraph", c.name, "--help"])
        for c in commands()
    ]
    print(
        f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python "
        f"{platform.python_version()}; {args.runs} runs each.\n"
    )
    print("| command | median s | best s |")
    print("| --- | --- | --- |")
    for label, command in cases:
        found = _times(command, args.runs)
        print(f"| {label} | {statistics.median(found):.3f} | {min(found):.3f} |")


if __name__ == "__main__":
    main()
