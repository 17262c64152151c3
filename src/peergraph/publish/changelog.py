"""The changes between two releases: terms added, removed and changed, as Markdown.

A *term* is an IRI under ``vocab.BASE`` that a release describes (is the subject of triples):
classes, properties, concepts, shapes, roles, sites, records. A term has changed when its
description differs, blank-node structures (restrictions, property shapes, lists) compared by
their content, never by their labels, and the version stamps of ontology headers left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from peergraph.vocab import BASE, NAMESPACES

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

__all__ = ["Changes", "compare", "markdown"]

_VERSION_STAMPS = {
    NAMESPACES["owl"] + name for name in ("versionIRI", "versionInfo", "priorVersion")
}


@dataclass(frozen=True)
class Changes:
    old_version: str
    new_version: str
    added: list[str]
    removed: list[str]
    # term -> (statements only in the old release, statements only in the new one)
    changed: dict[str, tuple[list[str], list[str]]]


def compare(old: Graph, new: Graph, old_version: str, new_version: str) -> Changes:
    old_terms, new_terms = _descriptions(old), _descriptions(new)
    changed = {}
    for term in sorted(old_terms.keys() & new_terms.keys()):
        before, after = old_terms[term], new_terms[term]
        if before != after:
            changed[term] = (sorted(before - after), sorted(after - before))
    return Changes(
        old_version,
        new_version,
        added=sorted(new_terms.keys() - old_terms.keys()),
        removed=sorted(old_terms.keys() - new_terms.keys()),
        changed=changed,
    )


def _descriptions(graph: Graph) -> dict[str, frozenset[str]]:
    """Each term's statements, written as ``predicate object`` text with prefixes, blank nodes
    written out as their content."""
    from rdflib import URIRef

    described: dict[str, set[str]] = {}
    for subject, predicate, obj in graph:
        if not isinstance(subject, URIRef) or not str(subject).startswith(BASE):
            continue
        if str(predicate) in _VERSION_STAMPS:
            continue
        statement = f"{_short(predicate)} {_content(graph, obj, depth=0)}"
        described.setdefault(str(subject), set()).add(statement)
    return {term: frozenset(statements) for term, statements in described.items()}


def _content(graph: Graph, term: Node, depth: int) -> str:
    from rdflib import BNode

    if not isinstance(term, BNode):
        return _short(term)
    if depth > 8:  # a cycle of blank nodes: rare, and deep enough to tell structures apart
        return "[...]"
    inner = sorted(
        f"{_short(p)} {_content(graph, o, depth + 1)}" for p, o in graph.predicate_objects(term)
    )
    return "[ " + " ; ".join(inner) + " ]"


def _short(term: Node) -> str:
    from rdflib import URIRef

    if isinstance(term, URIRef):
        text = str(term)
        for prefix, namespace in sorted(NAMESPACES.items(), key=lambda item: -len(item[1])):
            if text.startswith(namespace) and text != namespace:
                return f"{prefix}:{text[len(namespace) :]}"
        return f"<{text}>"
    return term.n3()


def markdown(changes: Changes) -> str:
    lines = [
        f"# Changes from {changes.old_version} to {changes.new_version}",
        "",
        "Made by `peergraph export --previous` from the two releases: terms are the IRIs under",
        f"{BASE} that either release describes.",
        "",
        f"## Added ({len(changes.added)})",
        "",
        *[f"- `{_short_iri(term)}`" for term in changes.added],
        "",
        f"## Removed ({len(changes.removed)})",
        "",
        *[f"- `{_short_iri(term)}`" for term in changes.removed],
        "",
        f"## Changed ({len(changes.changed)})",
        "",
    ]
    for term, (gone, new) in changes.changed.items():
        lines.append(f"- `{_short_iri(term)}`")
        lines += [f"  - removed: `{statement}`" for statement in gone]
        lines += [f"  - added: `{statement}`" for statement in new]
    return "\n".join(lines).rstrip("\n") + "\n"


def _short_iri(iri: str) -> str:
    from rdflib import URIRef

    return _short(URIRef(iri))
