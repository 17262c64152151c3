"""Measure the embedded store's engines (pyoxigraph, rdflib) on the bundled graph and at scale.

    python benchmarks/bench_store.py [--runs 3] [--prisons 120] [--timeout 60] [--no-scale]

1. The bundled graph (ontology, reference data, four pilot sites): filling each engine's store
   from the parsed graph, then every query of the library (its default parameters), median of
   ``--runs``.
2. At scale: ``--prisons`` synthetic prisons (five CFO wings each offering a local variant of
   every continuum role, with training, qualification, supervision, progression edges between
   the local roles, residents and their role memberships, a stored validation report): about
   8,400 triples a prison, about 1M for 120. Loading (each engine's own parser, and rdflib's
   parse copied into pyoxigraph, the path KnowledgeGraph takes), then every library query once,
   each engine in its own process with a time limit per query.

Prints Markdown to paste into docs/performance.md ("Store").
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
try:
    import peergraph  # noqa: F401
except ImportError:
    sys.path.insert(0, str(ROOT / "src"))

PG = "https://w3id.org/peergraph/ontology#"
ROLE = "https://w3id.org/peergraph/data/role/"
SITE = "https://w3id.org/peergraph/data/site/"
AGENT = "https://w3id.org/peergraph/data/agent/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"
ORG = "http://www.w3.org/ns/org#"
FOAF_PERSON = "http://xmlns.com/foaf/0.1/Person"
XSD = "http://www.w3.org/2001/XMLSchema#"

SH = "http://www.w3.org/ns/shacl#"
PGSH = "https://w3id.org/peergraph/shapes#"
STUDY = "https://w3id.org/peergraph/data/study/"
REQUIREMENTS = ["R2a", "R2b", "R2c", "R2d", "R2e", "R3a", "R3b", "R3c", "R3d", "R3e", "D-a", "D-b"]
SHAPES = [(r, sev) for r in REQUIREMENTS for sev in ("Violation", "Warning")]
REPORT_RESULTS = 10  # results in each prison's report

WINGS = 5
RESIDENTS = 800
MEMBERSHIPS = 1100


def _median(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            cpu = next(ln.split(":", 1)[1].strip() for ln in handle if ln.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as handle:
            kb = int(next(ln.split()[1] for ln in handle if ln.startswith("MemTotal")))
            memory = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    import pyoxigraph
    import rdflib

    return (
        f"{os.cpu_count()} cores (nproc), {cpu}{memory}, Python {platform.python_version()}, "
        f"rdflib {rdflib.__version__}, pyoxigraph {pyoxigraph.__version__}"
    )


# --- 1. the bundled graph ------------------------------------------------------------------------


def bench_bundled(runs: int) -> list[str]:
    from peergraph import graph as loading
    from peergraph.query.engines import open_store
    from peergraph.query.library import library

    started = time.perf_counter()
    graph = loading.load_bundled_graph()
    parse = time.perf_counter() - started
    lines = [
        f"Bundled graph: {len(graph)} triples; strict parse with rdflib (peergraph.rdfio, "
        f"both engines pay it): {parse:.2f} s.",
        "",
        "| step | pyoxigraph | rdflib |",
        "| --- | --- | --- |",
    ]
    stores = {}
    fill = {}
    for engine in ("oxigraph", "rdflib"):
        fill[engine] = _median(lambda e=engine: open_store(e).add_graph(graph), runs)
        stores[engine] = open_store(engine)
        stores[engine].add_graph(graph)
    ox_fill, rdflib_fill = fill["oxigraph"] * 1000, fill["rdflib"] * 1000
    lines.append(
        f"| fill the store from the parsed graph | {ox_fill:.0f} ms | {rdflib_fill:.0f} ms |"
    )
    totals = {"oxigraph": 0.0, "rdflib": 0.0}
    for spec in library():
        cells = []
        for engine in ("oxigraph", "rdflib"):
            seconds = _median(lambda s=stores[engine], t=spec.text: s.query(t), runs)
            totals[engine] += seconds
            cells.append(f"{seconds * 1000:.1f} ms")
        lines.append(f"| `{spec.name}` | {cells[0]} | {cells[1]} |")
    lines.append(
        f"| **the whole library** | **{totals['oxigraph'] * 1000:.0f} ms** | "
        f"**{totals['rdflib'] * 1000:.0f} ms** |"
    )
    return lines


# --- 2. at scale ---------------------------------------------------------------------------------


def _iri(value: str) -> str:
    return f"<{value}>"


def _lit(value: str, lang: str | None = None, datatype: str | None = None) -> str:
    text = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if lang:
        return f"{text}@{lang}"
    if datatype:
        return f"{text}^^<{datatype}>"
    return text


def synthesise(prisons: int, out: Path) -> int:
    """Write ``prisons`` synthetic prisons as N-Triples after the bundled graph; returns the
    number of triples written."""
    from rdflib import RDF, URIRef

    from peergraph import graph as loading

    reference = loading.load_bundled_graph()
    roles = sorted(str(s) for s in reference.subjects(RDF.type, URIRef(PG + "ContinuumRole")))
    edges = [
        (str(a), str(b))
        for a, b in reference.subject_objects(URIRef(PG + "progressesTo"))
        if str(a) in roles and str(b) in roles
    ]
    rng = random.Random(20240101)
    count = 0
    with out.open("w", encoding="utf-8") as f:
        f.write(reference.serialize(format="nt"))
        count += len(reference)

        def t(s: str, p: str, o: str) -> None:
            nonlocal count
            f.write(f"{s} {_iri(p)} {o} .\n")
            count += 1

        providers = [
            AGENT + a for a in ("novus", "a4e", "people-plus", "cfo-peer-mentor-coordinator")
        ]
        # Shapes as shapes/ names them: one per requirement and severity, with dcterms:source.
        for requirement, severity in SHAPES:
            shape = _iri(f"{PGSH}{requirement}-{severity}")
            source = PG + requirement if requirement.startswith("D-") else STUDY + requirement
            t(shape, RDF_TYPE, _iri(SH + "NodeShape"))
            t(shape, "http://purl.org/dc/terms/source", _iri(source))
            t(shape, SH + "severity", _iri(SH + severity))
        for n in range(1, prisons + 1):
            slug = f"synth-{n:03d}"
            prison = _iri(SITE + slug)
            t(prison, RDF_TYPE, _iri(PG + "Prison"))
            t(prison, LABEL, _lit(f"HMP Synthetic {n:03d}", "en"))
            t(prison, PG + "estate", _iri(PG + ("female-estate" if n % 5 == 0 else "male-estate")))
            local: dict[tuple[int, str], str] = {}
            for w in range(1, WINGS + 1):
                wing = _iri(f"{SITE}{slug}-wing-{w}")
                t(prison, PG + "hostsCFOWing", wing)
                t(wing, RDF_TYPE, _iri(PG + "CFOWing"))
                t(wing, LABEL, _lit(f"HMP Synthetic {n:03d} wing {w}", "en"))
                t(wing, ORG + "unitOf", prison)
                for role in roles:
                    r = role.rsplit("/", 1)[1]
                    lr = f"{SITE}{slug}-wing-{w}-{r}"
                    local[(w, role)] = lr
                    L, T, Q, S = (
                        _iri(lr),
                        _iri(lr + "-training"),
                        _iri(lr + "-qualification"),
                        _iri(lr + "-supervision"),
                    )
                    accredited = rng.random() < 0.6
                    t(wing, PG + "offersRole", L)
                    t(L, RDF_TYPE, _iri(PG + "LocalRole"))
                    t(L, LABEL, _lit(f"{r} at HMP Synthetic {n:03d} wing {w}", "en"))
                    t(L, ALT, _lit(r, "en"))
                    t(L, PG + "continuumRole", _iri(role))
                    t(
                        L,
                        PG + "eligibility",
                        _iri(PG + rng.choice(["veteran", "lifer", "male", "female"])),
                    )
                    t(L, PG + "training", T)
                    t(L, PG + "supervision", S)
                    t(
                        L,
                        PG + "progressionStatus",
                        _iri(
                            PG
                            + rng.choice(
                                ["progression-available", "progression-under-consideration"]
                            )
                        ),
                    )
                    t(L, PG + "requiresQualification", Q)
                    t(T, RDF_TYPE, _iri(PG + "TrainingProgramme"))
                    t(T, LABEL, _lit(f"training for {r}", "en"))
                    t(T, PG + "trainingProvider", _iri(rng.choice(providers)))
                    t(T, PG + "providerCapacity", _iri(PG + "prison-education-provider"))
                    t(
                        T,
                        PG + "externallyAccredited",
                        _lit(str(accredited).lower(), datatype=XSD + "boolean"),
                    )
                    t(T, PG + "independentlyDelivered", _lit("true", datatype=XSD + "boolean"))
                    t(
                        T,
                        PG + "subject",
                        _iri(PG + rng.choice(["subject-mentoring", "subject-iag"])),
                    )
                    t(T, PG + "leadsToQualification", Q)
                    t(Q, RDF_TYPE, _iri(PG + "Qualification"))
                    t(Q, LABEL, _lit(f"qualification for {r}", "en"))
                    t(Q, PG + "awardingBody", _iri(AGENT + rng.choice(["ncfe", "qs"])))
                    t(Q, PG + "level", _lit(str(rng.choice([1, 2, 3])), datatype=XSD + "integer"))
                    t(Q, PG + "subject", _iri(PG + "subject-mentoring"))
                    t(
                        Q,
                        PG + "externallyAccredited",
                        _lit(str(accredited).lower(), datatype=XSD + "boolean"),
                    )
                    t(S, RDF_TYPE, _iri(PG + "SupervisionArrangement"))
                    t(S, LABEL, _lit("Weekly CFO Community meeting", "en"))
                    t(S, PG + "frequency", _iri(PG + rng.choice(["weekly", "monthly"])))
                    t(S, PG + "supervisionFormat", _lit("CFO Community meeting"))
                for a, b in edges:
                    t(_iri(local[(w, a)]), PG + "progressesTo", _iri(local[(w, b)]))
            # A stored validation report for the prison, as `peergraph validate` writes one.
            report = _iri(f"{SITE}{slug}-report")
            t(report, RDF_TYPE, _iri(SH + "ValidationReport"))
            t(report, SH + "conforms", _lit("false", datatype=XSD + "boolean"))
            for k, (requirement, severity) in enumerate(rng.sample(SHAPES, REPORT_RESULTS)):
                result = _iri(f"{SITE}{slug}-report-result-{k}")
                focus = rng.choice(
                    [prison, _iri(local[(rng.randint(1, WINGS), rng.choice(roles))])]
                )
                t(report, SH + "result", result)
                t(result, RDF_TYPE, _iri(SH + "ValidationResult"))
                t(result, SH + "focusNode", focus)
                t(result, SH + "sourceShape", _iri(f"{PGSH}{requirement}-{severity}"))
                t(result, SH + "resultSeverity", _iri(SH + severity))
                t(result, SH + "resultMessage", _lit(f"{requirement}: synthetic result {k}"))
            for p in range(1, RESIDENTS + 1):
                person = _iri(f"{SITE}{slug}-resident-{p}")
                t(person, RDF_TYPE, _iri(FOAF_PERSON))
                t(person, LABEL, _lit(f"Resident {p} of HMP Synthetic {n:03d}"))
            for m in range(1, MEMBERSHIPS + 1):
                membership = _iri(f"{SITE}{slug}-membership-{m}")
                w = rng.randint(1, WINGS)
                t(membership, RDF_TYPE, _iri(ORG + "Membership"))
                t(
                    membership,
                    ORG + "member",
                    _iri(f"{SITE}{slug}-resident-{rng.randint(1, RESIDENTS)}"),
                )
                t(membership, ORG + "role", _iri(local[(w, rng.choice(roles))]))
                t(membership, ORG + "organization", _iri(f"{SITE}{slug}-wing-{w}"))
    return count


# Extra queries at scale: the same questions asked of one site, and a path joined with holders.
SCALE_EXTRA: list[tuple[str, str]] = [
    (
        "route pairs over progressesTo+, one prison's local roles",
        "PREFIX pg: <https://w3id.org/peergraph/ontology#> "
        "SELECT (COUNT(*) AS ?n) WHERE { <https://w3id.org/peergraph/data/site/synth-001> "
        "pg:hostsCFOWing/pg:offersRole ?a . ?a pg:progressesTo+ ?b }",
    ),
    (
        "holders per wing and continuum role (GROUP BY)",
        "PREFIX pg: <https://w3id.org/peergraph/ontology#> PREFIX org: <http://www.w3.org/ns/org#> "
        "SELECT ?wing ?role (COUNT(?m) AS ?n) WHERE { ?m org:organization ?wing ; org:role ?lr . "
        "?lr pg:continuumRole ?role } GROUP BY ?wing ?role",
    ),
    (
        "holders of roles a path leads to from a listener role (path joined with holders)",
        "PREFIX pg: <https://w3id.org/peergraph/ontology#> PREFIX org: <http://www.w3.org/ns/org#> "
        "SELECT (COUNT(*) AS ?n) WHERE { ?a pg:continuumRole "
        "<https://w3id.org/peergraph/data/role/listener> ; pg:progressesTo+ ?b . "
        "?m org:role ?b ; org:member ?person }",
    ),
]


class _TimeUp(BaseException):  # not Exception: the store turns those into InputError
    pass


def _alarm(_signum: int, _frame: Any) -> None:
    raise _TimeUp


def scale_worker(engine: str, path: str, timeout: int, site_param: bool) -> dict[str, Any]:
    """Runs in its own process: load ``path`` into ``engine`` and time every library query."""
    import resource

    from peergraph.query.engines import open_store
    from peergraph.query.library import library
    from peergraph.query.params import bind_params
    from peergraph.rdfio import parse_file

    out: dict[str, Any] = {"queries": {}}
    store = open_store(engine)
    started = time.perf_counter()
    store.load_file(path)
    out["load_native"] = time.perf_counter() - started
    out["triples"] = len(store)
    if engine == "oxigraph":
        # The path KnowledgeGraph(data=...) takes: rdflib's strict parse, then a copy.
        started = time.perf_counter()
        parsed = parse_file(path)
        out["parse_rdflib"] = time.perf_counter() - started
        started = time.perf_counter()
        open_store("oxigraph").add_graph(parsed)
        out["copy_to_oxigraph"] = time.perf_counter() - started
        del parsed
    signal.signal(signal.SIGALRM, _alarm)
    jobs: list[tuple[str, str, dict[str, Any]]] = [(s.name, s.text, {}) for s in library()]
    if site_param:
        for spec in library():
            if spec.param("site") is not None:
                jobs.append((f"{spec.name} site=synth-001", spec.text, {"site": "synth-001"}))
    jobs.extend((name, text, {}) for name, text in SCALE_EXTRA)
    for name, text, values in jobs:
        from peergraph.query.library import parse_query_text

        bindings = bind_params(parse_query_text(text, name=name), values) if values else {}
        signal.alarm(timeout)
        started = time.perf_counter()
        try:
            outcome = store.query(text, bindings)
            seconds = time.perf_counter() - started
            out["queries"][name] = {"seconds": seconds, "rows": len(outcome.rows)}
        except _TimeUp:
            out["queries"][name] = {"seconds": None, "rows": None}
        finally:
            signal.alarm(0)
        if engine == "oxigraph" and bindings:
            # The alternative binding, measured: pyoxigraph's own substitutions.
            import pyoxigraph as ox

            substitutions = {ox.Variable(k): ox.NamedNode(str(v)) for k, v in bindings.items()}
            started = time.perf_counter()
            rows = list(store._store.query(text, substitutions=substitutions))  # type: ignore[attr-defined]
            out["queries"][f"{name} (pyoxigraph substitutions)"] = {
                "seconds": time.perf_counter() - started,
                "rows": len(rows),
            }
    out["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def bench_scale(prisons: int, timeout: int) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="peergraph-bench-") as tmp:
        path = Path(tmp) / "scale.nt"
        started = time.perf_counter()
        triples = synthesise(prisons, path)
        made = time.perf_counter() - started
        results = {}
        for engine in ("oxigraph", "rdflib"):
            here = str(Path(__file__).parent)
            code = (
                f"import json, sys; sys.path.insert(0, {str(ROOT / 'src')!r}); "
                f"sys.path.insert(0, {here!r}); from bench_store import scale_worker; "
                f"print(json.dumps(scale_worker({engine!r}, {str(path)!r}, {timeout}, True)))"
            )
            proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
            if proc.returncode != 0:
                raise SystemExit(f"{engine} worker failed: {proc.stderr[-2000:]}")
            results[engine] = json.loads(proc.stdout.strip().splitlines()[-1])
    ox, rl = results["oxigraph"], results["rdflib"]
    lines = [
        f"At scale: {prisons} synthetic prisons, {triples:,} triples of N-Triples "
        f"(written in {made:.0f} s); one run each, {timeout} s limit per query.",
        "",
        "| step | pyoxigraph | rdflib |",
        "| --- | --- | --- |",
        f"| load N-Triples with the engine's own parser | {ox['load_native']:.1f} s "
        f"| {rl['load_native']:.1f} s |",
        f"| rdflib strict parse + copy into pyoxigraph (KnowledgeGraph's path) | "
        f"{ox['parse_rdflib']:.1f} s + {ox['copy_to_oxigraph']:.1f} s | |",
        f"| peak memory of the process | {ox['max_rss_mb']:,.0f} MB | {rl['max_rss_mb']:,.0f} MB |",
    ]

    def cell(entry: dict[str, Any] | None) -> str:
        if entry is None:
            return ""
        if entry["seconds"] is None:
            return f"> {timeout} s"
        s = entry["seconds"]
        return (
            f"{s * 1000:.0f} ms ({entry['rows']:,} rows)"
            if s < 1
            else f"{s:.1f} s ({entry['rows']:,} rows)"
        )

    from peergraph.query.library import library

    names = {spec.name for spec in library()}
    for name in ox["queries"]:
        first, _, rest = name.partition(" ")
        label = f"`{first}` {rest}".strip() if first in names else name
        lines.append(f"| {label} | {cell(ox['queries'][name])} | {cell(rl['queries'].get(name))} |")
    totals = []
    for r in (ox, rl):
        timed = [q for n, q in r["queries"].items() if not n.endswith("substitutions)")]
        done = [q["seconds"] for q in timed if q["seconds"] is not None]
        missing = sum(1 for q in timed if q["seconds"] is None)
        totals.append(f"{sum(done):.1f} s" + (f" + {missing} over the limit" if missing else ""))
    lines.append(f"| **all of the above** | **{totals[0]}** | **{totals[1]}** |")
    return lines


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--prisons", type=int, default=120)
    parser.add_argument("--timeout", type=int, default=60, help="seconds per query at scale")
    parser.add_argument("--no-scale", action="store_true", help="only the bundled graph")
    args = parser.parse_args(list(argv) if argv is not None else None)

    print(f"Machine: {machine()}; median of {args.runs} runs on the bundled graph.")
    print()
    print("\n".join(bench_bundled(args.runs)))
    if not args.no_scale:
        print()
        print("\n".join(bench_scale(args.prisons, args.timeout)))


if __name__ == "__main__":
    main()
