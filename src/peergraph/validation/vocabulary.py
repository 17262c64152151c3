"""The known term nearest to an unknown one: "did you mean pg:externallyAccredited?".

The data-quality shapes (shapes/data-quality.ttl) find the terms a site graph uses that peergraph
does not know, in SPARQL; what SPARQL cannot do is rank spellings. This module does, over the
very graph the shapes ran on (the reference graph, which holds the ontology, merged with the
site), so the known terms are the ontology's and the data's own: nothing is listed here.

A term is matched by its local name (what follows the last ``#`` or ``/``), ignoring case, against
the known terms of the same kind: classes for a type, properties for a predicate, and for a value
the members of the property's range (else every named individual). The same namespace is
preferred; an IRI in a namespace that is almost peergraph's (``http://`` for ``https://``) finds
the term of the same name in peergraph's. ``line_of_term`` finds where a file writes a term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from peergraph.rdfio import line_of
from peergraph.terms import nearest, short_form
from peergraph.vocab import BASE

if TYPE_CHECKING:
    from rdflib import Graph, URIRef
    from rdflib.term import Node

__all__ = ["did_you_mean", "iri_forms", "line_of_term", "local_name", "nearest_term"]

_LOCAL = re.compile(r"[^#/]*$")


def local_name(iri: str) -> str:
    """What follows the last ``#`` or ``/`` of ``iri``."""
    match = _LOCAL.search(iri)
    return match.group(0) if match else iri


def _namespace(iri: str) -> str:
    return iri[: len(iri) - len(local_name(iri))]


def _peergraph(terms: Iterable[Node]) -> list[URIRef]:
    from rdflib import URIRef

    return sorted({t for t in terms if isinstance(t, URIRef) and str(t).startswith(BASE)})


def _candidates(graph: Graph, term: URIRef, focus: Node | None) -> list[URIRef]:
    """The known terms ``term`` may have been meant as, by how the graph uses it."""
    from rdflib import OWL, RDF, RDFS

    if (None, RDF.type, term) in graph:
        kinds: tuple[Node, ...] = (OWL.Class, RDFS.Class)
    elif (None, term, None) in graph:
        kinds = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
    else:
        # A value: the members of the range of the property that gives it, where there are any.
        properties = graph.predicates(focus, term) if focus is not None else ()
        for prop in properties:
            for cls in graph.objects(prop, RDFS.range):
                members = _peergraph(
                    member
                    for sub in graph.transitive_subjects(RDFS.subClassOf, cls)
                    for member in graph.subjects(RDF.type, sub)
                )
                if members:
                    return members
        declared = (OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        not_individuals = {s for kind in declared for s in graph.subjects(RDF.type, kind)}
        return [t for t in _peergraph(graph.subjects(RDF.type, None)) if t not in not_individuals]
    return _peergraph(s for kind in kinds for s in graph.subjects(RDF.type, kind))


def nearest_term(graph: Graph, term: Node | None, focus: Node | None = None) -> URIRef | None:
    """The known term of ``graph`` nearest to ``term``, or ``None`` when ``term`` is known
    itself (it has a type), is not an IRI, or nothing is close enough. ``focus`` is the node
    that uses ``term`` as a value, if it is one (its property's range narrows the search)."""
    from rdflib import RDF, URIRef

    if not isinstance(term, URIRef) or (term, RDF.type, None) in graph:
        return None
    known = [t for t in _candidates(graph, term, focus) if t != term]
    if not known:
        return None
    namespace = _namespace(str(term))
    # Same namespace first, then the rest in IRI order: the first of equals wins.
    known.sort(key=lambda t: (_namespace(str(t)) != namespace, str(t)))
    wanted = local_name(str(term)).lower()
    names = [local_name(str(t)).lower() for t in known]
    if wanted in names:
        return known[names.index(wanted)]
    close = nearest(wanted, names)
    return known[names.index(close)] if close else None


def did_you_mean(graph: Graph, term: Node | None, focus: Node | None = None) -> str:
    """``" (did you mean pg:externallyAccredited?)"``, or ``""`` when there is nothing to
    suggest (see ``nearest_term``)."""
    nearest = nearest_term(graph, term, focus)
    return f" (did you mean {short_form(nearest)}?)" if nearest is not None else ""


def iri_forms(graph: Graph, iri: URIRef) -> Iterator[str]:
    """The ways a file parsed as ``graph`` may write ``iri``: by a prefix it binds, in angle
    brackets, quoted (JSON-LD)."""
    try:
        qname = graph.namespace_manager.normalizeUri(iri)
    except Exception:
        qname = ""
    if qname and not qname.startswith("<"):
        yield qname
    yield f"<{iri}>"
    yield f'"{iri}"'


def line_of_term(path: Path, graph: Graph, term: URIRef) -> int | None:
    """The first line of the file ``path`` (parsed as ``graph``) that writes ``term``, or
    ``None`` when it cannot be read or found."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return line_of(text, list(iri_forms(graph, term)))
