"""The requirement catalogue, read from the Turtle: ``shapes/requirements.ttl`` lists the
requirements in report order and what each is checked on; their ids and titles are the study's
own (``data/study.ttl``, ``ontology/peergraph.ttl``). No requirement is named in Python.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from peergraph.errors import InputError

__all__ = ["Requirement", "requirement_ids", "requirements"]


@dataclass(frozen=True)
class Requirement:
    """One requirement the validator checks."""

    id: str  # "R2a", "D-a", "DQ"
    title: str  # the study's label, after "R2a: "
    source: str  # IRI of what it encodes: study:R2a, pg:D-a, ...
    checked_on: frozenset[str]  # classes whose members it is checked on
    definition_element: bool  # one of the peer mentor definition's elements


@functools.lru_cache(maxsize=1)
def requirements() -> tuple[Requirement, ...]:
    """The requirements, in report order (parsed once per process)."""
    from rdflib import RDF, RDFS, URIRef
    from rdflib.collection import Collection
    from rdflib.namespace import SKOS

    from peergraph.graph import load_reference_graph
    from peergraph.pg import PG, PGSH
    from peergraph.validation.shapes import load_shapes_graph

    shapes = load_shapes_graph()
    reference = load_reference_graph()
    lists = list(shapes.objects(None, PGSH.requirements))
    if len(lists) != 1:
        raise InputError(
            f"the shapes hold {len(lists)} requirement catalogues (pgsh:requirements), not one",
            hint="restore shapes/requirements.ttl",
        )
    found: list[Requirement] = []
    for node in Collection(shapes, lists[0]):
        assert isinstance(node, URIRef)

        def value(predicate: URIRef, node: URIRef = node) -> str | None:
            for graph in (reference, shapes):
                v = graph.value(node, predicate)
                if v is not None:
                    return str(v)
            return None

        ident = value(PG.recommendationId) or value(SKOS.notation)
        label = value(RDFS.label)
        if ident is None or label is None:
            raise InputError(
                f"the catalogue lists <{node}>, which has no id or no label in the graph",
                hint="give it pg:recommendationId (or skos:notation) and rdfs:label",
            )
        found.append(
            Requirement(
                id=ident,
                title=label.split(": ", 1)[-1],
                source=str(node),
                checked_on=frozenset(str(c) for c in shapes.objects(node, PGSH.checkedOn)),
                definition_element=(node, RDF.type, PG.DefinitionElement) in reference,
            )
        )
    return tuple(found)


def requirement_ids() -> tuple[str, ...]:
    """``("R2a", ..., "DQ")``, in report order."""
    return tuple(r.id for r in requirements())
