"""Terms as people read and type them: short forms, labels, and typed names resolved to IRIs.

One resolver serves every command: a role, a site or a recommendation may be given as a slug
(``peer-mentor``), a prefixed name of the project's prefixes (``role:peer-mentor``), a full IRI
or an IRI in angle brackets; a name that is not in the graph gets one error, with the nearest
known name ("did you mean 'listener'?") and the known ones.

rdflib is imported inside the functions, so importing this module costs nothing.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from peergraph.errors import InputError
from peergraph.vocab import NAMESPACES

if TYPE_CHECKING:
    from rdflib import Graph, URIRef
    from rdflib.term import Node

__all__ = [
    "ENTITY",
    "RECOMMENDATION",
    "ROLE",
    "SITE",
    "NameKind",
    "expand",
    "known_names",
    "label",
    "nearest",
    "resolve",
    "short_form",
    "slug",
]

_PG = NAMESPACES["pg"]
_ROLE = NAMESPACES["role"]
_SITE = NAMESPACES["site"]
_STUDY = NAMESPACES["study"]

# IRIREF characters (SPARQL 1.1 grammar, [139]): anything else could break out of <...>.
IRI_OK = re.compile(r'^[^<>"{}|^`\\\x00-\x20]+$')
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_PREFIXED = re.compile(r"^(?P<prefix>[A-Za-z][A-Za-z0-9_-]*)?:(?P<local>[^\s<>\"{}|^`\\]*)$")
_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class NameKind:
    """A kind of thing people name on the command line: where its slugs live, and which
    classes its known members are instances of (directly or through rdfs:subClassOf)."""

    what: str  # "role", in messages
    namespaces: tuple[str, ...]  # where a bare slug is looked for, in order
    classes: tuple[str, ...]  # its members are instances of these


ROLE = NameKind("role", (_ROLE,), (_PG + "ContinuumRole",))
SITE = NameKind("site", (_SITE,), (_PG + "Prison",))
ENTITY = NameKind(
    "role or site",
    (_ROLE, _SITE),
    (_PG + "ContinuumRole", _PG + "Prison", _PG + "CFOWing", _PG + "LocalRole"),
)
RECOMMENDATION = NameKind("recommendation", (_STUDY,), (_PG + "Recommendation",))


def short_form(term: Node | None) -> str:
    """A term as a person reads it: ``role:peer-mentor``, the literal's text, ``""`` if unbound."""
    from rdflib import BNode, URIRef

    if term is None:
        return ""
    if isinstance(term, URIRef):
        iri = str(term)
        best = max(
            ((p, ns) for p, ns in NAMESPACES.items() if iri.startswith(ns)),
            key=lambda item: len(item[1]),
            default=None,
        )
        if best is not None and _PREFIXED.match(f"{best[0]}:{iri[len(best[1]) :]}"):
            return f"{best[0]}:{iri[len(best[1]) :]}"
        return f"<{iri}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    return str(term)


def slug(iri: str) -> str:
    """``role:peer-mentor``'s slug is ``peer-mentor`` (likewise sites); other IRIs stay whole."""
    for namespace in (_ROLE, _SITE):
        if iri.startswith(namespace):
            return iri[len(namespace) :]
    return iri


def label(graph: Graph, node: Node | None) -> str:
    """The label a report shows for ``node``: rdfs:label, else skos:prefLabel, else the IRI
    (or the text of a literal or blank node)."""
    from rdflib.namespace import RDFS, SKOS

    if node is None:
        return ""
    value = graph.value(node, RDFS.label)
    if value is None:
        value = graph.value(node, SKOS.prefLabel)
    if value is not None:
        return str(value)
    return str(node)


def expand(text: str, what: str = "value") -> URIRef:
    """The IRI that ``text`` writes: ``<iri>``, a full IRI, ``urn:...`` or a prefixed name of
    the project's prefixes. Raises ``InputError`` for an unknown prefix or an invalid IRI."""
    from rdflib import URIRef

    value = text.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    prefixed = _PREFIXED.match(value)
    namespaces = NAMESPACES
    if prefixed and "://" not in value and (prefixed["prefix"] or "") in namespaces:
        iri = namespaces[prefixed["prefix"]] + prefixed["local"]
    elif (_ABSOLUTE.match(value) and "://" in value) or value.startswith("urn:"):
        iri = value
    elif prefixed and "://" not in value:
        raise InputError(
            f"{what}: unknown prefix {prefixed['prefix']!r} in {text!r}",
            hint=f"use one of the prefixes {', '.join(sorted(namespaces))}, or a full IRI",
        )
    else:
        raise InputError(
            f"{what}: {text!r} is not valid",
            hint="give a prefixed name (role:peer-mentor) or a full IRI",
        )
    if not IRI_OK.match(iri):
        raise InputError(
            f"{what}: {text!r} is not a valid IRI",
            hint='IRIs cannot hold spaces or any of <>"{}|^`\\',
        )
    return URIRef(iri)


def candidates(text: str, kind: NameKind, what: str | None = None) -> list[URIRef]:
    """The IRIs ``text`` may name, in the order to try them: one for an IRI or a prefixed
    name, one per namespace of ``kind`` for a bare slug."""
    from rdflib import URIRef

    value = text.strip()
    if _SLUG.match(value) and ":" not in value:
        return [URIRef(namespace + value) for namespace in kind.namespaces]
    return [expand(value, what or kind.what)]


def known_names(graph: Graph, kind: NameKind) -> set[URIRef]:
    """The IRIs of ``graph`` that are instances of ``kind``'s classes or of their subclasses."""
    from rdflib import RDF, RDFS, URIRef

    known: set[URIRef] = set()
    for cls in kind.classes:
        for sub in graph.transitive_subjects(RDFS.subClassOf, URIRef(cls)):
            known.update(s for s in graph.subjects(RDF.type, sub) if isinstance(s, URIRef))
    return known


def resolve(
    text: str, kind: NameKind, known: Collection[URIRef], *, what: str | None = None
) -> URIRef:
    """The member of ``known`` that ``text`` names (see the module's docstring).

    ``what`` names the argument in the message (``"parameter from"``); the default is the kind.
    Raises ``InputError`` with the nearest known slug when nothing matches.
    """
    for candidate in candidates(text, kind, what):
        if candidate in known:
            return candidate
    raise unknown_name_error(text, kind, known, what=what)


def nearest(word: str, known: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The known spelling nearest to ``word``, or None when none is close enough.

    The one "did you mean ...?" policy of every message (names on the command line, a site
    graph's unknown terms, a form's sheets, columns, keys and choices): case does not count, the
    first of equally close spellings (in ``known``'s order) wins, and ``cutoff`` is difflib's
    similarity ratio below which nothing is suggested."""
    spellings: dict[str, str] = {}
    for spelling in known:
        spellings.setdefault(spelling.lower(), spelling)
    close = difflib.get_close_matches(word.lower(), list(spellings), n=1, cutoff=cutoff)
    return spellings[close[0]] if close else None


def unknown_name_error(
    text: str, kind: NameKind, known: Iterable[URIRef], *, what: str | None = None
) -> InputError:
    """The error for a name that is not in the graph: nearest known slug, then the known ones."""
    slugs = sorted(slug(str(k)) for k in known)
    value = text.strip()
    close = nearest(slug(value), slugs)
    suggestion = f"did you mean {close!r}? " if close else ""
    listed = ", ".join(slugs[:20]) + (", ..." if len(slugs) > 20 else "")
    prefix = f"{what}: " if what else ""
    return InputError(
        f"{prefix}no {kind.what} {value!r} in the graph",
        hint=f"{suggestion}known {kind.what}s: {listed or 'none'}",
    )
