"""Time HermiT over the reference graph, and the CLI's start-up.

    python benchmarks/bench_reason.py [--runs 3]

Prints a Markdown table (median of the runs) to paste into docs/performance.md. Timings
include starting the JVM, as a user of `peergraph reason` pays it. "HermiT's own time" is the
wall time of the Java process owlready2 starts (its ``subprocess.check_output``, timed here),
so that what `peergraph reason` adds around HermiT can be read off.
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


def _reason_command() -> None:
    import contextlib
    import io

    from peergraph.cli import main as cli_main

    with contextlib.redirect_stdout(io.StringIO()):
        cli_main(["reason"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from peergraph.graph import copy_graph, load_reference_graph
    from peergraph.reasoning import find_java, reason

    graph = copy_graph(load_reference_graph())
    java_seconds: list[float] = []
    check_output = subprocess.check_output

    def timed_check_output(*args: object, **kwargs: object) -> object:
        started = time.perf_counter()
        try:
            return check_output(*args, **kwargs)  # type: ignore[call-overload]
        finally:
            java_seconds.append(time.perf_counter() - started)

    subprocess.check_output = timed_check_output  # type: ignore[assignment]
    try:
        hermit = _median_seconds(lambda: reason(graph), args.runs)
        hermit_alone = statistics.median(java_seconds)
        # `peergraph reason` as the command runs it (in this process, so that its Java process
        # is timed too): what it adds to HermiT on the same input.
        java_seconds.clear()
        command = _median_seconds(_reason_command, args.runs)
        command_java = statistics.median(java_seconds)
    finally:
        subprocess.check_output = check_output
    reason_cli = _median_seconds(
        lambda: subprocess.run(
            [sys.executable, "-m", "peergraph", "reason"], check=True, capture_output=True
        ),
        args.runs,
    )
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
    print(f"| HermiT's own time: its Java process, on the reference graph | {hermit_alone:.2f} |")
    print(
        f"| HermiT over the reference graph ({len(graph)} triples), JVM included | {hermit:.2f} |"
    )
    print(f"| `peergraph reason` (in process): HermiT's own time | {command_java:.2f} |")
    print(f"| `peergraph reason` (in process): the whole command | {command:.2f} |")
    print(f"| `peergraph reason` (new process) | {reason_cli:.2f} |")
    print(f"| `peergraph --help` (new process) | {help_start:.2f} |")
    print(f"| `peergraph table continuum --format csv` (new process) | {table:.2f} |")


if __name__ == "__main__":
    main()
