"""Time HermiT over the reference graph, and the CLI's start-up.

    python benchmarks/bench_reason.py [--runs 3]

Prints a Markdown table (median of the runs) to paste into docs/performance.md. Timings
include starting the JVM, as a user of `peergraph reason` pays it.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time


def _median_seconds(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from peergraph.graph import copy_graph, load_reference_graph
    from peergraph.reasoning import find_java, reason

    graph = copy_graph(load_reference_graph())
    hermit = _median_seconds(lambda: reason(graph), args.runs)
    help_start = _median_seconds(
        lambda: subprocess.run(
            [sys.executable, "-m", "peergraph", "--help"], check=True, capture_output=True
        ),
        args.runs,
    )
    table = _median_seconds(
        lambda: subprocess.run(
            [sys.executable, "-m", "peergraph", "table", "continuum", "--format", "csv"],
            check=True,
            capture_output=True,
        ),
        args.runs,
    )
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next(ln.split(":", 1)[1].strip() for ln in handle if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    print(
        f"Machine: {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, "
        f"Java {find_java()}; median of {args.runs} runs.\n"
    )
    print("| operation | seconds |")
    print("| --- | --- |")
    print(
        f"| HermiT over the reference graph ({len(graph)} triples), JVM included | {hermit:.2f} |"
    )
    print(f"| `peergraph --help` (new process) | {help_start:.2f} |")
    print(f"| `peergraph table continuum --format csv` (new process) | {table:.2f} |")


if __name__ == "__main__":
    main()
