"""Validating site graphs against the commissioning shapes (``shapes/*.ttl``).

A *site* is a ``pg:Prison`` (or a ``pg:PilotSite``...) described in the input. Its *site graph*
is everything reachable from it by following links forward, stopping at the shared reference
data (ontology, continuum, sources) and at other prisons. Each site graph is validated on its
own, with the reference graph merged in, by pyshacl (engines.md: one small graph per site is
orders of magnitude faster than one big graph, and exact).

    import peergraph
    report = peergraph.validate("data/sites/")
    report.conforms, report.counts()
    for result in report.results:
        print(result.requirement, result.severity, result.message)
    print(report.render("text"))          # or "json", "turtle", "csv", "html"
    print(report.scorecard().render("text"))

Severities (shapes/commissioning.ttl): Violation = the graph records something contradicting a
requirement; Warning = not evidenced; Info = "preferably" / "if possible" advice not shown to
be followed. ``Report.conforms`` is SHACL's: true only when there is no result at all.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH, SKOS
from rdflib.plugins.sparql import prepareQuery

from peergraph import paths
from peergraph.errors import InputError
from peergraph.loading import (
    NAMESPACES,
    bind_namespaces,
    collect_files,
    load_reference_graph,
    parse_file,
)

if TYPE_CHECKING:
    from rdflib.query import Result as QueryResult

    from peergraph.reporting import Scorecard

__all__ = [
    "REQUIREMENTS",
    "count_phrase",
    "SEVERITIES",
    "Node",
    "Report",
    "Result",
    "SiteGraph",
    "SiteReport",
    "load_shapes_graph",
    "site_graphs",
    "validate",
]

PG = Namespace(NAMESPACES["pg"])
ROLE = Namespace(NAMESPACES["role"])
PGSH = Namespace("https://w3id.org/peergraph/shapes#")

# Most severe first; the names are SHACL's (sh:Violation, sh:Warning, sh:Info).
SEVERITIES: tuple[str, ...] = ("Violation", "Warning", "Info")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}

# The order reports use: the commissioning requirements, the definition elements, data quality.
REQUIREMENTS: tuple[str, ...] = (
    "R2a", "R2b", "R2c", "R2d", "R2e",
    "R3a", "R3b", "R3c", "R3d", "R3e",
    "D-a", "D-b", "D-c",
    "DQ",
)  # fmt: skip
REQUIREMENT_RANK = {name: rank for rank, name in enumerate(REQUIREMENTS)}

# Short titles, used when the reference graph does not label a requirement.
_TITLES = {
    "R2a": "a CFO Governor-level sponsor",
    "R2b": "CFO wing peer representation on the Prisoner Council",
    "R2c": "additional training for non-specialist wing officers",
    "R2d": "special regime flexibility for the CFO wing",
    "R2e": "co-produced partnership with Education, Libraries and Industries",
    "R3a": "external accredited, independently delivered training; progression aligned",
    "R3b": "formal, independent, structured supervision and a peer role forum",
    "R3c": "core delivery expectations; progression by responsibility",
    "R3d": "a site-specific journey map across the continuum",
    "R3e": "staff and residents aware of the options to progress",
    "D-a": "unpaid, serving residents, accredited mentoring qualification",
    "D-b": "champions the community at wing and prison decision-making",
    "D-c": "living-experience voice in national policy-making",
    "DQ": "data quality: a well-formed site graph",
}

# Requirements checked on the wing, on the local roles, and only on peer mentoring roles: a site
# without a wing or roles has nothing to check them on ("not evidenced", not "met").
_WING_REQUIREMENTS = frozenset({"R2b", "R2c", "R2d", "R2e", "R3b", "R3d", "R3e"})
_ROLE_REQUIREMENTS = frozenset({"R3a", "R3b", "R3c"})
DEFINITION_ELEMENTS: tuple[str, ...] = ("D-a", "D-b", "D-c")


@dataclass(frozen=True, order=True)
class Node:
    """A node of the graph, with the label a report shows for it."""

    label: str
    iri: str

    def to_dict(self) -> dict[str, str]:
        return {"iri": self.iri, "label": self.label}


@dataclass(frozen=True)
class Result:
    """One validation result, about one focus node of one site."""

    site: Node
    requirement: str  # "R2a" ... "R3e", "D-a" ... "D-c", "DQ"
    severity: str  # "Violation", "Warning" or "Info"
    focus: Node
    message: str
    shape: str  # IRI of the shape that produced it
    source: str | None  # IRI of what the shape encodes: study:R2a, pg:D-a, an ontology term
    value: str | None = None  # the offending value, when the shape names one

    def sort_key(self) -> tuple[Any, ...]:
        return (
            REQUIREMENT_RANK.get(self.requirement, len(REQUIREMENTS)),
            SEVERITY_RANK.get(self.severity, len(SEVERITIES)),
            self.focus.label,
            self.message,
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["site"] = self.site.to_dict()
        data["focus"] = self.focus.to_dict()
        return data


@dataclass
class SiteReport:
    """The validation of one site's graph."""

    site: Node
    files: tuple[str, ...]
    results: list[Result]
    graph: Graph  # this site's sh:ValidationReport
    # Requirement -> why it does not apply (D-a..D-c for a site with no peer mentoring role).
    not_applicable: dict[str, str] = field(default_factory=dict)
    # Requirement -> why nothing could be checked (no wing, no role): "not evidenced".
    unchecked: dict[str, str] = field(default_factory=dict)

    @property
    def conforms(self) -> bool:
        return not self.results

    def counts(self) -> dict[str, int]:
        return _counts(self.results)

    def status(self, requirement: str) -> str:
        """The scorecard cell: "met", "not met", "not evidenced", "advice" or "n/a"."""
        if requirement in self.not_applicable:
            return "n/a"
        severities = {r.severity for r in self.results if r.requirement == requirement}
        if "Violation" in severities:
            return "not met"
        if "Warning" in severities or requirement in self.unchecked:
            return "not evidenced"
        if "Info" in severities:
            return "advice"
        return "met"


class Report:
    """The validation of one or more sites: results, counts, renderers."""

    def __init__(
        self,
        sites: Sequence[SiteReport],
        *,
        titles: dict[str, str] | None = None,
        unattached: Sequence[Node] = (),
    ) -> None:
        self.sites: list[SiteReport] = list(sites)
        self.titles: dict[str, str] = {**_TITLES, **(titles or {})}
        # Wings and local roles that no prison links to: nothing validated them.
        self.unattached: list[Node] = list(unattached)
        self._graph: Graph | None = None

    def __repr__(self) -> str:
        return f"<Report: {count_phrase(self.counts())} in {len(self.sites)} site(s)>"

    @property
    def results(self) -> list[Result]:
        """Every result, by site and then in the stable requirement order."""
        return [result for site in self.sites for result in site.results]

    @property
    def conforms(self) -> bool:
        """SHACL's verdict: true when no shape produced any result (of any severity)."""
        return all(site.conforms for site in self.sites)

    def counts(self) -> dict[str, int]:
        """Results per severity, every severity present (``{"Violation": 0, ...}``)."""
        return _counts(self.results)

    def fails(self, fail_on: str = "Violation") -> bool:
        """True when some result is at least as severe as ``fail_on``."""
        threshold = SEVERITY_RANK[_severity_name(fail_on)]
        return any(SEVERITY_RANK[r.severity] <= threshold for r in self.results)

    def requirement_title(self, requirement: str) -> str:
        return self.titles.get(requirement, requirement)

    @property
    def graph(self) -> Graph:
        """One ``sh:ValidationReport`` holding every site's results."""
        if self._graph is None:
            self._graph = _merge_report_graphs([site.graph for site in self.sites], self.conforms)
        return self._graph

    def render(self, fmt: str = "text") -> str:
        """The report as text, json, turtle, csv or html (see ``peergraph.reporting``)."""
        from peergraph import reporting

        return reporting.render_report(self, fmt)

    def scorecard(self) -> Scorecard:
        from peergraph.reporting import Scorecard

        return Scorecard.from_report(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "counts": self.counts(),
            "sites": [
                {
                    "site": site.site.to_dict(),
                    "files": list(site.files),
                    "conforms": site.conforms,
                    "counts": site.counts(),
                    "not_applicable": dict(site.not_applicable),
                    "results": [result.to_dict() for result in site.results],
                }
                for site in self.sites
            ],
            "unattached": [node.to_dict() for node in self.unattached],
        }


def count_phrase(counts: dict[str, int]) -> str:
    """``"1 violation, 0 warnings, 2 info"``."""
    words = {"Violation": "violation", "Warning": "warning", "Info": "info"}
    parts = []
    for severity in SEVERITIES:
        n = counts.get(severity, 0)
        word = words[severity]
        parts.append(f"{n} {word}{'s' if n != 1 and severity != 'Info' else ''}")
    return ", ".join(parts)


def _counts(results: Iterable[Result]) -> dict[str, int]:
    counts = dict.fromkeys(SEVERITIES, 0)
    for result in results:
        counts[result.severity] += 1
    return counts


def _severity_name(name: str) -> str:
    for severity in SEVERITIES:
        if severity.lower() == name.lower():
            return severity
    raise ValueError(f"unknown severity {name!r}; expected one of {', '.join(SEVERITIES)}")


# ---------------------------------------------------------------------------------------------
# Shapes and the per-site data graph


@functools.lru_cache(maxsize=1)
def load_shapes_graph() -> Graph:
    """Every ``shapes/*.ttl``, merged; parsed once per process (do not modify it)."""
    folder = paths.shapes_dir()
    files = sorted(folder.glob("*.ttl")) if folder.is_dir() else []
    if not files:
        raise InputError(
            "peergraph's shapes folder has no .ttl file",
            path=folder,
            hint="reinstall peergraph (or restore shapes/ in your checkout)",
        )
    graph = Graph()
    for file in files:
        graph += parse_file(file)
    return graph


@functools.lru_cache(maxsize=256)
def _prepared(text: str) -> Any:
    return prepareQuery(text)


class _PreparedQueryGraph(Graph):
    """A graph that parses each distinct SPARQL text once.

    pyshacl runs every SHACL-SPARQL constraint once per focus node, passing the query as text;
    rdflib would parse it again each time (~15 ms a query, most of a site's validation time).
    Query texts that carry their own PREFIX declarations (pyshacl's do) are prepared once and
    reused; anything else goes to rdflib unchanged.
    """

    def query(  # type: ignore[override]
        self,
        query_object: Any,
        processor: str = "sparql",
        result: str = "sparql",
        initNs: Any = None,  # noqa: N803 (rdflib's names)
        initBindings: Any = None,  # noqa: N803
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> QueryResult:
        if isinstance(query_object, str) and processor == "sparql" and not initNs:
            # On a parse error, let rdflib parse it (with the graph's prefixes) and complain.
            with contextlib.suppress(Exception):
                query_object = _prepared(query_object)
        return super().query(
            query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs
        )


@functools.lru_cache(maxsize=1)
def _reference_index() -> tuple[frozenset[Any], frozenset[Any]]:
    """The reference graph's subjects (where site graphs stop) and its prison classes."""
    ref = load_reference_graph()
    subjects = frozenset(ref.subjects(unique=True))
    prison_classes = frozenset(ref.transitive_subjects(RDFS.subClassOf, PG.Prison))
    return subjects, prison_classes


@functools.lru_cache(maxsize=1)
def _reference_titles() -> dict[str, str]:
    """Requirement id -> the short title the reference graph gives it (after "R2a: ")."""
    ref = load_reference_graph()
    titles: dict[str, str] = {}
    for node in ref.subjects(RDF.type, PG.Recommendation):
        ident = ref.value(node, PG.recommendationId)
        label = ref.value(node, RDFS.label)
        if ident is not None and label is not None:
            titles[str(ident)] = str(label).split(": ", 1)[-1]
    for node in ref.subjects(RDF.type, PG.DefinitionElement):
        ident = ref.value(node, SKOS.notation)
        label = ref.value(node, RDFS.label)
        if ident is not None and label is not None:
            titles[str(ident)] = str(label).split(": ", 1)[-1]
    return titles


def _label(graph: Graph, node: Any) -> str:
    label = graph.value(node, RDFS.label)
    if label is None:
        label = graph.value(node, SKOS.prefLabel)
    return str(label) if label is not None else str(node)


# ---------------------------------------------------------------------------------------------
# Finding the sites in the input


@dataclass
class _Input:
    graph: Graph  # every triple of the input, merged
    files: list[tuple[Path, Graph]]  # each file with its own graph (empty for a Graph input)


Source = Graph | str | os.PathLike[str] | Iterable[str | os.PathLike[str]]


def _read_input(source: Source) -> _Input:
    if isinstance(source, Graph):
        return _Input(graph=source, files=[])
    items: list[str | os.PathLike[str]]
    items = [source] if isinstance(source, str | os.PathLike) else list(source)
    if not items:
        raise InputError("no file or folder given", hint="give the site graphs to validate")
    files = [(file, parse_file(file)) for file in collect_files(items)]
    merged = Graph()
    for _file, graph in files:
        merged += graph
        for prefix, namespace in graph.namespaces():
            merged.bind(prefix, namespace, override=False)
    return _Input(graph=merged, files=files)


def _sites(graph: Graph, prison_classes: frozenset[Any]) -> list[Any]:
    classes = set(prison_classes) | set(graph.transitive_subjects(RDFS.subClassOf, PG.Prison))
    found = {s for cls in classes for s in graph.subjects(RDF.type, cls)}
    return sorted(found, key=lambda s: (_label(graph, s), str(s)))


def _component(graph: Graph, start: Any, stop: frozenset[Any], sites: set[Any]) -> set[Any]:
    """Nodes reachable from ``start`` by following links forward, not entering ``stop`` (the
    reference data's subjects) or another site."""
    seen = {start}
    todo = [start]
    while todo:
        node = todo.pop()
        for predicate, obj in graph.predicate_objects(node):
            if predicate == RDF.type or isinstance(obj, Literal):
                continue
            if obj in seen or obj in stop or obj in sites:
                continue
            seen.add(obj)
            todo.append(obj)
    return seen


# ---------------------------------------------------------------------------------------------
# Validating


@dataclass
class SiteGraph:
    """One site's data graph, as the validator sees it: the reference graph plus the site."""

    site: Any  # the prison's IRI (or blank node)
    nodes: set[Any]  # the site graph's subjects
    graph: Graph  # reference + site triples
    own: Graph  # the site's triples only
    files: tuple[str, ...]  # the input files holding its triples


def site_graphs(source: Source) -> tuple[list[SiteGraph], list[Node]]:
    """Split the input into one data graph per site (each with the reference graph merged in),
    and list the wings and roles no site links to. What ``validate`` validates; public so that
    other SHACL engines can be run on exactly the same graphs."""
    sites, _unattached_nodes, _data = _split(source)
    return sites, _unattached_nodes


def _split(source: Source) -> tuple[list[SiteGraph], list[Node], _Input]:
    data = _read_input(source)
    reference = load_reference_graph()
    stop, prison_classes = _reference_index()
    sites = _sites(data.graph, prison_classes)
    if not sites:
        where = data.files[0][0] if len(data.files) == 1 else None
        raise InputError(
            "no site found: nothing here is a pg:Prison",
            path=where,
            hint="describe the prison as `a pg:Prison` (see data/examples/valid/hmp-example.ttl)",
        )
    site_set = set(sites)
    found: list[SiteGraph] = []
    attached: set[Any] = set()
    for site in sites:
        nodes = _component(data.graph, site, stop, site_set)
        attached |= nodes
        own = Graph()
        for node in nodes:
            for triple in data.graph.triples((node, None, None)):
                own.add(triple)
        graph = _PreparedQueryGraph()
        graph += reference
        graph += own
        files = tuple(
            str(path) for path, g in data.files if any((n, None, None) in g for n in nodes)
        )
        found.append(SiteGraph(site=site, nodes=nodes, graph=graph, own=own, files=files))
    return found, _unattached(data.graph, attached), data


def validate(
    source: Source,
    *,
    strict: bool = False,
    jobs: int = 1,
) -> Report:
    """Validate the sites in ``source``: an rdflib ``Graph``, a file or folder, or several.

    Files may be Turtle, JSON-LD, TriG, RDF/XML, N-Triples or N-Quads; folders are searched
    recursively; all files are read together, so a site may be spread over several files and
    a file may hold several sites. Each site (``pg:Prison``) is validated separately.

    Raises ``InputError`` for input that cannot be read (a file that does not parse, is not
    RDF, an empty folder) or that describes no prison. With ``strict=True`` (what the command
    line does), a data-quality Violation (an unknown role slug, a value of the wrong type...)
    is raised as an ``InputError`` naming the file and line instead of being reported.

    ``jobs`` > 1 validates sites in that many processes (0: one per CPU); the report is the
    same either way (timings: benchmarks/RESULTS.md).
    """
    sites, unattached, data = _split(source)
    shapes = load_shapes_graph()
    nodes = [Node(label=_label(site.graph, site.site), iri=str(site.site)) for site in sites]
    outcomes: Iterable[tuple[list[Result], Graph]]
    workers = _workers(jobs, len(sites))
    if workers > 1:
        outcomes = _validate_in_processes(sites, nodes, workers)
    else:
        outcomes = (_validate_site(s.graph, n, shapes) for s, n in zip(sites, nodes, strict=True))
    reports: list[SiteReport] = []
    for site, node, (results, report_graph) in zip(sites, nodes, outcomes, strict=True):
        not_applicable, unchecked = _applicability(site.graph, site.site)
        reports.append(
            SiteReport(
                site=node,
                files=site.files,
                results=results,
                graph=report_graph,
                not_applicable=not_applicable,
                unchecked=unchecked,
            )
        )
    report = Report(reports, titles=_reference_titles(), unattached=unattached)
    if strict:
        _raise_input_errors(report, data)
    return report


def _workers(jobs: int, sites: int) -> int:
    if jobs < 0:
        raise ValueError(f"jobs must be 0 (one per CPU) or more, not {jobs}")
    wanted = jobs or (os.cpu_count() or 1)
    return max(1, min(wanted, sites))


def _validate_site(graph: Graph, site: Node, shapes: Graph) -> tuple[list[Result], Graph]:
    """Run pyshacl over one site's data graph: its results and its sh:ValidationReport."""
    import pyshacl

    _conforms, report_graph, text = pyshacl.validate(
        graph, shacl_graph=shapes, inference="none", advanced=False, inplace=True
    )
    if not isinstance(report_graph, Graph):  # pyshacl reports a broken shape as text
        raise RuntimeError(f"pyshacl could not validate: {text}")
    _annotate_results(report_graph, shapes, graph)
    return _results(report_graph, shapes, graph, site), report_graph


def _validate_in_processes(
    sites: Sequence[SiteGraph], nodes: Sequence[Node], workers: int
) -> list[tuple[list[Result], Graph]]:
    from concurrent.futures import ProcessPoolExecutor

    payloads = [
        (site.own.serialize(format="nt", encoding="utf-8"), node)
        for site, node in zip(sites, nodes, strict=True)
    ]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        done = list(pool.map(_validate_payload, payloads))
    outcomes = []
    for results, report_nt in done:
        report_graph = Graph()
        report_graph.parse(data=report_nt, format="nt")
        outcomes.append((results, report_graph))
    return outcomes


def _validate_payload(payload: tuple[bytes, Node]) -> tuple[list[Result], bytes]:
    """In a worker process: one site's triples (N-Triples) -> its results and report."""
    site_nt, node = payload
    graph = _PreparedQueryGraph()
    graph += load_reference_graph()
    graph.parse(data=site_nt, format="nt")
    results, report_graph = _validate_site(graph, node, load_shapes_graph())
    return results, report_graph.serialize(format="nt", encoding="utf-8")


def _results(report_graph: Graph, shapes: Graph, data: Graph, site: Node) -> list[Result]:
    results: dict[tuple[str, str, str | None, str], Result] = {}
    for node in report_graph.subjects(RDF.type, SH.ValidationResult):
        shape = report_graph.value(node, SH.sourceShape)
        focus = report_graph.value(node, SH.focusNode)
        severity = report_graph.value(node, SH.resultSeverity)
        message = report_graph.value(node, SH.resultMessage)
        value = report_graph.value(node, SH.value)
        if value == focus:  # SHACL-SPARQL reports the focus node as the value when none is named
            value = None
        owner = _owning_shape(shapes, shape)
        notation = shapes.value(owner, SKOS.notation)
        source = shapes.value(owner, DCTERMS.source)
        severity_name = str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation"
        result = Result(
            site=site,
            requirement=str(notation) if notation is not None else "DQ",
            severity=severity_name,
            focus=Node(label=_label(data, focus), iri=str(focus)),
            message=str(message) if message is not None else f"{shape} failed",
            shape=str(shape),
            source=str(source) if source is not None else None,
            value=str(value) if value is not None else None,
        )
        # An engine may repeat a result (e.g. a node with two labels): keep one.
        results.setdefault((result.shape, result.focus.iri, result.value, result.message), result)
    return sorted(results.values(), key=Result.sort_key)


def _owning_shape(shapes: Graph, shape: Any) -> Any:
    """The shape that names the requirement: ``shape`` itself, or for a property shape without
    a ``skos:notation`` of its own, the node shape that holds it (``sh:property``)."""
    seen = {shape}
    while shapes.value(shape, SKOS.notation) is None:
        parent = shapes.value(None, SH.property, shape) or shapes.value(None, SH.node, shape)
        if parent is None or parent in seen:
            break
        seen.add(parent)
        shape = parent
    return shape


_TEMPLATE = re.compile(r"\{[$?](this|value)\}")


def fill_message(template: str, data: Graph, focus: Any, value: Any) -> str:
    """A shape's message with ``{$this}`` and ``{$value}`` (or ``{?this}``, ``{?value}``)
    replaced by the labels of the focus node and the value node.

    SHACL defines such substitution only for SPARQL-based constraints; core constraints
    (sh:minCount, sh:in, sh:hasValue...) would otherwise have to give up naming the site, wing
    or role their message is about. Filling them here, for every engine alike, keeps the shapes
    in core SHACL and the messages as specific as before.
    """

    def label(match: re.Match[str]) -> str:
        node = focus if match[1] == "this" else value
        return _label(data, node) if node is not None else match[0]

    return _TEMPLATE.sub(label, template)


def _annotate_results(report_graph: Graph, shapes: Graph, data: Graph) -> None:
    """Give each result what its shape encodes (dcterms:source: study:R2a, pg:D-a...) and the
    requirement id (skos:notation), so the standard report traces back to the source; and
    fill the message templates of core constraints (``fill_message``)."""
    for node in list(report_graph.subjects(RDF.type, SH.ValidationResult)):
        shape = report_graph.value(node, SH.sourceShape)
        owner = _owning_shape(shapes, shape)
        for predicate in (DCTERMS.source, SKOS.notation):
            value = shapes.value(owner, predicate)
            if value is not None:
                report_graph.add((node, predicate, value))
        focus = report_graph.value(node, SH.focusNode)
        value_node = report_graph.value(node, SH.value)
        for message in list(report_graph.objects(node, SH.resultMessage)):
            filled = fill_message(str(message), data, focus, value_node)
            if filled != str(message):
                report_graph.remove((node, SH.resultMessage, message))
                lang = message.language if isinstance(message, Literal) else None
                report_graph.add((node, SH.resultMessage, Literal(filled, lang=lang)))


def _applicability(graph: Graph, site: Any) -> tuple[dict[str, str], dict[str, str]]:
    wings = list(graph.objects(site, PG.hostsCFOWing))
    roles = [role for wing in wings for role in graph.objects(wing, PG.offersRole)]
    not_applicable: dict[str, str] = {}
    if not any((role, PG.continuumRole, ROLE["peer-mentor"]) in graph for role in roles):
        kinds = []
        for role in roles:
            continuum = graph.value(role, PG.continuumRole)
            if continuum is None:
                kinds.append(f"{_label(graph, role)} names no continuum role")
                continue
            kind = _label(graph, continuum)
            article = "an" if kind[:1].lower() in "aeiou" else "a"
            kinds.append(f"{_label(graph, role)} is {article} {kind} role")
        why = (
            "the peer mentor definition applies to roles presented as peer mentoring "
            "(pg:continuumRole role:peer-mentor), and this site offers none"
        )
        if kinds:
            why += " (" + "; ".join(kinds) + ")"
        not_applicable = dict.fromkeys(DEFINITION_ELEMENTS, why)
    unchecked: dict[str, str] = {}
    if not wings:
        unchecked.update(dict.fromkeys(sorted(_WING_REQUIREMENTS), "no CFO wing is recorded"))
    if not roles:
        for requirement in sorted(_ROLE_REQUIREMENTS):
            unchecked.setdefault(requirement, "no peer role is recorded")
        for requirement in DEFINITION_ELEMENTS:
            not_applicable.pop(requirement, None)
            unchecked[requirement] = "no peer role is recorded"
    return not_applicable, unchecked


def _unattached(graph: Graph, attached: set[Any]) -> list[Node]:
    loose = {
        node
        for cls in (PG.CFOWing, PG.LocalRole)
        for node in graph.subjects(RDF.type, cls)
        if node not in attached
    }
    return sorted(Node(label=_label(graph, node), iri=str(node)) for node in loose)


def _merge_report_graphs(graphs: Iterable[Graph], conforms: bool) -> Graph:
    merged = Graph()
    bind_namespaces(merged)
    merged.bind("pgsh", str(PGSH))
    report = BNode()
    merged.add((report, RDF.type, SH.ValidationReport))
    merged.add((report, SH.conforms, Literal(conforms)))
    for graph in graphs:
        for old in graph.subjects(RDF.type, SH.ValidationReport):
            for result in graph.objects(old, SH.result):
                merged.add((report, SH.result, result))
        for s, p, o in graph:
            if p in (SH.conforms, SH.result) or (p == RDF.type and o == SH.ValidationReport):
                continue
            merged.add((s, p, o))
    return merged


# ---------------------------------------------------------------------------------------------
# Strict mode: data-quality Violations are bad input


def _raise_input_errors(report: Report, data: _Input) -> None:
    bad = [r for r in report.results if r.requirement == "DQ" and r.severity == "Violation"]
    if not bad:
        return
    first = bad[0]
    path, line = _locate(first, data)
    more = f" (and {len(bad) - 1} more data-quality problems)" if len(bad) > 1 else ""
    raise InputError(
        first.message + more,
        path=path,
        line=line,
        hint="fix the file, or run with --lenient to list it with the other results",
    )


def _locate(result: Result, data: _Input) -> tuple[Path | None, int | None]:
    """The file (and line, when it can be found) that states the offending value."""
    focus = URIRef(result.focus.iri)
    value: Any = None
    if result.value is not None:
        value = URIRef(result.value) if "://" in result.value else None
    for path, graph in data.files:
        if (focus, None, None) not in graph:
            continue
        if value is not None and (focus, None, value) not in graph:
            continue
        return path, _find_line(path, graph, focus, result)
    return None, None


def _find_line(path: Path, graph: Graph, focus: URIRef, result: Result) -> int | None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    needles: list[str] = []
    if result.value is not None:
        if "://" in result.value:
            needles += _iri_forms(graph, URIRef(result.value))
        else:
            needles += [f'"{result.value}"', f"'{result.value}'", f">{result.value}<"]
    start = 0
    for form in _iri_forms(graph, focus):
        index = text.find(form)
        if index >= 0:
            start = index
            break
    for needle in needles:
        index = text.find(needle, start)
        if index < 0:
            index = text.find(needle)
        if index >= 0:
            return text.count("\n", 0, index) + 1
    return text.count("\n", 0, start) + 1 if start else None


def _iri_forms(graph: Graph, iri: URIRef) -> Iterator[str]:
    try:
        qname = graph.namespace_manager.normalizeUri(iri)
    except Exception:
        qname = ""
    if qname and not qname.startswith("<"):
        yield qname
    yield f"<{iri}>"
    yield f'"{iri}"'
