"""A synthetic national estate: deterministic site graphs with known defects, for benchmarks.

Each synthetic prison is the valid template (``data/examples/valid/hmp-example.ttl``) moved
into a namespace of its own, in the site vocabulary the template shows, with ``wings`` CFO
wings: the template's own wing, and ``wings - 1`` copies of it (each with its own roles,
training, qualifications, supervision, partnerships, forum, journey map). A known share of the
prisons carry one deliberate defect: one of the invalid examples' patches
(``data/examples/invalid/*.ru``), applied to the template's own wing and roles before the
prison is renamed, so that what it breaks, and what validating it must report (its
``# expect:`` lines), is already stated in the examples. The prisons alternate between the male
and the female estate.

``manifest.json``, written beside the site graphs, says for each prison the file, the prison's
IRI and label, the defect planted (or none) and the (requirement, severity) pairs its
validation must report, so that a run's results can be checked, not only timed.

The same ``--prisons``, ``--seed`` and sizes always give the same bytes: the files are sorted
N-Triples, and the defects are drawn from the examples in an order shuffled by the seed.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peergraph.errors import InputError
from peergraph.resources import data_dir
from peergraph.vocab import NAMESPACES

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

__all__ = [
    "Defect",
    "Manifest",
    "PrisonPlan",
    "SYNTH_NAMESPACE",
    "defects",
    "plan",
    "synthesise",
]

# Where synthetic prisons are named: example.org, like the template, so nothing synthetic can
# be mistaken for a published peergraph IRI.
SYNTH_NAMESPACE = "https://example.org/peergraph/synth/"
# The template's prison name, replaced in every label by the synthetic prison's.
_TEMPLATE_NAME = "HMP Example"
_EXPECT = re.compile(r"^# expect: (\S+) (Violation|Warning|Info)$", re.M)
_ESTATES = ("male-estate", "female-estate")
PG = NAMESPACES["pg"]


def _template_path() -> Path:
    return data_dir() / "examples" / "valid" / "hmp-example.ttl"


def _patches_dir() -> Path:
    return data_dir() / "examples" / "invalid"


@dataclass(frozen=True)
class Defect:
    """One invalid example's patch: its name, its SPARQL Update and what it must report."""

    name: str
    update: str
    expected: frozenset[tuple[str, str]]  # (requirement, severity) from its "# expect:" lines


def defects() -> list[Defect]:
    """Every invalid example's patch, sorted by name."""
    found = []
    for path in sorted(_patches_dir().glob("*.ru")):
        text = path.read_text(encoding="utf-8")
        expected = frozenset(_EXPECT.findall(text))
        if not expected:
            raise InputError(
                "the patch has no '# expect: REQUIREMENT Severity' line",
                path=path,
                hint="say what validating the patched template must report",
            )
        found.append(Defect(name=path.stem, update=text, expected=expected))
    return found


@dataclass(frozen=True)
class PrisonPlan:
    """What one synthetic prison is: its number, estate, and the defect planted (if any)."""

    number: int
    estate: str
    defect: Defect | None

    @property
    def slug(self) -> str:
        return f"prison-{self.number:04d}"

    @property
    def namespace(self) -> str:
        return f"{SYNTH_NAMESPACE}{self.slug}/"

    @property
    def label(self) -> str:
        return f"HMP Synthetic {self.number:04d}"


def plan(prisons: int, seed: int, defect_share: float = 0.5) -> list[PrisonPlan]:
    """Which prisons carry which defect: ``round(prisons * defect_share)`` of them (chosen by
    the seed) carry one each, drawn from the examples in an order the seed shuffles, each
    example once before any is used again, so that an estate of at least as many defective
    prisons as examples plants every one."""
    if prisons < 1:
        raise InputError(f"--prisons must be 1 or more, not {prisons}", hint="give --prisons 120")
    if not 0.0 <= defect_share <= 1.0:
        raise InputError(
            f"--defect-share must be between 0 and 1, not {defect_share}",
            hint="give --defect-share 0.5 (half the prisons carry one defect)",
        )
    rng = random.Random(seed)
    available = defects()
    defective = set(rng.sample(range(1, prisons + 1), round(prisons * defect_share)))
    order: list[Defect] = []
    plans = []
    for number in range(1, prisons + 1):
        defect = None
        if number in defective:
            if not order:
                order = list(available)
                rng.shuffle(order)
            defect = order.pop()
        plans.append(PrisonPlan(number, _ESTATES[(number - 1) % 2], defect))
    return plans


@dataclass
class Manifest:
    """What each synthetic prison should report, written as ``manifest.json``."""

    seed: int
    wings: int
    prisons: list[dict[str, Any]] = field(default_factory=list)

    @property
    def triples(self) -> int:
        return sum(p["triples"] for p in self.prisons)

    def to_dict(self) -> dict[str, Any]:
        return {
            "generator": "peergraph synth",
            "seed": self.seed,
            "wings_per_prison": self.wings,
            "triples": self.triples,
            "prisons": self.prisons,
        }

    @staticmethod
    def read(path: Path) -> dict[str, Any]:
        loaded: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
        return loaded


def synthesise(
    out: Path,
    *,
    prisons: int,
    seed: int,
    wings: int = 5,
    defect_share: float = 0.5,
) -> Manifest:
    """Write ``prisons`` synthetic site graphs (``out/prison-NNNN.nt``) and ``manifest.json``.

    About 120 triples a wing: ``wings=7`` gives about 850 a prison; ``wings=70`` about 8,300
    (a national estate of 120 prisons, about a million triples)."""
    if wings < 1:
        raise InputError(f"--wings must be 1 or more, not {wings}", hint="give --wings 5")
    from peergraph.rdfio import parse_file

    template = parse_file(_template_path())
    template_ns = _template_namespace(template)
    plans = plan(prisons, seed, defect_share)
    final = Path(out)
    staging = _staging_folder(final)
    try:
        manifest = _write_estate(staging, template, template_ns, plans, seed, wings)
        if final.exists():
            final.rmdir()  # empty (checked above): replaced by the finished folder
        staging.rename(final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return manifest


def _staging_folder(final: Path) -> Path:
    """A new folder beside ``final`` to write into, so that a failed run leaves no half
    estate; ``final`` must not exist or be an empty folder."""
    import tempfile

    if final.exists() and (not final.is_dir() or any(final.iterdir())):
        raise InputError(
            "the output exists and is not an empty folder",
            path=final,
            hint="give --out a new or empty folder",
        )
    parent = final.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=parent))
    except OSError as exc:
        raise InputError(
            f"cannot write there ({exc.strerror})",
            path=final,
            hint="give --out a folder you can write to",
        ) from None


def _write_estate(
    out: Path,
    template: Graph,
    template_ns: str,
    plans: list[PrisonPlan],
    seed: int,
    wings: int,
) -> Manifest:
    from rdflib import RDF, Graph, URIRef

    manifest = Manifest(seed=seed, wings=wings)
    # The copies of the template's wing are the same for every prison but for the namespace.
    wing_nodes = _wing_subtree(template, template_ns)
    template_wings = sorted(
        str(w) for w in template.subjects(RDF.type, URIRef(PG + "CFOWing")) if w in wing_nodes
    )
    HOSTS = URIRef(PG + "hostsCFOWing")  # noqa: N806 (a constant of the loop)
    # The template's prison, by its local name (``ex:prison``): the one node not copied.
    prison_local = next(
        str(p)[len(template_ns) :] for p in template.subjects(RDF.type, URIRef(PG + "Prison"))
    )
    wing_graph = _subgraph(template, wing_nodes)
    for prison in plans:
        graph = Graph(bind_namespaces="none")
        graph += template
        if prison.defect is not None:
            graph.update(prison.defect.update)
        site = _renamed(graph, template_ns, prison, copy=None)
        for copy in range(2, wings + 1):
            site += _renamed(wing_graph, template_ns, prison, copy=copy)
            for wing in template_wings:
                moved = f"{prison.namespace}{wing[len(template_ns) :]}-{copy}"
                site.add((URIRef(prison.namespace + prison_local), HOSTS, URIRef(moved)))
        lines = sorted(set(site.serialize(format="nt", encoding="utf-8").decode().splitlines()))
        lines = [line for line in lines if line.strip()]
        path = out / f"{prison.slug}.nt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        manifest.prisons.append(
            {
                "file": path.name,
                "site": prison.namespace + prison_local,
                "label": prison.label,
                "estate": prison.estate,
                "defect": prison.defect.name if prison.defect else None,
                "expected": sorted(list(pair) for pair in prison.defect.expected)
                if prison.defect
                else [],
                "triples": len(lines),
            }
        )
    (out / "manifest.json").write_text(
        json.dumps(manifest.to_dict(), indent=1) + "\n", encoding="utf-8"
    )
    return manifest


def _template_namespace(template: Graph) -> str:
    bound = {prefix: str(namespace) for prefix, namespace in template.namespaces()}
    if "ex" not in bound:
        raise InputError(
            "the valid template binds no ex: prefix", path=_template_path(), hint="restore it"
        )
    return bound["ex"]


def _wing_subtree(template: Graph, template_ns: str) -> set[Node]:
    """The template's own nodes but the prison and its sponsor: the wing and what hangs off
    it (roles, training, qualifications, supervision, providers...)."""
    from rdflib import RDF, URIRef

    prisons = set(template.subjects(RDF.type, URIRef(PG + "Prison")))
    prison_only = {o for p in prisons for o in template.objects(p, URIRef(PG + "cfoSponsor"))}
    return {
        s
        for s in template.subjects(unique=True)
        if str(s).startswith(template_ns) and s not in prisons and s not in prison_only
    }


def _subgraph(graph: Graph, nodes: Iterable[Node]) -> Graph:
    from rdflib import Graph

    sub = Graph(bind_namespaces="none")
    for node in nodes:
        for triple in graph.triples((node, None, None)):
            sub.add(triple)
    return sub


def _renamed(graph: Graph, template_ns: str, prison: PrisonPlan, copy: int | None) -> Graph:
    """``graph`` with the template's names moved into the prison's namespace (suffixed
    ``-<copy>`` for a copy of the wing), the template's prison name replaced by the
    prison's in every label, the copy's number added to its labels, and the prison's estate."""
    from rdflib import RDF, Graph, Literal, URIRef

    prisons = set(graph.subjects(RDF.type, URIRef(PG + "Prison")))
    suffix = f"-{copy}" if copy is not None else ""

    def moved(term: Node) -> Node:
        if isinstance(term, URIRef) and str(term).startswith(template_ns):
            local = str(term)[len(template_ns) :]
            return URIRef(prison.namespace + local + ("" if term in prisons else suffix))
        if isinstance(term, Literal) and isinstance(term.value, str):
            text = str(term).replace(_TEMPLATE_NAME, prison.label)
            if copy is not None and term.language is not None:
                text = f"{text} ({copy})"
            return Literal(text, lang=term.language, datatype=term.datatype)
        return term

    out = Graph(bind_namespaces="none")
    estate = URIRef(PG + "estate")
    for s, p, o in graph:
        if s in prisons and p == estate:
            o = URIRef(PG + prison.estate)
        out.add((moved(s), p, moved(o)))
    return out
