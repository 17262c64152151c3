"""``peergraph reason``: HermiT over the ontology and the continuum (and one site at a time), and
what it concludes about each role.

Beyond consistency, the report answers "is this a peer mentoring role under the study's
definition?" from the reasoner, role by role: yes (HermiT classifies it ``pg:PeerMentoringRole``),
no (what is recorded rules an element out, or the role is of a class the ontology declares
disjoint with it), or not shown (nothing rules it in or out). For every element (D-a, D-b, D-c)
and every condition of it, the report says which of the three holds and on which records; the
conditions are read off the OWL definitions (``peergraph.reasoning.definition``), so the report
cannot drift from the ontology.

HermiT does not answer on thousands of individuals, so each run is small: the ontology, the
continuum's roles (what they link to, not the provenance that describes them) and one site.
A local role is judged on what its site records of it: it takes nothing from its continuum role.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from peergraph.reasoning.definition import (
    CONTRADICTED,
    ELEMENTS,
    MET,
    NOT_SHOWN,
    Condition,
    DefinitionQuery,
)
from peergraph.terms import short_form
from peergraph.vocab import NAMESPACES

if TYPE_CHECKING:
    from rdflib import Graph, URIRef
    from rdflib.term import Node

    from peergraph.reasoning import ReasoningResult

__all__ = [
    "Classification",
    "ConditionVerdict",
    "ElementVerdict",
    "ReasoningReport",
    "ReasoningRun",
    "build_report",
    "build_site_report",
    "reasoning_base",
]

PG = NAMESPACES["pg"]

# What a role is, in one word each: the answer to "is it a peer mentoring role?".
PEER_MENTORING = "peer mentoring role"
NOT_PEER_MENTORING = "not a peer mentoring role"
NOT_SHOWN_ROLE = "not shown to be a peer mentoring role"


@dataclass
class ConditionVerdict:
    """One condition of an element, for one role: what it needs, what is recorded, the answer."""

    prop: str  # the property, as a short form ("pg:payment"); the class, for a class condition
    needs: str  # what the condition needs, in words
    verdict: str  # met, contradicted, not shown
    recorded: list[str]  # what the graph records for it, in words
    read_as_complete: bool  # a contradiction that rests on reading the records as complete
    why: str  # the whole sentence
    about_class: bool = False  # a named class operand (pg:PeerInvolvementRole), not a property


@dataclass
class ElementVerdict:
    element: str
    verdict: str
    conditions: list[ConditionVerdict]


@dataclass
class Classification:
    """One role's place with respect to the definition of a peer mentor in prison."""

    iri: str
    label: str
    peer_mentoring: bool
    peer_support: bool
    elements_met: list[str]
    # element id -> the unmet conditions, in words
    missing: dict[str, list[str]] = field(default_factory=dict)
    verdict: str = NOT_SHOWN_ROLE
    why: str = ""
    elements: dict[str, ElementVerdict] = field(default_factory=dict)
    continuum_role: str | None = None  # the local role's pg:continuumRole, as a short form
    continuum_label: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "iri": self.iri,
            "label": self.label,
            "continuumRole": self.continuum_role,
            "verdict": self.verdict,
            "why": self.why,
            "peerMentoring": self.peer_mentoring,
            "peerSupport": self.peer_support,
            "elementsMet": self.elements_met,
            "elements": {
                element: {
                    "verdict": e.verdict,
                    "conditions": [
                        {
                            "property": c.prop,
                            "needs": c.needs,
                            "verdict": c.verdict,
                            "recorded": c.recorded,
                            "readAsComplete": c.read_as_complete,
                            "why": c.why,
                        }
                        for c in e.conditions
                    ],
                }
                for element, e in self.elements.items()
            },
            "missing": self.missing,
        }


@dataclass
class ReasoningRun:
    """One HermiT run: over the ontology and the continuum, or those and one site."""

    scope: str  # "ontology and continuum", or the site's label
    site: str | None  # the site's IRI
    files: tuple[str, ...]
    consistent: bool
    seconds: float
    triples: int
    individuals: int
    roles: list[Classification]

    def to_json(self) -> dict[str, Any]:
        return {
            "scope": self.scope,
            "site": self.site,
            "files": list(self.files),
            "consistent": self.consistent,
            "seconds": round(self.seconds, 3),
            "triples": self.triples,
            "individuals": self.individuals,
            "roles": [r.to_json() for r in self.roles],
        }


@dataclass
class ReasoningReport:
    runs: list[ReasoningRun]
    java: str

    @property
    def consistent(self) -> bool:
        return all(run.consistent for run in self.runs)

    @property
    def seconds(self) -> float:
        return sum(run.seconds for run in self.runs)

    @property
    def triples(self) -> int:
        return max((run.triples for run in self.runs), default=0)

    @property
    def individuals(self) -> int:
        return max((run.individuals for run in self.runs), default=0)

    @property
    def roles(self) -> list[Classification]:
        return [role for run in self.runs for role in run.roles]

    def to_json(self) -> dict[str, Any]:
        return {
            "reasoner": "HermiT (owlready2)",
            "consistent": self.consistent,
            "seconds": round(self.seconds, 3),
            "triples": self.triples,
            "individuals": self.individuals,
            "roles": [r.to_json() for r in self.roles],
            "runs": [run.to_json() for run in self.runs],
        }

    def to_text(self) -> str:
        lines: list[str] = []
        for number, run in enumerate(self.runs):
            if number:
                lines.append("")
            lines.extend(_run_text(run))
        return "\n".join(lines) + "\n"


def _run_text(run: ReasoningRun) -> list[str]:
    from rdflib import URIRef

    files = f" ({', '.join(run.files)})" if run.files else ""
    lines = [
        f"{run.scope}{files}: HermiT (owlready2) finds it "
        f"{'consistent' if run.consistent else 'INCONSISTENT'} "
        f"({run.triples} triples, {run.individuals} individuals, {run.seconds:.1f} s)"
    ]
    if not run.consistent:
        lines.append(
            "The graph contradicts itself: no classification can be trusted. "
            "Look for an individual in two disjoint classes or a functional property "
            "with two different values."
        )
        return lines
    if not run.roles:
        lines.append("  no peer involvement role here")
        return lines
    mentoring = [r for r in run.roles if r.peer_mentoring]
    if run.site is None:
        lines.append("")
        lines.append("Peer mentoring roles (meet D-a, D-b and D-c):")
        lines.extend(f"  {short_form(URIRef(r.iri))}  {r.label}" for r in mentoring)
        if not mentoring:
            lines.append("  (none)")
        lines.append("")
        lines.append("Roles not classified as peer mentoring, element by element:")
    listed = run.roles if run.site is not None else [r for r in run.roles if not r.peer_mentoring]
    for role in listed:
        lines.extend(_role_text(role))
    return lines


def _role_text(role: Classification) -> list[str]:
    from rdflib import URIRef

    presented = f" (presented as {role.continuum_label})" if role.continuum_label else ""
    support = ", peer support" if role.peer_support and not role.peer_mentoring else ""
    lines = [f"  {short_form(URIRef(role.iri))}  {role.label}{presented}{support}"]
    lines.append(f"    {role.verdict}: {role.why}")
    for element in role.elements.values():
        lines.append(f"    {element.element} {element.verdict}")
        for condition in element.conditions:
            if condition.about_class and condition.verdict == MET:
                continue  # "is a peer involvement role": true of every role listed
            lines.append(f"      {condition.verdict}: {condition.why}")
    return lines


# ---------------------------------------------------------------------------------------------
# The graph each run reasons over


@functools.lru_cache(maxsize=1)
def _base() -> Graph:
    """The ontology and the continuum: the ontology files as they are, and from the reference
    data the continuum's roles and everything they link to by object or data properties. The
    provenance (cells, rows, fact records, the study's outputs) links to the roles, not the
    other way, and is left out: it has no bearing on a role's classification, and HermiT's time
    grows with every individual."""
    from rdflib import OWL, RDF, Graph, Literal, URIRef

    from peergraph.graph import load_reference_graph
    from peergraph.rdfio import merge_into, parse_file, rdf_files_under
    from peergraph.resources import ontology_dir

    base = Graph()
    for file in rdf_files_under(ontology_dir(), suffixes=(".ttl",)):
        merge_into(base, parse_file(file))
    reference = load_reference_graph()
    annotation = set(base.subjects(RDF.type, OWL.AnnotationProperty))
    stop = set(base.subjects())  # the ontology's own terms and concepts are there already
    todo = list(reference.subjects(RDF.type, URIRef(PG + "ContinuumRole")))
    seen = set(todo)
    while todo:
        node = todo.pop()
        for predicate, obj in reference.predicate_objects(node):
            base.add((node, predicate, obj))
            if predicate == RDF.type or predicate in annotation or isinstance(obj, Literal):
                continue
            if obj not in seen and obj not in stop:
                seen.add(obj)
                todo.append(obj)
    return base


def reasoning_base() -> Graph:
    """A copy of the graph every run starts from: the ontology and the continuum."""
    from peergraph.graph import copy_graph

    return copy_graph(_base())


# ---------------------------------------------------------------------------------------------
# Building the report


def build_report(graph: Graph, *, scope: str = "ontology and continuum") -> ReasoningReport:
    """Reason over ``graph`` (which must hold the ontology) and classify every peer
    involvement role in it."""
    run, java = _run(graph, scope=scope, site=None, files=(), roles=None)
    return ReasoningReport(runs=[run], java=java)


def build_site_report(paths: Sequence[str | os.PathLike[str]]) -> ReasoningReport:
    """One HermiT run per site found in ``paths`` (files, folders or site forms), each over the
    ontology, the continuum and that site, classifying the site's local roles."""
    from rdflib import RDF, URIRef

    from peergraph.terms import label
    from peergraph.validation.sites import read_input, split_sites

    data = read_input(list(paths))
    sites, _unattached = split_sites(data)
    runs: list[ReasoningRun] = []
    java = ""
    for site in sites:
        graph = reasoning_base()
        graph += site.own
        local = sorted(
            {
                r
                for r in site.own.subjects(RDF.type, URIRef(PG + "LocalRole"))
                if isinstance(r, URIRef)
            },
            key=str,
        )
        try:
            run, java = _run(
                graph,
                scope=label(site.own, site.site),
                site=str(site.site),
                files=site.files,
                roles=local,
            )
        except _unsupported_error() as exc:
            raise _located(exc, site.files, data.files) from exc
        runs.append(run)
    return ReasoningReport(runs=runs, java=java)


def _unsupported_error() -> type[Exception]:
    from peergraph.reasoning import UnsupportedDatatypeError

    return UnsupportedDatatypeError


def _located(
    exc: Exception, site_files: Iterable[str], files: Iterable[tuple[Path, Graph]]
) -> Exception:
    """The unsupported-datatype error, with the file and line of the first literal that has it."""
    from peergraph.errors import InputError
    from peergraph.reasoning import UnsupportedDatatypeError

    assert isinstance(exc, UnsupportedDatatypeError)
    wanted = {str(f) for f in site_files}
    for path, graph in files:
        if str(path) not in wanted:
            continue
        if not any(str(getattr(o, "datatype", "")) == exc.datatype for o in graph.objects()):
            continue
        line = None
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        local = re.escape(exc.datatype.rsplit("#", 1)[-1])
        pattern = re.compile(rf"\^\^(<{re.escape(exc.datatype)}>|[A-Za-z][\w-]*:{local}\b)")
        if (match := pattern.search(text)) is not None:
            line = text.count("\n", 0, match.start()) + 1
        return InputError(exc.message, path=path, line=line, hint=exc.hint)
    return exc


def _run(
    graph: Graph,
    *,
    scope: str,
    site: str | None,
    files: tuple[str, ...],
    roles: list[URIRef] | None,
) -> tuple[ReasoningRun, str]:
    from rdflib import OWL, RDF, URIRef

    from peergraph.reasoning import reason

    query = DefinitionQuery(graph)
    asked = graph + query.closure(graph) + query.query_classes()
    result = reason(asked)
    individuals = {s for s in graph.subjects(RDF.type, OWL.NamedIndividual)} | {
        s
        for s, o in graph.subject_objects(RDF.type)
        if isinstance(s, URIRef) and str(o).startswith(PG)
    }
    classified: list[Classification] = []
    if result.consistent:
        if roles is None:
            roles = sorted(
                URIRef(iri)
                for iri, types in result.inferred_types.items()
                if PG + "PeerInvolvementRole" in types
            )
        classified = [_classify(graph, query, result, role) for role in roles]
    run = ReasoningRun(
        scope=scope,
        site=site,
        files=files,
        consistent=result.consistent,
        seconds=result.seconds,
        triples=len(graph),
        individuals=len(individuals),
        roles=classified,
    )
    return run, result.java


# ---------------------------------------------------------------------------------------------
# One role


def _label(graph: Graph, node: Node | None) -> str:
    from rdflib import RDFS, URIRef

    value = graph.value(node, RDFS.label)
    if value is not None:
        return str(value)
    if node is None:
        return ""
    return short_form(node) if isinstance(node, URIRef) else str(node)


def _classify(
    graph: Graph, query: DefinitionQuery, result: ReasoningResult, role: URIRef
) -> Classification:
    from rdflib import OWL, URIRef

    types = result.inferred_types.get(str(role), set())
    elements: dict[str, ElementVerdict] = {}
    for element, cls in ELEMENTS:
        verdicts = [
            _condition(graph, query, result, role, URIRef(cls), condition)
            for condition in query.conditions[element]
        ]
        if cls in types:
            state = MET
        elif any(v.verdict == CONTRADICTED for v in verdicts):
            state = CONTRADICTED
        else:
            state = NOT_SHOWN
        elements[element] = ElementVerdict(element, state, verdicts)

    mentoring = PG + "PeerMentoringRole"
    excluding = sorted(
        str(other)
        for a, b in (
            *((mentoring, o) for o in graph.objects(URIRef(mentoring), OWL.disjointWith)),
            *((s, mentoring) for s in graph.subjects(OWL.disjointWith, URIRef(mentoring))),
        )
        for other in (b if str(a) == mentoring else a,)
        if str(other) in types
    )
    ruled_out = [e for e, v in elements.items() if v.verdict == CONTRADICTED]
    unshown = [e for e, v in elements.items() if v.verdict == NOT_SHOWN]
    if mentoring in types:
        verdict, why = PEER_MENTORING, "HermiT classifies it under D-a, D-b and D-c"
    elif ruled_out or excluding:
        verdict = NOT_PEER_MENTORING
        reasons = [f"what is recorded rules out {_and(ruled_out)}"] if ruled_out else []
        reasons += [
            f"it is a {_label(graph, URIRef(c))}, which the ontology declares disjoint with "
            "peer mentoring"
            for c in excluding
        ]
        why = "; ".join(reasons)
    else:
        verdict = NOT_SHOWN_ROLE
        why = f"nothing recorded rules it in or out under {_and(unshown)}"

    continuum = graph.value(role, URIRef(PG + "continuumRole"))
    return Classification(
        iri=str(role),
        label=_label(graph, role),
        peer_mentoring=mentoring in types,
        peer_support=PG + "PeerSupportRole" in types,
        elements_met=[e for e, v in elements.items() if v.verdict == MET],
        missing={
            e: [c.why for c in v.conditions if c.verdict != MET]
            for e, v in elements.items()
            if v.verdict != MET
        },
        verdict=verdict,
        why=why,
        elements=elements,
        continuum_role=short_form(continuum) if continuum is not None else None,
        continuum_label=_label(graph, continuum) if continuum is not None else None,
    )


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _condition(
    graph: Graph,
    query: DefinitionQuery,
    result: ReasoningResult,
    role: URIRef,
    element_class: URIRef,
    condition: Condition,
) -> ConditionVerdict:
    from rdflib import OWL, RDF

    types = result.inferred_types.get(str(role), set())
    verdict = query.judge(condition, types)
    if condition.kind == "class":
        needs = f"a {_label(graph, condition.filler)}"
        return ConditionVerdict(
            prop=short_form(condition.filler),
            needs=needs,
            verdict=verdict,
            recorded=[],
            read_as_complete=False,
            why=f"needs to be {needs}" + ("" if verdict == MET else ": not shown"),
            about_class=True,
        )
    assert condition.prop is not None
    prop = condition.prop
    name = _label(graph, prop)
    if condition.kind == "value":
        needs = _label(graph, condition.value)
    else:
        needs = f"an {_label(graph, condition.filler)}"
    values, bears = query.recorded(graph, role, prop)
    recorded = sorted(_describe(graph, query, condition, v) for v in values)
    if condition.kind == "some" and bears and not values:
        # A training is recorded (the first link of a chain into the property), leading to no
        # qualification: say so, with what the training itself records.
        for chain in query.chains(prop):
            recorded += sorted(
                f"{_describe(graph, query, condition, first)}, leading to no qualification"
                for first in graph.objects(role, chain[0])
            )
    functional = (prop, RDF.type, OWL.FunctionalProperty) in graph
    reading = (
        verdict == CONTRADICTED
        and not functional
        and query.rests_on_reading(element_class, condition)
    )
    said = "; ".join(recorded)
    if verdict == MET:
        why = f"{name}: needs {needs}; recorded: {said}" if said else f"{name}: {needs}"
    elif verdict == CONTRADICTED:
        why = f"{name}: needs {needs}; ruled out by what is recorded: {said or 'none'}"
        if reading:
            why += " (these records read as complete: the project's reading, pg:readAsComplete)"
    elif not recorded:
        why = f"{name}: needs {needs}; nothing recorded"
    else:
        why = f"{name}: needs {needs}; recorded: {said}, which neither shows nor rules it out"
    return ConditionVerdict(
        prop=short_form(prop),
        needs=needs,
        verdict=verdict,
        recorded=recorded,
        read_as_complete=reading,
        why=why,
    )


def _describe(graph: Graph, query: DefinitionQuery, condition: Condition, value: Node) -> str:
    """A recorded value in words; for a value a "some" condition asks of a class (a
    qualification), with what is recorded of that class's own conditions on it."""
    from rdflib import URIRef

    text = _label(graph, value)
    if condition.kind != "some" or condition.filler is None:
        return text
    parts = []
    for inner in query.conditions_of_class(URIRef(condition.filler)):
        if inner.kind != "value" or inner.prop is None:
            continue
        found = sorted(_label(graph, o) for o in graph.objects(value, inner.prop))
        parts.append(f"{_label(graph, inner.prop)}: {', '.join(found) or 'not recorded'}")
    return f"{text} ({'; '.join(parts)})" if parts else text
