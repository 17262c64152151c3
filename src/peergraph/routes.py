"""Progression routes between continuum roles (CQ5), and the continuum as journey maps draw it.

A route is a path along ``pg:progressesTo`` edges (made by the rules of ``queries/rules/``, each
with the record of the rule and of what it rests on) on which no step takes on less
responsibility: the next role's lowest LC&R is never below the current role's highest. Routes
are simple paths: no role is visited twice. By default only the shortest routes (to each end) are
given; ``all_routes`` gives every simple route up to the step limit.

This module is the one route engine: ``peergraph routes`` and ``peergraph map`` call it, and
``MAX_STEPS`` is the step limit everything uses by default. It reads the graph only through the
SPARQL of ``queries/routes/``, so it gives the same routes from an rdflib graph
(``Continuum.from_graph``) and from a SPARQL endpoint (``Continuum.from_endpoint``). The query
``cq05-progression-routes`` answers only which role can be reached from which (SPARQL gives
reachability, not paths); its tests check that its pairs are exactly the starts and ends of the
routes found here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from peergraph import terms
from peergraph.errors import InputError
from peergraph.resources import query_text
from peergraph.terms import slug
from peergraph.vocab import NAMESPACES

if TYPE_CHECKING:
    from rdflib import Graph, URIRef

__all__ = [
    "MAX_STEPS",
    "Basis",
    "Continuum",
    "Role",
    "Routes",
    "SiteView",
    "find_routes",
    "resolve_role",
    "resolve_site",
]

# The longest route reported, in steps (moves from one role to the next), unless told otherwise.
MAX_STEPS = 10

_PG = NAMESPACES["pg"]
_FEMALE, _MALE = _PG + "female-estate", _PG + "male-estate"

# A query runner: SPARQL text and bindings (variable -> rdflib term) to rows (variable -> term).
Select = Callable[[str, Mapping[str, Any]], list[dict[str, Any]]]


@dataclass(frozen=True)
class Place:
    """A place in the source a record cites: where (a locator) and, for a cell, its words."""

    where: str
    text: str | None


@dataclass(frozen=True)
class Basis:
    """One fact record of an edge: the rule that made it (``derived``) or a reading it rests on
    (``interpretation``), its reason and the places in the source it cites."""

    rule: str
    kind: str
    reason: str
    places: tuple[Place, ...]


@dataclass(frozen=True)
class Role:
    """A continuum role as routes and maps show it."""

    iri: str
    label: str
    position: int
    min_level: int
    max_level: int
    lcr: str
    paid: bool | None
    scopes: tuple[int, ...]
    scope_labels: tuple[str, ...]

    @property
    def slug(self) -> str:
        return slug(self.iri)

    @property
    def widest_scope(self) -> int:
        return max(self.scopes, default=0)


@dataclass(frozen=True)
class SiteView:
    """A prison as routes and maps see it: the continuum roles its wings offer, the roles its
    routes may use (more, where its routes are recorded as running across the wider prison),
    its estate, and what it records of progression, local role by local role."""

    iri: str
    label: str
    estate: str | None
    offered: frozenset[str]
    usable: frozenset[str]
    wider_prison_notes: tuple[str, ...]
    local_roles: tuple[tuple[str, str, str | None, str | None], ...]  # (local, label, role, status)

    @property
    def estate_label(self) -> str | None:
        return {_FEMALE: "female estate", _MALE: "male estate"}.get(self.estate or "")


@dataclass
class Continuum:
    """The continuum's roles and edges, read once through the queries of ``queries/routes/``."""

    select: Select
    roles: dict[str, Role]
    successors: dict[str, list[str]]
    bases: dict[tuple[str, str], list[Basis]]
    allies: dict[str, str]
    allies_label: str
    variants: dict[str, list[tuple[str, str, str]]]  # role -> (variant, label, estate)
    sites: dict[str, tuple[str, str | None]]  # site -> (label, estate)

    # -- loading -------------------------------------------------------------------------------

    @classmethod
    def from_graph(cls, graph: Graph) -> Continuum:
        """The continuum of an rdflib graph (the bundled graph, with any site graphs), read on
        the default engine's store (a copy: the queries join edges with their records)."""
        from peergraph.query.engines import normalise_term, open_store

        store = open_store()
        store.add_graph(graph)

        def select(text: str, bindings: Mapping[str, Any]) -> list[dict[str, Any]]:
            outcome = store.query(text, dict(bindings))
            return [
                {var: normalise_term(term) for var, term in zip(outcome.vars, row, strict=True)}
                for row in outcome.rows
            ]

        return cls.load(select)

    @classmethod
    def from_endpoint(cls, url: str, *, timeout: float | None = None) -> Continuum:
        """The continuum of a SPARQL endpoint that holds the bundled graph."""
        from peergraph.query import KnowledgeGraph

        kg = (
            KnowledgeGraph(endpoint=url)
            if timeout is None
            else KnowledgeGraph(endpoint=url, timeout=timeout)
        )

        def select(text: str, bindings: Mapping[str, Any]) -> list[dict[str, Any]]:
            return list(kg.sparql(text, **bindings))

        return cls.load(select)

    @classmethod
    def load(cls, select: Select) -> Continuum:
        roles = _roles(select(query_text("routes", "roles"), {}))
        successors: dict[str, list[str]] = defaultdict(list)
        for row in select(query_text("routes", "progression-edges"), {}):
            source, target = str(row["from"]), str(row["to"])
            # Guard the promise of CQ5 even if a rule or a site graph adds a downward edge.
            if int(str(row["toMin"])) < int(str(row["fromMax"])):
                continue
            if target not in successors[source]:
                successors[source].append(target)
        for targets in successors.values():
            targets.sort(key=slug)
        bases = _bases(select(query_text("routes", "edge-records"), {}))
        allies: dict[str, str] = {}
        allies_label = "CFO-Allies"
        for row in select(query_text("routes", "allies"), {}):
            allies[str(row["role"])] = str(row["into"])
            allies_label = str(row["label"] or allies_label)
        variants: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for row in select(query_text("routes", "role-names"), {}):
            variants[str(row["role"])].append(
                (str(row["variant"]), str(row["label"]), str(row["estate"]))
            )
        sites = {
            str(row["site"]): (
                str(row["label"]) if row["label"] is not None else slug(str(row["site"])),
                str(row["estate"]) if row["estate"] is not None else None,
            )
            for row in select(query_text("routes", "sites"), {})
        }
        return cls(
            select, roles, dict(successors), bases, allies, allies_label, dict(variants), sites
        )

    # -- names ---------------------------------------------------------------------------------

    def resolve_role(self, text: str) -> str:
        """A continuum role from its slug (``peer-mentor``), prefixed name, IRI, or the name it
        goes by in one estate (``red-band``, ``purple-band``: footnote 18)."""
        from rdflib import URIRef

        for role, names in self.variants.items():
            for variant, _label, _estate in names:
                if text in (variant, slug(variant)) or terms.candidates(text, terms.ROLE) == [
                    URIRef(variant)
                ]:
                    return role
        known = {URIRef(r) for r in self.roles}
        return str(terms.resolve(text, terms.ROLE, known))

    def resolve_site(self, text: str) -> str:
        """A prison from its slug (``hmp-risley``), prefixed name or IRI."""
        from rdflib import URIRef

        return str(terms.resolve(text, terms.SITE, {URIRef(s) for s in self.sites}))

    def label(self, role: str, site: SiteView | None = None) -> str:
        """A role's label, as the site's estate names it (Purple Band in the female estate, Red
        Band in the male) where the site has an estate."""
        if site is not None and site.estate is not None:
            for _variant, name, estate in self.variants.get(role, ()):
                if estate == site.estate:
                    return name
        found = self.roles.get(role)
        return found.label if found else slug(role)

    # -- sites ---------------------------------------------------------------------------------

    def site(self, site: str) -> SiteView:
        """What ``site`` offers and records, through ``queries/routes/site-roles.rq``."""
        from rdflib import URIRef

        rows = self.select(query_text("routes", "site-roles"), {"site": URIRef(site)})
        offered = {str(r["role"]) for r in rows if str(r["how"]) == "offered"}
        usable = {str(r["role"]) for r in rows}
        notes = sorted({str(r["note"]) for r in rows if str(r["how"]) == "wider prison"})
        local: dict[str, tuple[str, str, str | None, str | None]] = {}
        for r in rows:
            iri = str(r["local"])
            role = str(r["role"]) if str(r["how"]) == "offered" else None
            known = local.get(iri)
            label = str(r["localLabel"]) if r["localLabel"] is not None else slug(iri)
            status = slug(str(r["status"])) if r["status"] is not None else None
            if known is None or (role is not None and known[2] is None):
                local[iri] = (iri, label, role, status)
        label, estate = self.sites.get(site, (slug(site), None))
        return SiteView(
            site,
            label,
            estate,
            frozenset(offered),
            frozenset(usable),
            tuple(notes),
            tuple(local[k] for k in sorted(local)),
        )

    def entries(self, allowed: Iterable[str] | None = None) -> list[str]:
        """The roles with no way in (no edge into them from another role, among ``allowed``):
        where routes start."""
        pool = set(self.roles) if allowed is None else set(allowed)
        reached = {t for s in pool for t in self.successors.get(s, ()) if t in pool}
        return sorted((r for r in pool if r not in reached), key=self._order)

    def dead_ends(self, allowed: Iterable[str] | None = None) -> list[str]:
        """The roles with no onward edge (to another role among ``allowed``)."""
        pool = set(self.roles) if allowed is None else set(allowed)
        return sorted(
            (r for r in pool if not any(t in pool for t in self.successors.get(r, ()))),
            key=self._order,
        )

    def _order(self, role: str) -> tuple[int, str]:
        found = self.roles.get(role)
        return (found.position if found else 10**6, role)

    # -- routes --------------------------------------------------------------------------------

    def find(
        self,
        start: str,
        end: str | None = None,
        *,
        allowed: Iterable[str] | None = None,
        max_steps: int = MAX_STEPS,
        all_routes: bool = False,
    ) -> list[list[str]]:
        """Routes from ``start`` (to ``end``, or to every role a route can reach) of at most
        ``max_steps`` steps, as lists of role IRIs, shortest first, then in the order of their
        slugs. Only the shortest to each end unless ``all_routes``. With ``allowed``, every role
        after the start must be one of them."""
        pool = None if allowed is None else set(allowed)
        routes: list[list[str]] = []
        path = [start]

        def walk() -> None:
            here = path[-1]
            if len(path) > 1 and (end is None or here == end):
                routes.append(list(path))
            if len(path) > max_steps or (end is not None and here == end):
                return
            for nxt in self.successors.get(here, ()):
                if nxt not in path and (pool is None or nxt in pool):
                    path.append(nxt)
                    walk()
                    path.pop()

        walk()
        if not all_routes:
            shortest: dict[str, int] = {}
            for route in routes:
                shortest[route[-1]] = min(shortest.get(route[-1], len(route)), len(route))
            routes = [r for r in routes if len(r) == shortest[r[-1]]]
        return sorted(routes, key=lambda r: (len(r), [slug(x) for x in r]))


@dataclass(frozen=True)
class Routes:
    """Routes found (lists of role IRIs), with what labels and explains them: what the
    ``routes`` renderers of ``peergraph.render`` take. ``graph`` (the rdflib graph, where the
    routes came from one) is kept for callers that still label by it."""

    graph: Graph | None
    routes: list[list[str]]
    continuum: Continuum | None = None
    site: SiteView | None = None
    explain: bool = False
    notes: list[str] = field(default_factory=list)

    def label(self, role: str) -> str:
        if self.continuum is not None:
            return self.continuum.label(role, self.site)
        from rdflib import URIRef

        return terms.label(self.graph, URIRef(role)) if self.graph is not None else slug(role)

    def bases(self, source: str, target: str) -> list[Basis]:
        if self.continuum is None:
            return []
        return self.continuum.bases.get((source, target), [])


def _roles(rows: list[dict[str, Any]]) -> dict[str, Role]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[str(row["role"])].append(row)
    roles: dict[str, Role] = {}
    for iri, group in grouped.items():
        first = group[0]
        low, high = str(first["minLabel"]), str(first["maxLabel"])
        scopes = sorted(
            {(int(str(r["scopePosition"])), str(r["scopeLabel"])) for r in group if r["scope"]}
        )
        payment = first["payment"]
        roles[iri] = Role(
            iri=iri,
            label=str(first["label"]),
            position=int(str(first["position"])),
            min_level=int(str(first["minLevel"])),
            max_level=int(str(first["maxLevel"])),
            lcr=low if low == high else f"{low}-{high}",
            paid=None if payment is None else str(payment) == _PG + "paid",
            scopes=tuple(p for p, _ in scopes),
            scope_labels=tuple(label for _, label in scopes),
        )
    return roles


def _bases(rows: list[dict[str, Any]]) -> dict[tuple[str, str], list[Basis]]:
    records: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in rows:
        key = (str(row["from"]), str(row["to"]), str(row["record"]))
        record = records.setdefault(
            key,
            {
                "rule": str(row["rule"]) if row["rule"] is not None else "",
                "kind": slug(str(row["kind"])).rsplit("#", 1)[-1],
                "reason": str(row["reason"]) if row["reason"] is not None else "",
                "places": [],
            },
        )
        if row["where"] is not None:
            place = Place(str(row["where"]), str(row["text"]) if row["text"] is not None else None)
            if place not in record["places"]:
                record["places"].append(place)
    found: dict[tuple[str, str], list[Basis]] = defaultdict(list)
    # The rule's own record first, then the readings it rests on.
    for (source, target, _record), r in sorted(
        records.items(), key=lambda item: (item[0][:2], item[1]["kind"] != "derived", item[0][2])
    ):
        found[(source, target)].append(
            Basis(r["rule"], r["kind"], r["reason"], tuple(sorted(r["places"], key=_place_order)))
        )
    return dict(found)


def _place_order(place: Place) -> tuple[int, str]:
    # Cells (with their words) before passages, each in the order of their locators.
    return (0 if place.text is not None else 1, place.where)


# --- the functions the rest of peergraph (and its tests) call -----------------------------------


def resolve_role(graph: Graph, text: str) -> URIRef:
    """A continuum role from its slug (``peer-mentor``), prefixed name, IRI, or estate name."""
    from rdflib import URIRef

    return URIRef(Continuum.from_graph(graph).resolve_role(text))


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
    all_routes: bool = False,
) -> list[list[str]]:
    """The routes from ``start`` (to ``end``, or to wherever a route can stop) of at most
    ``max_steps`` steps, as lists of role IRIs, shortest first then alphabetical: only the
    shortest to each end unless ``all_routes``. With ``site``, every role after the start must
    be one the site's routes may use."""
    continuum = Continuum.from_graph(graph)
    allowed = continuum.site(str(site)).usable if site is not None else None
    return continuum.find(
        str(start),
        str(end) if end is not None else None,
        allowed=allowed,
        max_steps=max_steps,
        all_routes=all_routes,
    )


def site_from_input(continuum_graph: Graph, text: str) -> tuple[Graph, str] | None:
    """Where ``--site`` names a file or folder (a site graph or form), its graph and its one
    prison; None where it names a site by slug or IRI."""
    import os

    from rdflib import RDF, RDFS, URIRef

    if not os.path.exists(text):
        return None
    from peergraph.validation.sites import read_input

    graph = read_input(text).graph
    classes = set(continuum_graph.transitive_subjects(RDFS.subClassOf, URIRef(_PG + "Prison")))
    prisons = sorted(
        {str(s) for c in classes for s in graph.subjects(RDF.type, c) if isinstance(s, URIRef)}
    )
    if len(prisons) != 1:
        raise InputError(
            f"describes {len(prisons)} prisons, and --site needs one",
            path=text,
            hint="give a file of one prison, or load the files with --data and name the prison "
            "with --site SLUG",
        )
    return graph, prisons[0]
