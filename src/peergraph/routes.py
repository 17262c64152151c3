"""Progression routes between continuum roles (CQ5).

A route is a path along ``pg:progressesTo`` edges (derived by the rules in ``queries/rules/``)
on which no step takes on less responsibility: the next role's lowest LC&R is never below the
current role's highest. Routes are simple paths: no role is visited twice.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
from collections import defaultdict
from typing import TYPE_CHECKING

from peergraph.errors import InputError

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

__all__ = ["FORMATS", "find_routes", "render", "resolve_role", "resolve_site", "slug"]

ROLE_NS = "https://w3id.org/peergraph/data/role/"
SITE_NS = "https://w3id.org/peergraph/data/site/"
PG = "https://w3id.org/peergraph/ontology#"
FORMATS = ("text", "json", "csv")


def slug(iri: str) -> str:
    """``role:peer-mentor``'s slug is ``peer-mentor``; other IRIs are returned whole."""
    for ns in (ROLE_NS, SITE_NS):
        if iri.startswith(ns):
            return iri[len(ns) :]
    return iri


def _resolve(graph: Graph, text: str, namespace: str, cls: str, what: str) -> URIRef:
    from rdflib import RDF, RDFS, URIRef

    if text.startswith(("http://", "https://")):
        iri = URIRef(text)
    elif ":" in text:
        prefix, _, local = text.partition(":")
        ns = dict(graph.namespaces()).get(prefix)
        if ns is None:
            raise InputError(
                f"unknown prefix {prefix!r} in {what} {text!r}",
                hint=f"give a slug such as {slug(namespace + 'x')!r} or a full IRI",
            )
        iri = URIRef(str(ns) + local)
    else:
        iri = URIRef(namespace + text)
    known: set[URIRef] = set()
    for sub in graph.transitive_subjects(RDFS.subClassOf, URIRef(cls)):
        known.update(s for s in graph.subjects(RDF.type, sub) if isinstance(s, URIRef))
    if iri in known:
        return iri
    slugs = sorted(slug(str(k)) for k in known)
    close = difflib.get_close_matches(slug(str(iri)), slugs, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise InputError(
        f"unknown {what} {text!r}",
        hint=f"{hint}known {what}s: {', '.join(slugs)}",
    )


def resolve_role(graph: Graph, text: str) -> URIRef:
    """A continuum role from its slug (``peer-mentor``), prefixed name or IRI."""
    return _resolve(graph, text, ROLE_NS, PG + "ContinuumRole", "role")


def resolve_site(graph: Graph, text: str) -> URIRef:
    """A prison from its slug (``hmp-risley``), prefixed name or IRI."""
    return _resolve(graph, text, SITE_NS, PG + "Prison", "site")


def _query(name: str) -> str:
    from peergraph.paths import queries_dir

    return (queries_dir() / "routes" / f"{name}.rq").read_text(encoding="utf-8")


def find_routes(
    graph: Graph,
    start: URIRef,
    end: URIRef | None = None,
    *,
    site: URIRef | None = None,
    max_steps: int = 10,
) -> list[list[str]]:
    """Every route from ``start`` (to ``end``, or to wherever a route can stop), as lists of
    role IRIs, shortest first then alphabetical. With ``site``, every role after the start must
    be one the site offers."""
    allowed: set[str] | None = None
    if site is not None:
        allowed = {
            str(r) for (r,) in graph.query(_query("site-roles"), initBindings={"site": site})
        }
    successors: dict[str, list[str]] = defaultdict(list)
    for source, target, source_max, target_min in graph.query(_query("progression-edges")):
        # Guard the promise of CQ5 even if a rule or a site graph adds a downward edge.
        if int(target_min) < int(source_max):
            continue
        if allowed is not None and str(target) not in allowed:
            continue
        successors[str(source)].append(str(target))

    routes: list[list[str]] = []
    path = [str(start)]

    def walk() -> None:
        here = path[-1]
        if len(path) > 1 and (end is None or here == str(end)):
            routes.append(list(path))
        if len(path) > max_steps or (end is not None and here == str(end)):
            return
        for nxt in sorted(successors.get(here, ())):
            if nxt not in path:
                path.append(nxt)
                walk()
                path.pop()

    walk()
    return sorted(routes, key=lambda r: (len(r), [slug(x) for x in r]))


def render(graph: Graph, routes: list[list[str]], fmt: str) -> str:
    """Routes as text (labels), JSON (a list of routes, each a list of role slugs), or CSV."""
    from rdflib import RDFS, URIRef

    if fmt == "json":
        return json.dumps([[slug(r) for r in route] for route in routes], indent=2) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["route", "step", "role", "label"])
        for number, route in enumerate(routes, start=1):
            for step, role in enumerate(route):
                writer.writerow([number, step, slug(role), graph.value(URIRef(role), RDFS.label)])
        return out.getvalue()
    if fmt == "text":
        if not routes:
            return "No route.\n"
        lines = [
            " -> ".join(f"{graph.value(URIRef(r), RDFS.label)} ({slug(r)})" for r in route)
            for route in routes
        ]
        return "\n".join(lines) + f"\n{len(routes)} route(s).\n"
    raise InputError(f"unknown routes format {fmt!r}", hint=f"choose one of: {', '.join(FORMATS)}")
