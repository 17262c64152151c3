"""``peergraph.KnowledgeGraph``: the study's graph (or a SPARQL endpoint) and its query library.

::

    from peergraph import KnowledgeGraph

    kg = KnowledgeGraph()                                   # bundled graph, embedded store
    kg = KnowledgeGraph(data=["my-site.ttl"])               # ... plus your site graphs
    kg = KnowledgeGraph(endpoint="http://127.0.0.1:7878/query")  # any SPARQL 1.1 endpoint

    for row in kg.query("cq04-peer-mentor-sites"):
        print(row["siteLabel"], row["accreditedLevel2Mentoring"])
    kg.query("cq05-progression-routes", from_="listener", to="peer-mentor").to_dataframe()
    kg.sparql("SELECT ?r WHERE { ?r a pg:ContinuumRole }")  # ad hoc; pg:, role:... are known

Local and remote answers have the same shape: a ``querying.Result`` of rdflib terms.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from peergraph.errors import InputError
from peergraph.query.engines import QueryOutcome, Store, open_store, query_graph
from peergraph.query.library import QuerySpec, find_query, library, parse_query_text
from peergraph.query.params import bind_params
from peergraph.query.remote import DEFAULT_TIMEOUT, RemoteEndpoint
from peergraph.query.results import Result
from peergraph.query.sparql import query_form, with_prefixes
from peergraph.vocab import NAMESPACES

if TYPE_CHECKING:
    from rdflib import URIRef
    from rdflib.term import Identifier

    from peergraph.terms import NameKind

__all__ = ["DEFAULT_TIMEOUT", "KnowledgeGraph", "RemoteEndpoint", "with_prefixes"]


class KnowledgeGraph:
    """The knowledge graph to query: embedded, or a remote SPARQL 1.1 endpoint.

    ``data``: site graphs (files or folders) to add to the bundled graph. ``bundled_sites``:
    include the four pilot sites of ``data/sites/`` (default) or only the reference data (the
    ontology, continuum, study...). ``endpoint``: run every query there instead; ``data`` and
    ``bundled_sites`` are then ignored (the endpoint holds what it holds). ``timeout``: seconds
    to wait for a remote answer. ``engine``: the embedded store's engine (see
    ``peergraph.query.engines``).
    ``strict=False`` reads ``data`` with the engine's own parser: about ten times faster on large
    files (docs/performance.md), without peergraph's checks (warnings, ill-typed literals) and
    its file:line error messages.
    ``allow_service``: whether local queries may run ``SERVICE`` clauses (outbound requests);
    refused by default.
    """

    def __init__(
        self,
        data: Iterable[str | os.PathLike[str]] = (),
        *,
        endpoint: str | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        bundled_sites: bool = True,
        engine: str | None = None,
        strict: bool = True,
        allow_service: bool = False,
    ) -> None:
        self.endpoint = endpoint
        self.store: Store | None = None
        self._remote: RemoteEndpoint | None = None
        self._names: dict[NameKind, set[URIRef]] = {}
        if endpoint is not None:
            self._remote = RemoteEndpoint(endpoint, timeout=timeout)
            return
        from peergraph import graph as loading
        from peergraph import rules
        from peergraph.rdfio import collect_files

        store = open_store(engine, allow_service=allow_service)
        store.add_graph(
            loading.load_bundled_graph() if bundled_sites else loading.load_reference_graph()
        )
        data = list(data)
        if data and strict:
            store.add_graph(loading.load_files(data))
        elif data:
            for file in collect_files(data):
                store.load_file(file)
            # The site links that load_files materialises on the strict path: the site rules
            # run over the whole store, less what they would derive from the reference data.
            reference = loading.load_reference_graph()
            for path in rules.site_rule_files():
                rule = path.read_text(encoding="utf-8")
                derived = store.query(rule).constructed()
                store.add_graph(derived - query_graph(reference, rule).constructed())
        self.store = store

    # -- queries -----------------------------------------------------------------------------

    def query(self, name_or_text: str | QuerySpec, /, **params: Any) -> Result:
        """Run a library query (by name), a ``.rq`` file (by path) or SPARQL text.

        Parameters are given as keywords, as strings (typed by the query's header: a role slug,
        a prefixed name, a number...) or as rdflib terms; a trailing underscore is dropped so
        that Python keywords can be used (``from_="listener"``). Updates are refused: use
        ``update()``.
        """
        spec = name_or_text if isinstance(name_or_text, QuerySpec) else _resolve(name_or_text)
        return self.run(spec, _keywords(params))

    def sparql(self, text: str, /, **bindings: Any) -> Result:
        """Run ad-hoc SPARQL text. ``bindings`` are rdflib terms, or strings read as IRIs when
        they look like one (``role:listener``, ``<http://...>``) and as plain literals otherwise.
        The project's prefixes may be used without declaring them."""
        spec = parse_query_text(with_prefixes(text), name="sparql")
        return self.run(spec, _keywords(bindings))

    def run(self, spec: QuerySpec, values: Mapping[str, Any]) -> Result:
        """Bind ``values`` to ``spec``'s parameters and run it; refuses updates."""
        if query_form(spec.text) == "update":
            raise InputError(
                f"{spec.name} is a SPARQL update, and updates are refused by default",
                hint="pass --allow-update (or call KnowledgeGraph.update()) to run it",
            )
        bindings = bind_params(spec, values, lookup=self._known)
        return Result.of(self._select(spec.text, bindings), spec)

    def update(self, text: str) -> None:
        """Run a SPARQL update on the embedded store (in memory: nothing is saved) or the
        endpoint (give its update URL, e.g. Oxigraph's ``/update``)."""
        if self._remote is not None:
            self._remote.update(text)
        else:
            assert self.store is not None
            self.store.update(text)

    def queries(self) -> list[QuerySpec]:
        """The query library."""
        return library()

    def __len__(self) -> int:
        """Triples in the embedded store (a COUNT query on an endpoint)."""
        if self.store is not None:
            return len(self.store)
        result = self._select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {})
        return int(str(result.rows[0][0]))

    # -- internals ---------------------------------------------------------------------------

    def _select(self, text: str, bindings: Mapping[str, Identifier]) -> QueryOutcome:
        if self._remote is not None:
            return self._remote.query(text, bindings)
        assert self.store is not None
        return self.store.query(text, bindings)

    def _known(self, kind: NameKind) -> Collection[URIRef]:
        """The graph's names of ``kind`` (its classes' instances), asked once per kind."""
        from rdflib import URIRef

        if kind not in self._names:
            classes = " ".join(f"<{cls}>" for cls in kind.classes)
            outcome = self._select(
                "SELECT DISTINCT ?x WHERE { VALUES ?class { " + classes + " } "
                f"?x a/<{NAMESPACES['rdfs']}subClassOf>* ?class }}",
                {},
            )
            self._names[kind] = {row[0] for row in outcome.rows if isinstance(row[0], URIRef)}
        return self._names[kind]


def _keywords(params: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments as parameter names: ``from_`` is ``from`` (a Python keyword)."""
    return {name.removesuffix("_"): value for name, value in params.items()}


def _resolve(name_or_text: str) -> QuerySpec:
    if "{" in name_or_text or query_form(name_or_text) is not None:
        return parse_query_text(with_prefixes(name_or_text), name="sparql")
    return find_query(name_or_text)


# ---------------------------------------------------------------------------------------------
# Remote endpoints
