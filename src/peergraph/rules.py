"""Derivation rules: SPARQL CONSTRUCT queries under ``queries/rules/`` whose results join the graph.

The source lists no progression edges between roles; they follow from its recommendations
(R3c, R3e) by rules that a reader can open and check. Each rule constructs its facts together
with a ``pg:FactRecord`` (``pg:derived``, ``pg:rule``) saying which rule made them, so derived
facts are never mistaken for what the source states. These rules read the reference data and
run once, on the reference graph (``apply_rules``).

Site rules (``queries/rules/site/``) run on site graphs instead, when site data is loaded
(``apply_site_rules``). ``role-variants`` gives a role named by its variant (Purple Band) its
continuum role as well. ``site-links`` materialises ``pg:siteLink``: what belongs to a site is
declared once, in the ontology, by making each property that links a site (or a part of it) to
another part of its description a sub-property of ``pg:siteLink``; since SPARQL without
inference does not see sub-properties, the rule adds ``?s pg:siteLink ?o`` for each such link,
and queries follow ``pg:siteLink*`` from a prison.
"""

from __future__ import annotations

import functools
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

from peergraph.query.engines import query_graph
from peergraph.vocab import NAMESPACES

if TYPE_CHECKING:
    from rdflib import Graph, URIRef
    from rdflib.plugins.sparql.sparql import Query

__all__ = [
    "HAS_VARIANT",
    "SITE_LINK",
    "apply_rules",
    "apply_site_rules",
    "rule_files",
    "site_link_properties",
    "site_rule_files",
]

SITE_LINK = NAMESPACES["pg"] + "siteLink"
HAS_VARIANT = NAMESPACES["pg"] + "hasVariant"
_SUB_PROPERTY_OF = NAMESPACES["rdfs"] + "subPropertyOf"
_RANGE = NAMESPACES["rdfs"] + "range"


def _rules_dir() -> Path:
    from peergraph.resources import queries_dir

    return queries_dir() / "rules"


def rule_files() -> list[Path]:
    """The rule files for the reference graph (``queries/rules/*.rq``), in a stable order."""
    folder = _rules_dir()
    return sorted(folder.glob("*.rq")) if folder.is_dir() else []


def site_rule_files() -> list[Path]:
    """The rule files for site graphs (``queries/rules/site/*.rq``), in a stable order."""
    folder = _rules_dir() / "site"
    return sorted(folder.glob("*.rq")) if folder.is_dir() else []


def apply_rules(graph: Graph) -> int:
    """Add every rule's conclusions to ``graph`` (in place); returns the number of new triples.

    Rules read only reference facts (the continuum and its records), so one pass is enough: no
    rule's output feeds another rule. They run on the default engine's store (Oxigraph), over a
    copy of the graph: the rules join each edge with the cells and records it rests on, which
    takes rdflib's engine minutes and Oxigraph a fraction of a second.
    """
    from peergraph.query.engines import open_store

    before = len(graph)
    store = open_store()
    store.add_graph(graph)
    derived = [store.query(path.read_text(encoding="utf-8")).constructed() for path in rule_files()]
    for result in derived:
        if result is not None:
            graph += result
    return len(graph) - before


def site_link_properties(graph: Graph) -> frozenset[URIRef]:
    """The properties ``graph`` declares sub-properties of ``pg:siteLink``, directly or through
    another sub-property (``rdfs:subPropertyOf+``); ``pg:siteLink`` itself is not one."""
    from rdflib import URIRef

    site_link = URIRef(SITE_LINK)
    found = graph.transitive_subjects(URIRef(_SUB_PROPERTY_OF), site_link)
    return frozenset(p for p in found if isinstance(p, URIRef) and p != site_link)


@functools.cache
def _prepared(path: Path) -> Query:
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(path.read_text(encoding="utf-8"))


def apply_site_rules(graph: Graph, vocabulary: Graph, only: Collection[str] = ()) -> Graph:
    """Add the site rules' conclusions to the site graph ``graph`` (in place) and return it, so
    that a call can wrap the graph where it is parsed or merged; ``only`` names the rules to run
    (by file stem, such as ``role-variants``), all of them when empty.

    The rules need the ontology's ``rdfs:subPropertyOf`` and ``rdfs:range`` declarations and the
    continuum's ``pg:hasVariant`` links, which a site graph rarely holds: they are read from
    ``vocabulary`` (the reference graph) and from ``graph`` itself (a site may declare its own
    sub-properties), without copying the site's triples. Only triples of ``graph`` are linked:
    run on a site graph, the reference data gets no ``pg:siteLink``.
    """
    from rdflib import Graph as RDFGraph
    from rdflib import URIRef
    from rdflib.graph import ReadOnlyGraphAggregate

    axioms = RDFGraph()
    for predicate in (_SUB_PROPERTY_OF, _RANGE, HAS_VARIANT):
        for triple in vocabulary.triples((None, URIRef(predicate), None)):
            axioms.add(triple)
    # The rules' triple patterns ?s ?p ?o must match the site's triples only: the axioms graph
    # holds nothing whose property is a site link or names a role.
    union = ReadOnlyGraphAggregate([graph, axioms])
    links = site_link_properties(union)
    variants = set(axioms.objects(None, URIRef(HAS_VARIANT)))
    if not any((None, p, None) in graph for p in links) and not any(
        (None, None, v) in graph for v in variants
    ):
        # Nothing to link or to name (a report, shapes...): spare the rules' evaluation.
        return graph
    # rdflib evaluates a CONSTRUCT at roughly 0.3 ms a link: seconds only for graphs with tens
    # of thousands of site links.
    files = [path for path in site_rule_files() if not only or path.stem in only]
    derived = [query_graph(union, _prepared(path)).constructed() for path in files]
    for result in derived:
        if result is not None:
            graph += result
    return graph
