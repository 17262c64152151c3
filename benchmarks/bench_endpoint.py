"""Time ``peergraph validate --endpoint`` against validating the same site files here.

    python benchmarks/bench_endpoint.py ESTATE [--runs 3]

ESTATE is a folder of site graphs (``peergraph synth --prisons N --wings W --seed 1 --out
ESTATE``). The script starts an Oxigraph server on 127.0.0.1 in a temporary folder, pushes the
release into it (``peergraph push``: the reference data in its named graphs), loads the estate
into one named graph (Graph Store Protocol POSTs), then times, each as a new process,

- ``peergraph validate --endpoint URL --graph G`` (the checks run at the endpoint), and
- ``peergraph validate ESTATE`` (the same sites from their files),

both ``--lenient --format json --fail-on never``, and checks that the two reports are the same
(but for the input files and the time). Peak memory is the peergraph process's (its
``ru_maxrss``) and, for the endpoint run, the server's peak resident set over the load and the
runs. Prints a Markdown table to paste into docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

GRAPH = "https://example.org/graphs/estate"


def _post(url: str, data: bytes, content_type: str) -> None:
    request = urllib.request.Request(
        url, data=data, method="POST", headers={"Content-Type": content_type}
    )
    with urllib.request.urlopen(request, timeout=600) as response:
        response.read()


def _run(argv: list[str]) -> tuple[float, int, dict[str, Any]]:
    """Seconds, peak KB (this process's own ``ru_maxrss``, from ``wait4``) and the JSON report
    of one ``peergraph`` process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "peergraph", *argv], stdout=out, stderr=err
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in (0, 1):
            err.seek(0)
            message = err.read().decode("utf-8", "replace").strip()
            raise SystemExit(f"peergraph {' '.join(argv)} failed: {message}")
        out.seek(0)
        report = json.loads(out.read())
    report.pop("created", None)
    report.pop("inputs", None)
    for site in report["sites"]:
        site.pop("files", None)
    return seconds, usage.ru_maxrss, report


def _peak_kb(pid: int) -> int:
    """The largest peak resident set of ``pid`` and its descendants (the server runs under a
    guardian process)."""
    peak = 0
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak = int(line.split()[1])
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return peak
    return max([peak, *(_peak_kb(int(child)) for child in children)])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("estate", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from peergraph.publish.oxigraph import start_server

    files = sorted(args.estate.glob("*.nt")) + sorted(args.estate.glob("*.ttl"))
    if not files:
        raise SystemExit(f"{args.estate}: no .nt or .ttl site graphs")
    options = ["--lenient", "--format", "json", "--fail-on", "never", "--quiet"]
    with tempfile.TemporaryDirectory(prefix="peergraph-bench-") as folder:
        server = start_server(Path(folder) / "store")
        try:
            pushed = subprocess.run(
                [sys.executable, "-m", "peergraph", "push", "--endpoint", server.store_url],
                capture_output=True,
                text=True,
                check=False,
            )
            if pushed.returncode != 0:
                raise SystemExit(f"peergraph push failed: {pushed.stderr.strip()}")
            started = time.perf_counter()
            target = f"{server.store_url}?graph={urllib.parse.quote(GRAPH, safe='')}"
            for file in files:
                kind = "application/n-triples" if file.suffix == ".nt" else "text/turtle"
                _post(target, file.read_bytes(), kind)
            loading = time.perf_counter() - started
            remote = [
                _run(["validate", "--endpoint", server.query_url, "--graph", GRAPH, *options])
                for _ in range(args.runs)
            ]
            server_peak = _peak_kb(server.process.pid)
        finally:
            server.stop()
    local = [_run(["validate", str(args.estate), *options]) for _ in range(args.runs)]
    same = remote[0][2] == local[0][2]
    results = sum(len(site["results"]) for site in local[0][2]["sites"])
    print(
        f"Machine: {os.cpu_count()} cores, {platform.machine()}, Python "
        f"{platform.python_version()}; {args.estate} ({len(files)} files, {results} results); "
        f"median of {args.runs} runs; loading the server took {loading:.1f} s.\n"
    )
    print("| run | median s | peak MB (peergraph) | peak MB (server) | same report |")
    print("| --- | --- | --- | --- | --- |")
    for label, runs, server_mb in (
        ("`validate --endpoint URL --graph G` (checks at the endpoint)", remote, server_peak),
        ("`validate ESTATE` (the same files, here)", local, None),
    ):
        median = statistics.median(r[0] for r in runs)
        peak = max(r[1] for r in runs) / 1024
        shown = f"{server_mb / 1024:.0f}" if server_mb else "n/a"
        print(f"| {label} | {median:.2f} | {peak:.0f} | {shown} | {'yes' if same else 'NO'} |")


if __name__ == "__main__":
    main()
