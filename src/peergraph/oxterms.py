"""RDF terms between rdflib and pyoxigraph: the one conversion each way.

``pyoxigraph`` is passed in (``ox``) rather than imported here, so that this module costs
nothing to import on the command line's start-up path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rdflib.term import Node

__all__ = ["XSD_STRING", "from_oxigraph", "to_oxigraph"]

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def from_oxigraph(ox: Any, term: Any) -> Node | None:
    """pyoxigraph term -> rdflib term; ``"x"^^xsd:string`` becomes the plain ``"x"`` (one term
    in RDF 1.1) and a blank node keeps its label. ``TypeError`` for a quoted triple (RDF-star),
    which nothing here uses."""
    from rdflib import BNode, Literal, URIRef

    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    raise TypeError(f"unsupported term {term!r}")


def to_oxigraph(ox: Any, term: Any) -> Any:
    """rdflib term -> pyoxigraph term; a blank node keeps its label."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"unsupported term {term!r}")
