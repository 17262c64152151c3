"""Time `peergraph.validate` over N synthetic sites.

    python benchmarks/bench_validate.py [--sites 10 120] [--jobs 1 2] [--runs 3]

Each synthetic site is the valid example (data/examples/valid/hmp-example.ttl) under its own
namespace and name, one file per site; every third site breaks something (a non-accredited
peer mentor training, a missing sponsor) so that results are produced too. The timing covers
what a user pays in one process: reading the files, splitting them into sites, validating each
with pyshacl, building the report, rendering it as text. The first run in a process also parses
the ontology, reference data and shapes (~0.3 s); later runs reuse them.

Prints a Markdown section to paste into docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "data" / "examples" / "valid" / "hmp-example.ttl"
NAMESPACE = "https://example.org/peergraph/hmp-example/"


def write_sites(folder: Path, count: int) -> int:
    """Write ``count`` site files; return the number of triples written."""
    from rdflib import Graph

    template = TEMPLATE.read_text(encoding="utf-8")
    triples = 0
    for i in range(count):
        text = template.replace(NAMESPACE, f"https://example.org/bench/site-{i:04d}/")
        text = text.replace('rdfs:label "HMP Example"@en', f'rdfs:label "HMP Bench {i:04d}"@en')
        if i % 3 == 1:
            text = text.replace(
                "    pg:externallyAccredited true ;\n    pg:independentlyDelivered true ;\n"
                "    pg:subject pg:subject-mentoring ;\n    pg:leadsToQualification",
                "    pg:externallyAccredited false ;\n    pg:independentlyDelivered true ;\n"
                "    pg:subject pg:subject-mentoring ;\n    pg:leadsToQualification",
            )
        elif i % 3 == 2:
            text = text.replace("    pg:cfoSponsor ex:sponsor ;\n", "")
        path = folder / f"site-{i:04d}.ttl"
        path.write_text(text, encoding="utf-8")
        if i == 0:
            triples = len(Graph().parse(path))
    return triples * count


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            return next(ln.split(":", 1)[1].strip() for ln in handle if ln.startswith("model name"))
    except (OSError, StopIteration):
        return platform.processor() or platform.machine()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, nargs="+", default=[10, 120])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, os.cpu_count() or 1])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT / "src"))
    started = time.perf_counter()
    from peergraph.graph import load_reference_graph
    from peergraph.validation import load_shapes_graph, validate

    load_reference_graph()
    load_shapes_graph()
    setup = time.perf_counter() - started

    rows = []
    for count in args.sites:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            triples = write_sites(folder, count)
            for jobs in sorted(set(args.jobs)):
                times = []
                report = None
                for _ in range(args.runs):
                    began = time.perf_counter()
                    report = validate(folder, jobs=jobs)
                    report.render("text")
                    times.append(time.perf_counter() - began)
                assert report is not None and len(report.sites) == count
                median = statistics.median(times)
                rows.append((count, triples, jobs, median, median / count, report.counts()))

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"Machine: {os.cpu_count()} cores (nproc), {_cpu()}, Python {platform.python_version()}; "
        f"median of {args.runs} runs; loading rdflib, pyshacl, the reference graph and the "
        f"shapes first took {setup:.2f} s (not included below); load average {load:.2f} "
        "at the end.\n"
    )
    print("| sites | site triples | jobs | seconds (validate + render text) | per site | results |")
    print("| --- | --- | --- | --- | --- | --- |")
    for count, triples, jobs, median, per_site, counts in rows:
        results = ", ".join(f"{n} {s.lower()}" for s, n in counts.items())
        print(f"| {count} | {triples} | {jobs} | {median:.2f} | {per_site:.3f} | {results} |")


if __name__ == "__main__":
    main()
