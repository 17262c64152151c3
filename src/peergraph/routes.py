"""Progression routes between continuum roles (CQ5).

A route is a path along ``pg:progressesTo`` edges (derived by the rules in ``queries/rules/``)
on which no step takes on less responsibility: the next role's lowest LC&R is never below the
current role's highest. Routes are simple paths: no role is visited twice.

This module is the one route engine: ``peergraph routes`` calls it, and ``MAX_STEPS`` is the step
limit everything uses by default. The query ``cq05-progression-routes`` answers only which role
can be reached from which (SPARQL gives reachability, not paths); its tests check that its pairs
are exactly the starts and ends of the routes found here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from peergraph import terms
from peergraph.query.engines import query_graph
from peergraph.resources import query_text
from peergraph.terms import slug

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

__all__ = ["MAX_STEPS", "Routes", "find_routes", "resolve_role", "resolve_site"]

# The longest route reported, in steps (moves from one role to the next), unless told otherwise.
MAX_STEPS = 10


@dataclass(frozen=True)
class Routes:
    """Routes found in a graph (lists of role IRIs), with the graph that labels them: what the
    ``routes`` renderers of ``peergraph.render`` take."""

    graph: Graph
    routes: list[list[str]]


def resolve_role(graph: Graph, text: str) -> URIRef:
    """A continuum role from its slug (``peer-mentor``), prefixed name or IRI."""
    return terms.resolve(text, terms.ROLE, terms.known_names(graph, terms.ROLE))


def resolve_site(graph: Graph, text: str) -> URIRef:
    """A prison from its slug (``hmp-risley``), prefixed name or IRI."""
    return terms.resolve(text, terms.SITE, terms.known_names(graph, terms.SITE))


def find_routes(
    graph: Graph,
    start: URIRef,
    end: URIRef | None = None,
    *,
    site: URIRef | None = None,
    max_steps: int = MAX_STEPS,
) -> list[list[str]]:
    """Every route from ``start`` (to ``end``, or to wherever a route can stop) of at most
    ``max_steps`` steps, as lists of role IRIs, shortest first then alphabetical. With ``site``,
    every role after the start must be one the site offers."""
    allowed: set[str] | None = None
    if site is not None:
        offered = query_graph(graph, query_text("routes", "site-roles"), {"site": site})
        allowed = {str(r) for (r,) in offered.rows}
    successors: dict[str, list[str]] = defaultdict(list)
    edges = query_graph(graph, query_text("routes", "progression-edges"))
    for source, target, source_max, target_min in edges.rows:
        # Guard the promise of CQ5 even if a rule or a site graph adds a downward edge.
        if int(str(target_min)) < int(str(source_max)):
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
