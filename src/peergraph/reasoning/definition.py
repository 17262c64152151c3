"""The definition of the peer mentor in prison, as HermiT is asked about it, role by role.

Everything here is read off the ontology, never restated: the conditions of each element are
the operands of ``pg:MeetsElementA/B/C``'s ``owl:intersectionOf``, the records to read as
complete are the values of ``pg:readAsComplete`` on those classes (and on the classes their
conditions name), and the routes into a property are its ``owl:propertyChainAxiom``.

For each role and condition HermiT gives one of three answers, and they are different answers:

- **met**: the graph entails the condition (a query class equivalent to it);
- **contradicted**: the graph entails its negation (a query class ``role ⊓ ¬condition``). For a
  functional property (``pg:payment``) that is the open world's own answer; for the properties
  the ontology marks ``pg:readAsComplete`` it rests on reading the recorded values as all the
  values (closure axioms added for the run, the project's reading), and the verdict says so;
- **not shown**: neither; nothing recorded, or nothing that decides it.

The query classes are conjoined with ``pg:PeerInvolvementRole``: a bare complement would make
HermiT classify against everything else in the ontology and take minutes instead of seconds.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from peergraph.vocab import NAMESPACES

if TYPE_CHECKING:
    from rdflib import Graph, URIRef
    from rdflib.term import Node

__all__ = [
    "ELEMENTS",
    "MET",
    "CONTRADICTED",
    "NOT_SHOWN",
    "Condition",
    "DefinitionQuery",
]

PG = NAMESPACES["pg"]
_OWL = NAMESPACES["owl"]
# Query classes live under a host that cannot resolve: they are questions put to HermiT for
# one run, not terms of the ontology, and never leave this module.
_QUERY = "http://peergraph.invalid/definition-query#"

# The definition's elements and the OWL classes that define them (pg:PeerMentoringRole is their
# intersection in ontology/peergraph.ttl).
ELEMENTS = (
    ("D-a", PG + "MeetsElementA"),
    ("D-b", PG + "MeetsElementB"),
    ("D-c", PG + "MeetsElementC"),
)

MET = "met"
CONTRADICTED = "contradicted"
NOT_SHOWN = "not shown"


@dataclass(frozen=True)
class Condition:
    """One operand of an element class's definition.

    ``kind`` is ``"value"`` (owl:hasValue), ``"some"`` (owl:someValuesFrom) or ``"class"`` (a
    named class operand, such as pg:PeerInvolvementRole)."""

    element: str
    index: int
    kind: str
    node: Node  # the restriction (or the named class) in the ontology graph
    prop: URIRef | None = None
    value: Node | None = None  # the owl:hasValue
    filler: URIRef | None = None  # the owl:someValuesFrom class, or the named class

    @property
    def met_class(self) -> str:
        return f"{_QUERY}{self.element}-{self.index}"

    @property
    def contradicted_class(self) -> str:
        return f"{_QUERY}{self.element}-{self.index}-ruled-out"


def conditions_of(graph: Graph, cls: Node, element: str = "") -> list[Condition]:
    """The operands of ``cls``'s ``owl:equivalentClass`` intersection, in order."""
    from rdflib import OWL, URIRef
    from rdflib.collection import Collection

    found: list[Condition] = []
    for definition in graph.objects(cls, OWL.equivalentClass):
        operands = graph.value(definition, OWL.intersectionOf)
        if operands is None:
            continue
        for index, operand in enumerate(Collection(graph, operands)):
            prop = graph.value(operand, OWL.onProperty)
            if prop is None:
                if isinstance(operand, URIRef):
                    found.append(Condition(element, index, "class", operand, filler=operand))
            elif (value := graph.value(operand, OWL.hasValue)) is not None:
                found.append(Condition(element, index, "value", operand, URIRef(str(prop)), value))
            elif (filler := graph.value(operand, OWL.someValuesFrom)) is not None:
                found.append(
                    Condition(
                        element,
                        index,
                        "some",
                        operand,
                        URIRef(str(prop)),
                        filler=URIRef(str(filler)),
                    )
                )
    return found


class DefinitionQuery:
    """The definition's conditions in one graph, the closure and query classes that ask HermiT
    about them, and how to read HermiT's answer for a role."""

    def __init__(self, ontology: Graph) -> None:
        from rdflib import URIRef

        self.ontology = ontology
        self.conditions: dict[str, list[Condition]] = {
            element: conditions_of(ontology, URIRef(cls), element) for element, cls in ELEMENTS
        }
        # The classes whose conditions a role is judged on: the elements and the classes their
        # conditions ask for (an accredited, independently delivered mentoring qualification).
        judged = [URIRef(cls) for _, cls in ELEMENTS]
        judged += [
            c.filler
            for conds in self.conditions.values()
            for c in conds
            if c.kind == "some" and c.filler is not None
        ]
        self._inner: dict[URIRef, list[Condition]] = {}
        self.complete: dict[URIRef, set[URIRef]] = {}  # class -> properties read as complete
        for cls in judged:
            for prop in ontology.objects(cls, URIRef(PG + "readAsComplete")):
                self.complete.setdefault(cls, set()).add(URIRef(str(prop)))

    def conditions_of_class(self, cls: URIRef) -> list[Condition]:
        """The conditions of a class a condition asks for (as a qualification's)."""
        if cls not in self._inner:
            self._inner[cls] = conditions_of(self.ontology, cls)
        return self._inner[cls]

    def read_as_complete(self) -> set[URIRef]:
        return {prop for props in self.complete.values() for prop in props}

    def chains(self, prop: URIRef) -> list[list[URIRef]]:
        """The property chains declared sub-properties of ``prop``."""
        from rdflib import OWL, URIRef
        from rdflib.collection import Collection

        return [
            [URIRef(str(p)) for p in Collection(self.ontology, chain)]
            for chain in self.ontology.objects(prop, OWL.propertyChainAxiom)
        ]

    def recorded(self, graph: Graph, subject: Node, prop: URIRef) -> tuple[set[Node], bool]:
        """The values ``graph`` records for ``subject``'s ``prop``, directly or through a chain
        into it, and whether anything bears on it at all (a value, or the first link of a
        chain: a role's training is a record of its qualifications, even one leading to none)."""
        values = set(graph.objects(subject, prop))
        bears = bool(values)
        for chain in self.chains(prop):
            frontier: set[Node] = {subject}
            for step, link in enumerate(chain):
                frontier = {o for s in frontier for o in graph.objects(s, link)}
                if step == 0 and frontier:
                    bears = True
            values |= frontier
        return values, bears

    # -- what is added to the graph for the run ------------------------------------------------

    def closure(self, graph: Graph) -> Graph:
        """For each property read as complete and each node of ``graph`` that records it, the
        axiom that its recorded values are all its values (``owl:allValuesFrom`` a
        ``owl:oneOf``, or ``owl:Nothing`` for a training that leads to no qualification)."""
        from rdflib import OWL, RDF, BNode, Graph, URIRef
        from rdflib.collection import Collection

        added = Graph()
        for prop in sorted(self.read_as_complete()):
            firsts = {prop} | {chain[0] for chain in self.chains(prop)}
            subjects = {s for p in firsts for s in graph.subjects(p, None)}
            for subject in sorted(s for s in subjects if isinstance(s, URIRef)):
                values, bears = self.recorded(graph, subject, prop)
                if not bears or not all(isinstance(v, URIRef) for v in values):
                    continue
                restriction = BNode()
                added.add((restriction, RDF.type, OWL.Restriction))
                added.add((restriction, OWL.onProperty, prop))
                if values:
                    nominal, members = BNode(), BNode()
                    added.add((nominal, RDF.type, OWL.Class))
                    Collection(added, members, sorted(values, key=str))
                    added.add((nominal, OWL.oneOf, members))
                    added.add((restriction, OWL.allValuesFrom, nominal))
                else:
                    added.add((restriction, OWL.allValuesFrom, OWL.Nothing))
                added.add((subject, RDF.type, restriction))
        return added

    def query_classes(self) -> Graph:
        """A named class per condition equivalent to it, and one equivalent to a peer
        involvement role that does not meet it."""
        from rdflib import OWL, RDF, BNode, Graph, URIRef
        from rdflib.collection import Collection

        added = Graph()
        for condition in self._asked():
            met = URIRef(condition.met_class)
            added.add((met, RDF.type, OWL.Class))
            added.add((met, OWL.equivalentClass, condition.node))
            complement, both, operands = BNode(), BNode(), BNode()
            added.add((complement, RDF.type, OWL.Class))
            added.add((complement, OWL.complementOf, condition.node))
            Collection(added, operands, [URIRef(PG + "PeerInvolvementRole"), complement])
            added.add((both, RDF.type, OWL.Class))
            added.add((both, OWL.intersectionOf, operands))
            ruled_out = URIRef(condition.contradicted_class)
            added.add((ruled_out, RDF.type, OWL.Class))
            added.add((ruled_out, OWL.equivalentClass, both))
        return added

    def _asked(self) -> Iterator[Condition]:
        for conditions in self.conditions.values():
            yield from (c for c in conditions if c.kind != "class")

    def is_query_class(self, iri: str) -> bool:
        return iri.startswith(_QUERY)

    # -- reading the answer -----------------------------------------------------------------

    def judge(self, condition: Condition, types: Iterable[str]) -> str:
        names = set(types)
        if condition.kind == "class":
            return MET if str(condition.filler) in names else NOT_SHOWN
        if condition.met_class in names:
            return MET
        if condition.contradicted_class in names:
            return CONTRADICTED
        return NOT_SHOWN

    def rests_on_reading(self, element_class: URIRef, condition: Condition) -> bool:
        """Whether ruling ``condition`` out can rest on reading records as complete: its
        property, or a property of the class it asks for, is marked pg:readAsComplete."""
        if condition.prop in self.complete.get(element_class, set()):
            return True
        return condition.filler is not None and bool(self.complete.get(condition.filler))
