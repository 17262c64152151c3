"""``peergraph reason``: HermiT over the ontology and reference data, and what it concludes.

Beyond consistency, the report answers CQ3 from the reasoner: which roles are classified as peer
mentoring roles, and for every other role, which of the definition's elements (D-a, D-b, D-c) it
misses and why. The "why" is read off the OWL definitions themselves (the restrictions of
``pg:MeetsElementA/B/C``), so it cannot drift from the ontology.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from peergraph.terms import short_form
from peergraph.vocab import NAMESPACES

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

    from peergraph.reasoning import ReasoningResult

__all__ = ["Classification", "ReasoningReport", "build_report"]

PG = NAMESPACES["pg"]
# The definition's elements and the OWL classes that define them (pg:PeerMentoringRole is their
# intersection in ontology/peergraph.ttl).
ELEMENTS = (
    ("D-a", PG + "MeetsElementA"),
    ("D-b", PG + "MeetsElementB"),
    ("D-c", PG + "MeetsElementC"),
)


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


@dataclass
class ReasoningReport:
    consistent: bool
    seconds: float
    java: str
    triples: int
    individuals: int
    roles: list[Classification]

    def to_json(self) -> dict[str, Any]:
        return {
            "reasoner": "HermiT (owlready2)",
            "consistent": self.consistent,
            "seconds": round(self.seconds, 3),
            "triples": self.triples,
            "individuals": self.individuals,
            "roles": [
                {
                    "iri": r.iri,
                    "label": r.label,
                    "peerMentoring": r.peer_mentoring,
                    "peerSupport": r.peer_support,
                    "elementsMet": r.elements_met,
                    "missing": r.missing,
                }
                for r in self.roles
            ],
        }

    def to_text(self) -> str:
        from rdflib import URIRef

        lines = [
            f"HermiT (owlready2): {'consistent' if self.consistent else 'INCONSISTENT'} "
            f"({self.triples} triples, {self.individuals} individuals, {self.seconds:.1f} s)"
        ]
        if not self.consistent:
            lines.append(
                "The graph contradicts itself: no classification can be trusted. "
                "Look for an individual in two disjoint classes or a functional property "
                "with two different values."
            )
            return "\n".join(lines) + "\n"
        mentoring = [r for r in self.roles if r.peer_mentoring]
        others = [r for r in self.roles if not r.peer_mentoring]
        lines.append("")
        lines.append("Peer mentoring roles (meet D-a, D-b and D-c):")
        lines.extend(f"  {short_form(URIRef(r.iri))}  {r.label}" for r in mentoring)
        if not mentoring:
            lines.append("  (none)")
        lines.append("")
        lines.append(
            "Roles not classified as peer mentoring (what each element lacks in the graph):"
        )
        for r in others:
            support = ", peer support" if r.peer_support else ""
            lines.append(f"  {short_form(URIRef(r.iri))}  {r.label}{support}")
            for element, reasons in r.missing.items():
                lines.append(f"    {element}: " + "; ".join(reasons))
        return "\n".join(lines) + "\n"


def _label(graph: Graph, node: Node | None) -> str:
    from rdflib import RDFS, URIRef

    value = graph.value(node, RDFS.label)
    if value is not None:
        return str(value)
    if node is None:
        return ""
    return short_form(node) if isinstance(node, URIRef) else str(node)


def _conditions(
    graph: Graph, element_class: str
) -> list[tuple[str, Node, Node | None, Node | None]]:
    """The restrictions of an element class's definition, as (kind, property, value, class):
    kind "value" for owl:hasValue, "some" for owl:someValuesFrom, "class" for a named operand."""
    from rdflib import OWL, URIRef
    from rdflib.collection import Collection

    out: list[tuple[str, Node, Node | None, Node | None]] = []
    for definition in graph.objects(URIRef(element_class), OWL.equivalentClass):
        operands = graph.value(definition, OWL.intersectionOf)
        if operands is None:
            continue
        for operand in Collection(graph, operands):
            prop = graph.value(operand, OWL.onProperty)
            if prop is None:
                out.append(("class", operand, None, operand))
            elif (value := graph.value(operand, OWL.hasValue)) is not None:
                out.append(("value", prop, value, None))
            elif (filler := graph.value(operand, OWL.someValuesFrom)) is not None:
                out.append(("some", prop, None, filler))
    return out


def _unmet(graph: Graph, result: ReasoningResult, role: Node, element_class: str) -> list[str]:
    """The conditions of ``element_class`` that ``role`` does not satisfy, in words."""
    reasons: list[str] = []
    types = result.inferred_types
    for kind, prop, value, cls in _conditions(graph, element_class):
        if kind == "class":
            if str(cls) not in types.get(str(role), set()):
                reasons.append(f"needs to be a {_label(graph, cls)}")
        elif kind == "value":
            if (role, prop, value) not in graph:
                actual = sorted(_label(graph, o) for o in graph.objects(role, prop))
                has = f"has {', '.join(actual)}" if actual else "nothing recorded"
                reasons.append(f"{_label(graph, prop)}: needs {_label(graph, value)}, {has}")
        else:
            fillers = [o for o in graph.objects(role, prop) if str(cls) in types.get(str(o), set())]
            if not fillers:
                reasons.append(
                    f"{_label(graph, prop)}: needs an {_label(graph, cls)}, none recorded"
                )
    return reasons


def build_report(graph: Graph) -> ReasoningReport:
    """Reason over ``graph`` and classify every peer involvement role in it."""
    from rdflib import OWL, RDF, URIRef

    from peergraph.reasoning import reason

    result = reason(graph)
    individuals = {s for s in graph.subjects(RDF.type, OWL.NamedIndividual)} | {
        s
        for s, o in graph.subject_objects(RDF.type)
        if isinstance(s, URIRef) and str(o).startswith(PG)
    }
    roles: list[Classification] = []
    if result.consistent:
        role_iris = sorted(
            iri
            for iri, types in result.inferred_types.items()
            if PG + "PeerInvolvementRole" in types
        )
        for iri in role_iris:
            node = URIRef(iri)
            types = result.inferred_types[iri]
            met = [element for element, cls in ELEMENTS if cls in types]
            missing = {
                element: _unmet(graph, result, node, cls)
                for element, cls in ELEMENTS
                if cls not in types
            }
            roles.append(
                Classification(
                    iri=iri,
                    label=_label(graph, node),
                    peer_mentoring=PG + "PeerMentoringRole" in types,
                    peer_support=PG + "PeerSupportRole" in types,
                    elements_met=met,
                    missing=missing,
                )
            )
    return ReasoningReport(
        consistent=result.consistent,
        seconds=result.seconds,
        java=result.java,
        triples=len(graph),
        individuals=len(individuals),
        roles=roles,
    )
