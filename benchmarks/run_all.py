"""Every benchmark of docs/performance.md, in one command.

    python benchmarks/run_all.py [--runs 3] [--sizes 10k 100k 1M] [--limit 300]

Prints Markdown (the machine, then one table per benchmark) to paste into docs/performance.md.

1. Validating a synthetic estate (``peergraph synth``) of about 10k, 100k and 1M site triples:
   peergraph's default engine, peergraph with ``--engine pyshacl`` (the reference engine), and
   plain pyshacl and plain pyrudof (``pyshacl.validate`` / ``pyrudof`` called directly on the
   same site graphs, without peergraph's caching), each as a ratio to plain pyshacl; whether the
   results are the same (peergraph's engines: every result's requirement, severity, focus,
   value and message; the plain ones: focus, shape and severity) and whether they are what the
   estate's manifest says each prison must report.
2. The query library and the routes, warm (in a process that has loaded the graph) and cold (a
   new ``peergraph`` process).
3. Loading the reference graph, exporting the release, reasoning (in process, and ``peergraph
   reason`` as a new process).
4. ``peergraph --help``, and one site validated end to end in a new process.

Each measurement runs in a child process (forked after the parent has loaded the reference
data and the shapes, for the warm ones; a new interpreter for the cold ones) so that its peak
memory (the child's maximum resident set, the parent's loaded data included when forked) can be
read; one stopped at ``--limit`` seconds is reported as such, never left out.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
try:
    import peergraph  # noqa: F401
except ImportError:
    sys.path.insert(0, str(ROOT / "src"))

# Estate sizes: (prisons, wings per prison), about 120 site triples a wing.
SIZES = {"10k": (12, 7), "100k": (120, 7), "1M": (120, 70)}
SEED = 1


# ---------------------------------------------------------------------------------------------
# Measuring in a child process: seconds, peak memory, and what the child returned


class Outcome:
    def __init__(self, seconds: float | None, peak_mb: float, value: Any, note: str = "") -> None:
        self.seconds = seconds  # None: stopped at the limit, or failed
        self.peak_mb = peak_mb
        self.value = value
        self.note = note


def in_fork(job: Callable[[], Any], limit: float) -> Outcome:
    """Run ``job`` in a forked child; its own time (measured inside, around ``job``), its peak
    resident memory (``wait4``), and its JSON-able return value."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        answer = Path(handle.name)
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child
        code = 0
        try:
            began = time.perf_counter()
            value = job()
            seconds = time.perf_counter() - began
            answer.write_text(json.dumps({"seconds": seconds, "value": value}), encoding="utf-8")
        except BaseException as exc:  # report it to the parent, whatever it is
            answer.write_text(json.dumps({"error": f"{type(exc).__name__}: {exc}"}))
            code = 1
        os._exit(code)
    return _wait(pid, started, limit, answer)


def in_process(argv: list[str], limit: float) -> Outcome:
    """Run ``argv`` as a new process: its wall time and peak resident memory."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    outcome = _wait(child.pid, started, limit, None)
    child.returncode = 0  # reaped by _wait
    return outcome


def _wait(pid: int, started: float, limit: float, answer: Path | None) -> Outcome:
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        if time.perf_counter() - started > limit:
            os.kill(pid, signal.SIGKILL)
            _done, _status, usage = os.wait4(pid, 0)
            if answer is not None:
                answer.unlink(missing_ok=True)
            return Outcome(None, usage.ru_maxrss / 1024, None, f"stopped at {limit:.0f} s")
        time.sleep(0.05)
    wall = time.perf_counter() - started
    peak = usage.ru_maxrss / 1024
    if answer is None:
        code = os.waitstatus_to_exitcode(status)
        return Outcome(wall, peak, code, "" if code in (0, 1) else f"exit {code}")
    data = json.loads(answer.read_text(encoding="utf-8") or "{}")
    answer.unlink(missing_ok=True)
    if "error" in data:
        return Outcome(None, peak, None, data["error"])
    return Outcome(data["seconds"], peak, data["value"])


def repeated(measure: Callable[[], Outcome], runs: int) -> tuple[Outcome, list[float]]:
    """The runs' median time (the last run's value and the largest peak memory)."""
    outcomes: list[Outcome] = []
    for _ in range(runs):
        outcomes.append(measure())
        if outcomes[-1].seconds is None:  # stopped or failed: another run would be too
            break
    times = [o.seconds for o in outcomes if o.seconds is not None]
    last = outcomes[-1]
    if len(times) < len(outcomes):
        failed = next(o for o in outcomes if o.seconds is None)
        return Outcome(None, max(o.peak_mb for o in outcomes), None, failed.note), times
    median = Outcome(statistics.median(times), max(o.peak_mb for o in outcomes), last.value)
    return median, times


# ---------------------------------------------------------------------------------------------
# The jobs


def warm_up() -> None:
    """Load what every warm job shares, before forking: the reference graph, the shapes, the
    catalogue, both engines."""
    import pyshacl  # noqa: F401

    from peergraph.graph import load_reference_graph
    from peergraph.validation import engine, rudof
    from peergraph.validation.catalogue import requirements
    from peergraph.validation.shapes import load_shapes_graph

    load_reference_graph()
    load_shapes_graph()
    requirements()
    engine._reference_ntriples()
    if rudof.available():
        rudof._session()
        rudof._reference_ntriples()


def peergraph_validate(folder: Path, engine: str) -> Callable[[], Any]:
    def job() -> Any:
        from peergraph.validation import validate

        report = validate(folder, engine=engine)
        return sorted(
            [r.site.iri, r.requirement, r.severity, r.focus.iri, r.value, r.message]
            for r in report.results
        )

    return job


def plain_pyshacl(folder: Path) -> Callable[[], Any]:
    def job() -> Any:
        import pyshacl
        from rdflib import Graph
        from rdflib.namespace import RDF, SH

        from peergraph.validation import load_shapes_graph, site_graphs

        sites, _ = site_graphs(folder)
        shapes = load_shapes_graph()
        found = []
        for site in sites:
            graph = Graph()
            graph += site.graph
            _c, report, _t = pyshacl.validate(graph, shacl_graph=shapes, inference="none")
            for node in report.subjects(RDF.type, SH.ValidationResult):
                found.append(
                    [
                        str(report.value(node, SH.focusNode)),
                        str(report.value(node, SH.sourceShape)),
                        str(report.value(node, SH.resultSeverity)).rsplit("#", 1)[-1],
                    ]
                )
        return sorted(set(map(tuple, found)))

    return job


def plain_pyrudof(folder: Path) -> Callable[[], Any]:
    def job() -> Any:
        import pyrudof

        from peergraph.validation import load_shapes_graph, site_graphs

        sites, _ = site_graphs(folder)
        shapes = load_shapes_graph().serialize(format="turtle")
        found = set()
        for site in sites:
            rudof = pyrudof.Rudof(pyrudof.RudofConfig())
            rudof.read_shacl(shapes)
            rudof.read_data(site.graph.serialize(format="nt"), format=pyrudof.RDFFormat.NTriples)
            for e in rudof.validate_shacl():
                found.add(
                    (
                        str(e.focus_node).strip("<>"),
                        str(e.source_shape).strip("<>"),
                        str(e.severity).strip("<>").rsplit("#", 1)[-1],
                    )
                )
        return sorted(found)

    return job


def _manifest_agrees(folder: Path, results: list[list[Any]]) -> bool:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    found: dict[str, set[tuple[str, str]]] = {p["site"]: set() for p in manifest["prisons"]}
    for site, requirement, severity, *_rest in results:
        found.setdefault(site, set()).add((requirement, severity))
    return all(found[p["site"]] == {tuple(x) for x in p["expected"]} for p in manifest["prisons"])


# ---------------------------------------------------------------------------------------------
# Sections


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next(ln.split(":", 1)[1].strip() for ln in handle if ln.startswith("model name"))
        with open("/proc/meminfo", encoding="utf-8") as handle:
            kb = int(next(ln.split()[1] for ln in handle if ln.startswith("MemTotal")))
            memory = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    import pyoxigraph
    import pyshacl
    import rdflib

    versions = (
        f"rdflib {rdflib.__version__}, pyshacl {pyshacl.__version__}, "
        f"pyoxigraph {pyoxigraph.__version__}"
    )
    try:
        import pyrudof

        versions += f", pyrudof {pyrudof.Rudof(pyrudof.RudofConfig()).get_version()}"
    except ImportError:
        versions += ", pyrudof not installed"
    load = os.getloadavg()[0]
    return (
        f"Machine: {os.cpu_count()} cores, {cpu}{memory}, Python {platform.python_version()}, "
        f"{versions}; load average {load:.1f} when the run started."
    )


def _cell(outcome: Outcome) -> str:
    return f"{outcome.seconds:.2f}" if outcome.seconds is not None else outcome.note


def bench_validation(
    sizes: list[str], runs: int, limit: float, work: Path, engines: list[str] | None = None
) -> list[str]:
    """``engines``: only these rows (by the last word of the row's name: ``pyshacl``,
    ``pyrudof``, ``pyshacl-oxigraph``; a plain engine and peergraph's share it)."""
    from peergraph.synth import synthesise

    lines = [
        "| size | prisons x wings | site triples | engine | median s | speed vs plain pyshacl | "
        "peak MB | same results | manifest |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for size in sizes:
        prisons, wings = SIZES[size]
        folder = work / f"estate-{size}"
        if not folder.exists():
            synthesise(folder, prisons=prisons, seed=SEED, wings=wings)
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        size_runs = runs if size != "1M" else 1
        measured: dict[str, Outcome] = {}
        jobs = (
            ("plain pyshacl", plain_pyshacl(folder)),
            ("plain pyrudof", plain_pyrudof(folder)),
            ("peergraph --engine pyshacl", peergraph_validate(folder, "pyshacl")),
            ("peergraph --engine pyrudof", peergraph_validate(folder, "pyrudof")),
            (
                "peergraph (default: pyshacl-oxigraph)",
                peergraph_validate(folder, "pyshacl-oxigraph"),
            ),
        )
        for name, job in jobs:
            last = name.split()[-1].strip("()")
            if engines and not any(wanted in (last, name) for wanted in engines):
                continue
            measured[name], _times = repeated(functools.partial(in_fork, job, limit), size_runs)
            print(f"  {size} {name}: {_cell(measured[name])}", file=sys.stderr, flush=True)
        missing = Outcome(None, 0.0, None, "not run")
        base = measured.get("plain pyshacl", missing).seconds
        stopped_base = "plain pyshacl" in measured and base is None
        reference = measured.get("peergraph --engine pyshacl", missing).value
        plain = measured.get("plain pyshacl", missing).value
        for name, outcome in measured.items():
            if base and outcome.seconds:
                ratio = f"{base / outcome.seconds:.1f}x"
            elif stopped_base and outcome.seconds:
                # plain pyshacl was stopped at the limit: at least this much faster
                ratio = f"> {limit / outcome.seconds:.1f}x"
            else:
                ratio = "n/a"
            if outcome.value is None:
                same, agrees = "n/a", "n/a"
            elif name.startswith("plain"):
                if plain is None:
                    same = "not compared (plain pyshacl stopped)"
                else:
                    same = "yes" if outcome.value == plain else "no"
                    same += " (focus, shape, severity)"
                agrees = "-"
            else:
                if reference is None:
                    same = "not compared (the reference run stopped)"
                else:
                    same = "yes" if outcome.value == reference else "no"
                agrees = "yes" if _manifest_agrees(folder, outcome.value) else "no"
            lines.append(
                f"| {size} | {prisons} x {wings} | {manifest['triples']} | {name} | "
                f"{_cell(outcome)} | {ratio} | {outcome.peak_mb:.0f} | {same} | {agrees} |"
            )
    return lines


def _peergraph(*args: str) -> list[str]:
    return [sys.executable, "-m", "peergraph", *args]


def bench_queries(runs: int, limit: float) -> list[str]:
    def library() -> Any:
        from peergraph import KnowledgeGraph

        kg = KnowledgeGraph()
        times: dict[str, float | str] = {}
        for spec in kg.queries():
            began = time.perf_counter()
            try:
                kg.query(spec)
            except Exception as exc:  # a query that needs a parameter: say so
                times[spec.name] = f"not run ({type(exc).__name__})"
                continue
            times[spec.name] = time.perf_counter() - began
        return {"queries": times}

    outcome = in_fork(library, limit)
    lines = ["| query | warm s (in process, graph loaded) |", "| --- | --- |"]
    if outcome.value is None:
        lines.append(f"| (all) | {outcome.note} |")
    else:
        for name, seconds in outcome.value["queries"].items():
            cell = f"{seconds:.3f}" if isinstance(seconds, float) else seconds
            lines.append(f"| `{name}` | {cell} |")
        lines.append(
            f"| whole library, with loading the bundled graph | {outcome.seconds:.2f} "
            f"(peak {outcome.peak_mb:.0f} MB) |"
        )
    lines += ["", "| command (new process: cold) | median s | peak MB |", "| --- | --- | --- |"]
    for label, argv in (
        ("`peergraph query cq04-peer-mentor-sites`", _peergraph("query", "cq04-peer-mentor-sites")),
        (
            "`peergraph routes --from listener --to peer-mentor`",
            _peergraph("routes", "--from", "listener", "--to", "peer-mentor"),
        ),
    ):
        cold, _ = repeated(functools.partial(in_process, argv, limit), runs)
        lines.append(f"| {label} | {_cell(cold)} | {cold.peak_mb:.0f} |")
    return lines


def bench_load_export_reason(runs: int, limit: float, work: Path) -> list[str]:
    def load() -> Any:
        from peergraph.graph import load_bundled_graph, load_reference_graph

        load_reference_graph.cache_clear()
        return len(load_bundled_graph())

    def export() -> Any:
        from peergraph.publish.export import export_release

        target = Path(tempfile.mkdtemp(dir=work)) / "release"
        export_release(target)
        return sum(1 for _ in target.rglob("*"))

    def reason() -> Any:
        from peergraph.graph import copy_graph, load_reference_graph
        from peergraph.reasoning import reason as run_hermit

        result = run_hermit(copy_graph(load_reference_graph()))
        return bool(result.consistent)

    lines = ["| operation | median s | peak MB |", "| --- | --- | --- |"]
    for label, job in (
        ("loading the bundled graph (parse, the rules; in process)", load),
        ("exporting the release (in process, graph loaded)", export),
        ("HermiT over the reference graph (in process, graph loaded; JVM included)", reason),
    ):
        outcome, _ = repeated(functools.partial(in_fork, job, limit), runs)
        lines.append(f"| {label} | {_cell(outcome)} | {outcome.peak_mb:.0f} |")
    for label, argv in (
        ("`peergraph reason` (new process)", _peergraph("reason")),
        ("`peergraph --help` (new process)", _peergraph("--help")),
        (
            "`peergraph validate data/examples/valid/hmp-example.ttl` (new process)",
            _peergraph("validate", str(ROOT / "data/examples/valid/hmp-example.ttl")),
        ),
    ):
        outcome, _ = repeated(functools.partial(in_process, argv, limit), runs)
        lines.append(f"| {label} | {_cell(outcome)} | {outcome.peak_mb:.0f} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median)")
    parser.add_argument("--sizes", nargs="*", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--limit", type=float, default=300.0, help="seconds per measurement")
    parser.add_argument("--only", nargs="*", choices=("validation", "queries", "other"))
    parser.add_argument(
        "--engines",
        nargs="*",
        help="validation rows: pyshacl, pyrudof, pyshacl-oxigraph (plain and peergraph's), or "
        "a row's whole name",
    )
    args = parser.parse_args(argv)
    sections = args.only or ["validation", "queries", "other"]
    print(machine())
    print(f"\nMedian of {args.runs} runs (1 run at 1M); limit {args.limit:.0f} s a measurement.")
    with tempfile.TemporaryDirectory(prefix="peergraph-bench-") as folder:
        work = Path(folder)
        warm_up()
        if "validation" in sections:
            print("\n### Validating an estate\n")
            rows = bench_validation(args.sizes, args.runs, args.limit, work, args.engines)
            print("\n".join(rows))
        if "queries" in sections:
            print("\n### Queries and routes\n")
            print("\n".join(bench_queries(args.runs, args.limit)))
        if "other" in sections:
            print("\n### Loading, export, reasoning, start-up\n")
            print("\n".join(bench_load_export_reason(args.runs, args.limit, work)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
